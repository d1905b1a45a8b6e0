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

type AnyDao = Record<string, (...args: never[]) => unknown>;

/** What `typesBehaviour` needs: the DAOs of `typesService()` over a fresh, migrated database. */
export interface TypesHarness {
  events: AnyDao;
  tokens: AnyDao;
  notes: AnyDao;
  tags: AnyDao;
}

const call = async (dao: AnyDao, method: string, ...args: unknown[]): Promise<unknown> =>
  (dao[method] as unknown as (...a: unknown[]) => unknown)(...args);

/** Column types and key generation kinds round-trip the same way on both databases. */
export function typesBehaviour(
  label: string,
  open: () => Promise<TypesHarness>,
  close: (h: TypesHarness) => Promise<void>,
): void {
  test(`${label}: every column type round-trips; auto, uuid and caller-given keys`, async () => {
    const h = await open();
    try {
      const event = {
        kind: 'suspended',
        count: 3,
        big: 9007199254740991,
        ratio: 0.25,
        price: 12.5,
        flag: true,
        day: '2024-02-29',
        at: '2024-02-29T12:34:56.789Z',
        ref: '0b6c6f50-6d5c-4c2c-9f7e-0a3e43a3f1aa',
        payload: { nested: [1, 'two', null] },
        labels: { a: 'b' },
        scores: [1, 2, 3],
      };
      const first = (await call(h.events, 'insert', event)) as { id: number };
      const second = (await call(h.events, 'insert', { ...event, ref: undefined, flag: false })) as {
        id: number;
      };
      assert.equal(typeof first.id, 'number');
      assert.equal(second.id, first.id + 1);
      assert.deepEqual(first, { id: first.id, ...event });
      assert.deepEqual(await call(h.events, 'findById', first.id), first);
      assert.equal('ref' in second, false);
      assert.deepEqual(await call(h.events, 'findByRef', event.ref), first);
      assert.deepEqual(
        ((await call(h.events, 'findAll', { flag: false })) as { id: number }[]).map((e) => e.id),
        [second.id],
      );
      assert.deepEqual(
        ((await call(h.events, 'findAll', { day: ['2024-02-29'], orderBy: '-id' })) as { id: number }[]).map(
          (e) => e.id,
        ),
        [second.id, first.id],
      );
      assert.equal(await call(h.events, 'upsert', { ...event, id: first.id }), false, 'unchanged');
      const ids = async (filters: Record<string, unknown>): Promise<number[]> =>
        ((await call(h.events, 'findAll', filters)) as { id: number }[]).map((e) => e.id);
      assert.deepEqual(await ids({ id: { gt: first.id } }), [second.id]);
      assert.deepEqual(await ids({ id: { gte: first.id, lte: second.id } }), [first.id, second.id]);
      assert.deepEqual(await ids({ day: { gte: '2024-01-01', lt: '2024-03-01' }, flag: true }), [first.id]);
      assert.deepEqual(await ids({ day: { lt: '2024-01-01' } }), []);
      await assert.rejects(async () => ids({ id: { around: 1 } }), RangeError);

      const token = (await call(h.tokens, 'insert', { owner: 'ada' })) as { id: string };
      assert.match(token.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      assert.equal(
        await call(h.tokens, 'upsert', { id: token.id, owner: 'ada' }),
        true,
        'no hash_code: always written',
      );
      assert.equal(((await call(h.tokens, 'findById', token.id)) as { owner: string }).owner, 'ada');

      await call(h.notes, 'insert', { key: 'k1', text: 'hello' });
      const note = (await call(h.notes, 'findById', 'k1')) as Record<string, unknown>;
      assert.deepEqual([note.key, note.text, typeof note.created_at], ['k1', 'hello', 'string']);
      assert.equal(await call(h.notes, 'delete', 'k1'), true);

      assert.deepEqual(await call(h.tags, 'insert', { name: 'red' }), { name: 'red' });
      assert.equal(await call(h.tags, 'upsert', { name: 'red' }), false, 'a key-only row exists or not');
      assert.equal(await call(h.tags, 'upsert', { name: 'blue' }), true);
      assert.deepEqual(await call(h.tags, 'update', 'red', {}), { name: 'red' });
      assert.equal(await call(h.tags, 'deleteBatch', ['red', 'blue']), 2);
    } finally {
      await close(h);
    }
  });
}
