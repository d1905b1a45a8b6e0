import assert from 'node:assert/strict';
import { test } from 'node:test';

/**
 * The DAO behaviour both databases must show, written once against the generated users DAO
 * (`fixture.ts`). Each suite hands in a harness over a real, freshly migrated database; every
 * call is awaited, so the synchronous SQLite DAO and the promise-based PostgreSQL DAO share it.
 */

type Maybe<T> = T | Promise<T>;

export interface UserRowLike {
  id: string;
  email: string;
  name?: string;
  status: string;
  verified: boolean;
  tags?: string[];
  created_at: string;
  updated_at: string;
}

export interface UserFormLike {
  email: string;
  name?: string;
  status: string;
  age?: number;
  verified: boolean;
  tags?: string[];
}

export interface UsersDaoLike {
  findById(id: string): Maybe<UserRowLike | undefined>;
  findByEmail(email: string): Maybe<UserRowLike | undefined>;
  findAll(filters?: Record<string, unknown>): Maybe<UserRowLike[]>;
  insert(form: UserFormLike): Maybe<UserRowLike>;
  upsert(row: UserFormLike & { id: string }): Maybe<boolean>;
  update(id: string, form: UserFormLike): Maybe<UserRowLike | undefined>;
  delete(id: string): Maybe<boolean>;
  insertBatch(forms: UserFormLike[]): Maybe<UserRowLike[]>;
  upsertBatch(rows: Array<UserFormLike & { id: string }>): Maybe<number>;
  deleteBatch(ids: string[]): Maybe<number>;
}

export interface DaoHarness {
  dao: UsersDaoLike;
  /** The journal, oldest first. */
  journal(): Promise<Array<{ journal_operation: string; id: string; email: string | null }>>;
  /** Inserts with plain SQL, bypassing the DAO: proves the database itself enforces a rule. */
  rawInsert(id: string, email: string): Promise<void>;
  errors: {
    UniqueViolationError: new (...args: never[]) => Error;
    CheckViolationError: new (...args: never[]) => Error;
  };
}

export const alice: UserFormLike = {
  email: 'alice@example.com',
  name: 'Alice',
  status: 'active',
  verified: true,
  tags: ['a'],
};

