import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import {
  alice,
  type DaoHarness,
  daoBehaviour,
  typesBehaviour,
  type UserFormLike,
  type UserRowLike,
  type UsersDaoLike,
} from '../dao-shared/behaviour.js';
import { typesService, usersService } from '../dao-shared/fixture.js';
import { DbMetadataError } from '../dao-shared/generate.js';
import { driverTypeOptions, importGenerated } from '../dao-shared/testing.js';
import { typeCheck } from '../testing/compile.js';
import { checkGolden } from '../testing/golden.js';
import { injectedCalls } from '../testing/injection.js';
import { generator } from './index.js';

const files = generator.generate({ service: usersService(), imports: [], options: {} });

test('sqlite-dao output matches the golden files and compiles strictly with better-sqlite3', () => {
  checkGolden('generators/sqlite-dao/golden', files);
  const usage = {
    path: 'usage.ts',
    contents: [
      "import Database from 'better-sqlite3';",
      "import { betterSqlite3Db, migrate, UsersDao } from './index.js';",
      "const db = betterSqlite3Db(new Database(':memory:'));",
      'migrate(db);',
      'const dao = new UsersDao(db);',
      "const row = dao.insert({ email: 'a@b.c', status: 'active', verified: true });",
      'const email: string = row.email;',
      'db.transaction((tx) => new UsersDao(tx).findAll({ status: ["active"], orderBy: "-email", limit: 1 }));',
      'export { email };',
    ].join('\n'),
  };
  const { errors } = typeCheck(new Map([['out', [...files, usage]]]), driverTypeOptions());
  assert.deepEqual(errors, []);
});

test('without an index on email there is no findByEmail, and tsc rejects a call to it', () => {
  const unindexed = generator.generate({ service: usersService({ indexes: [] }), imports: [], options: {} });
  const usage = {
    path: 'usage.ts',
    contents:
      "import type { UsersDao } from './index.js';\nexport const find = (dao: UsersDao) => dao.findByEmail('a@b.c');\n",
  };
  const { errors } = typeCheck(new Map([['out', [...unindexed, usage]]]), driverTypeOptions());
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0]!, /usage\.ts.*Property 'findByEmail' does not exist on type 'UsersDao'/);
  const filters = unindexed.find((f) => f.path === 'users-dao.ts')!.contents;
  assert.doesNotMatch(
    filters,
    /email\?: string \| ReadonlyArray/,
    'no findAll filter on an unindexed column',
  );
});

interface SqliteModule {
  betterSqlite3Db(db: Database.Database): { transaction<T>(fn: (tx: unknown) => T): T };
  migrate(db: unknown): void;
  UsersDao: new (db: unknown) => UsersDaoLike;
  UniqueViolationError: DaoHarness['errors']['UniqueViolationError'];
  CheckViolationError: DaoHarness['errors']['CheckViolationError'];
}

const modulePromise = importGenerated<SqliteModule>(files, 'index.js');
const open = new Map<DaoHarness, { dir: string; database: Database.Database }>();

daoBehaviour(
  'sqlite',
  async () => {
    const mod = await modulePromise;
    const dir = mkdtempSync(join(tmpdir(), 'canon-sqlite-'));
    const database = new Database(join(dir, 'test.db'));
    const db = mod.betterSqlite3Db(database);
    mod.migrate(db);
    mod.migrate(db); // idempotent
    const harness: DaoHarness = {
      dao: new mod.UsersDao(db),
      journal: async () =>
        database.prepare('SELECT * FROM users_journal ORDER BY journal_id').all() as Awaited<
          ReturnType<DaoHarness['journal']>
        >,
      rawInsert: async (id, email) => {
        database
          .prepare("INSERT INTO users (id, email, status, verified, hash_code) VALUES (?, ?, 'active', 1, 0)")
          .run(id, email);
      },
      errors: {
        UniqueViolationError: mod.UniqueViolationError,
        CheckViolationError: mod.CheckViolationError,
      },
    };
    open.set(harness, { dir, database });
    return harness;
  },
  async (h) => {
    const entry = open.get(h)!;
    entry.database.close();
    rmSync(entry.dir, { recursive: true, force: true });
  },
);

test("sqlite: every DAO method takes part in a caller's transaction", async () => {
  const mod = await modulePromise;
  const database = new Database(':memory:');
  const db = mod.betterSqlite3Db(database);
  mod.migrate(db);
  const dao = new mod.UsersDao(db);
  assert.throws(
    () =>
      db.transaction((tx) => {
        const inner = new mod.UsersDao(tx);
        inner.insert(alice);
        assert.equal((inner.findByEmail(alice.email) as { email: string }).email, alice.email);
        throw new Error('abort');
      }),
    /abort/,
  );
  assert.equal(dao.findByEmail(alice.email), undefined);
  assert.deepEqual(database.prepare('SELECT count(*) AS n FROM users_journal').get(), { n: 0 });
  db.transaction((tx) => {
    // A batch inside the caller's transaction nests as a savepoint.
    new mod.UsersDao(tx).insertBatch([alice, { ...alice, email: 'b@example.com' }]);
  });
  assert.equal((dao.findAll() as unknown[]).length, 2);
  database.close();
});