/** Registers the shared behaviour tests; `open` gives a fresh harness per test, `close` ends it. */
export function daoBehaviour(
  label: string,
  open: () => Promise<DaoHarness>,
  close: (h: DaoHarness) => Promise<void>,
): void {
  const withHarness = (name: string, body: (h: DaoHarness) => Promise<void>): void => {
    test(`${label}: ${name}`, async () => {
      const h = await open();
      try {
        await body(h);
      } finally {
        await close(h);
      }
    });
  };

  withHarness(
    'insert generates a prefixed key and returns the stored row; finders read it back',
    async (h) => {
      const row = await h.dao.insert(alice);
      assert.match(row.id, /^usr-[0-9a-f]{32}$/);
      assert.equal(row.email, 'alice@example.com');
      assert.deepEqual(row.tags, ['a']);
      assert.equal(row.verified, true);
      assert.match(row.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      assert.deepEqual(await h.dao.findById(row.id), row);
      assert.deepEqual(await h.dao.findByEmail('alice@example.com'), row);
      assert.equal(await h.dao.findById('usr-missing'), undefined);
      const minimal = await h.dao.insert({ email: 'bob@example.com', status: 'active', verified: false });
      assert.equal('name' in minimal, false, 'absent optional columns are absent properties, not null');
    },
  );

  withHarness('empty and whitespace-only text is rejected by the database itself', async (h) => {
    for (const email of ['', '   ', ' \t\n ']) {
      await assert.rejects(async () => h.dao.insert({ ...alice, email }), h.errors.CheckViolationError);
      await assert.rejects(async () => h.rawInsert(`usr-${email.length}`, email));
    }
    await assert.rejects(
      async () => h.dao.insert({ ...alice, status: 'nope' }),
      h.errors.CheckViolationError,
    );
    assert.deepEqual(await h.dao.findAll(), []);
  });

  withHarness('a duplicate unique value throws UniqueViolationError naming the column', async (h) => {
    await h.dao.insert(alice);
    await assert.rejects(
      async () => h.dao.insert({ ...alice, name: 'Other' }),
      (error: unknown) =>
        error instanceof h.errors.UniqueViolationError &&
        (error as unknown as { columns: string[] }).columns.includes('email'),
    );
  });

  withHarness('the journal records insert, update and delete with operation and timestamp', async (h) => {
    const row = await h.dao.insert(alice);
    await h.dao.update(row.id, { ...alice, name: 'Alice B' });
    assert.equal(await h.dao.delete(row.id), true);
    assert.equal(await h.dao.delete(row.id), false);
    const journal = await h.journal();
    assert.deepEqual(
      journal.map((j) => [j.journal_operation, j.id, j.email]),
      [
        ['insert', row.id, alice.email],
        ['update', row.id, alice.email],
        ['delete', row.id, alice.email],
      ],
    );
  });

  withHarness('an unchanged upsert or update writes nothing and journals nothing', async (h) => {
    const id = 'usr-fixed';
    assert.equal(await h.dao.upsert({ id, ...alice }), true);
    const stored = await h.dao.findById(id);
    assert.equal(await h.dao.upsert({ id, ...alice }), false);
    assert.deepEqual(await h.dao.update(id, alice), stored, 'update returns the unchanged row');
    assert.equal((await h.journal()).length, 1);
    assert.equal(await h.dao.upsert({ id, ...alice, verified: false }), true);
    assert.equal((await h.dao.findById(id))?.verified, false);
    assert.deepEqual(
      (await h.journal()).map((j) => j.journal_operation),
      ['insert', 'update'],
    );
    assert.equal(await h.dao.update('usr-none', alice), undefined);
  });

  withHarness('a batch upsert is atomic: one failing row rolls back all', async (h) => {
    const rows = [
      { id: 'usr-1', ...alice, email: 'one@example.com' },
      { id: 'usr-2', ...alice, email: 'two@example.com' },
      { id: 'usr-3', ...alice, email: ' ' },
    ];
    await assert.rejects(async () => h.dao.upsertBatch(rows), h.errors.CheckViolationError);
    assert.deepEqual(await h.dao.findAll(), []);
    assert.equal(await h.dao.upsertBatch(rows.slice(0, 2)), 2);
    assert.equal(await h.dao.upsertBatch(rows.slice(0, 2)), 0, 'unchanged rows are not written');
    assert.equal(await h.dao.deleteBatch(['usr-1', 'usr-2', 'usr-9']), 2);
  });

  withHarness('findAll filters on key and indexed columns, sorts and pages', async (h) => {
    const made = await h.dao.insertBatch(
      ['c', 'a', 'e', 'b', 'd'].map((x, i) => ({
        ...alice,
        email: `${x}@example.com`,
        status: i % 2 === 0 ? 'active' : 'suspended',
      })),
    );
    const emails = (rows: UserRowLike[]): string[] => rows.map((r) => r.email[0]!);
    assert.deepEqual(emails(await h.dao.findAll({ orderBy: 'email' })), ['a', 'b', 'c', 'd', 'e']);
    assert.deepEqual(emails(await h.dao.findAll({ orderBy: '-email', limit: 2 })), ['e', 'd']);
    assert.deepEqual(emails(await h.dao.findAll({ orderBy: 'email', limit: 2, offset: 2 })), ['c', 'd']);
    assert.deepEqual(emails(await h.dao.findAll({ orderBy: 'email', offset: 4 })), ['e']);
    assert.deepEqual(emails(await h.dao.findAll({ status: 'suspended', orderBy: 'email' })), ['a', 'b']);
    assert.deepEqual(
      emails(await h.dao.findAll({ email: ['a@example.com', 'e@example.com'], orderBy: 'email' })),
      ['a', 'e'],
    );
    assert.deepEqual(emails(await h.dao.findAll({ id: made[0]!.id })), ['c']);
    assert.deepEqual(await h.dao.findAll({ id: [] }), []);
    await assert.rejects(async () => h.dao.findAll({ orderBy: 'name' }), RangeError);
    await assert.rejects(async () => h.dao.findAll({ limit: -1 }), RangeError);
  });
}