test('hash_code: equal values hash equal; values that print alike but differ do not', async () => {
  const { hashCode } = (await modulePromise) as unknown as { hashCode(values: readonly unknown[]): number };
  assert.equal(hashCode(['a', null, 1, true, ['x']]), hashCode(['a', null, 1, true, ['x']]));
  const distinct = [
    [['ab']],
    [['a', 'b']],
    [[1]],
    [['1']],
    [[null]],
    [['']],
    [[]],
    [[true]],
    [['true']],
    [[{ a: 1 }]],
  ];
  const hashes = new Set(distinct.map(([values]) => hashCode(values as unknown[])));
  assert.equal(hashes.size, distinct.length);
  for (const h of hashes) assert.ok(Number.isSafeInteger(h) && h >= 0);
});

test('audit "by" columns: write methods take the actor first and record it', async () => {
  const audited = generator.generate({
    service: usersService({
      audit: { created_at: true, updated_at: true, created_by: true, updated_by: 'changed_by' },
    }),
    imports: [],
    options: {},
  });
  const { errors } = typeCheck(new Map([['out', audited]]), driverTypeOptions());
  assert.deepEqual(errors, []);
  type Audited = UserFormLike & { created_by?: string; changed_by?: string; id?: string };
  const mod = await importGenerated<{
    betterSqlite3Db(db: Database.Database): unknown;
    migrate(db: unknown): void;
    UsersDao: new (
      db: unknown,
    ) => {
      insert(by: string, form: UserFormLike): Audited;
      update(by: string, id: string, form: UserFormLike): Audited | undefined;
      upsert(by: string, row: UserFormLike & { id: string }): boolean;
    };
  }>(audited, 'index.js');
  const db = mod.betterSqlite3Db(new Database(':memory:'));
  mod.migrate(db);
  const dao = new mod.UsersDao(db);
  const row = dao.insert('ada', alice);
  assert.deepEqual([row.created_by, row.changed_by], ['ada', 'ada']);
  const updated = dao.update('grace', row.id!, { ...alice, name: 'Changed' });
  assert.deepEqual([updated?.created_by, updated?.changed_by], ['ada', 'grace']);
  assert.equal(
    dao.upsert('linus', { id: row.id!, ...alice, name: 'Changed' }),
    false,
    'same values: no write',
  );
});

test('hostile db metadata is refused with every problem listed; hostile values stay data', async () => {
  const evilTable = usersService({
    table: 'users"; DROP TABLE x; --',
    indexes: [{ fields: ['email'], where: "email = 'a'; DROP TABLE users; --" }, { fields: ['nope'] }],
    surprise: true,
  });
  assert.throws(
    () => generator.generate({ service: evilTable, imports: [], options: {} }),
    (error: unknown) => {
      assert.ok(error instanceof DbMetadataError);
      assert.deepEqual(
        error.diagnostics.map((d) => d.code),
        ['db-unknown-key', 'db-invalid-name', 'db-invalid-index', 'db-invalid-index'],
      );
      return true;
    },
  );
  // Enum values and partial-index literals from the spec are SQL and TS literals, never code.
  const evil = "x'); DROP TABLE users; --";
  const service = usersService({
    indexes: [{ fields: ['email'], unique: true, where: `name = '${evil.replaceAll("'", "''")}'` }],
  });
  service.enums[0]!.values.push({ name: 'evil', value: evil, attributes: [] });
  const files = generator.generate({ service, imports: [], options: {} });
  for (const file of files.filter((f) => f.path.endsWith('.ts')))
    assert.deepEqual(injectedCalls(file.contents), []);
  const mod = await importGenerated<SqliteModule>(files, 'index.js');
  const database = new Database(':memory:');
  const db = mod.betterSqlite3Db(database);
  mod.migrate(db);
  const row = new mod.UsersDao(db).insert({ ...alice, status: evil }) as UserRowLike;
  assert.equal(row.status, evil);
  assert.deepEqual(database.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'users'").get(), {
    n: 1,
  });
  database.close();
});

typesBehaviour(
  'sqlite',
  async () => {
    const typeFiles = generator.generate({ service: typesService(), imports: [], options: {} });
    assert.deepEqual(typeCheck(new Map([['types', typeFiles]]), driverTypeOptions()).errors, []);
    const mod = await importGenerated<
      Record<string, new (db: unknown) => Record<string, never>> & SqliteModule
    >(typeFiles, 'index.js');
    const db = mod.betterSqlite3Db(new Database(':memory:'));
    mod.migrate(db);
    return {
      events: new mod.EventsDao!(db),
      tokens: new mod.TokensDao!(db),
      notes: new mod.NotesDao!(db),
      tags: new mod.TagsDao!(db),
    };
  },
  async () => {},
);
