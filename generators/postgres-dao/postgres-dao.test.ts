import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import pg from 'pg';
import {
  alice,
  type DaoHarness,
  daoBehaviour,
  typesBehaviour,
  type UsersDaoLike,
} from '../dao-shared/behaviour.js';
import { typesService, usersService } from '../dao-shared/fixture.js';
import { driverTypeOptions, importGenerated } from '../dao-shared/testing.js';
import { typeCheck } from '../testing/compile.js';
import { checkGolden } from '../testing/golden.js';
import { generator } from './index.js';

/** The machine's PostgreSQL (trust authentication); each test gets its own schema, dropped after. */
export const PG_CONFIG = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  database: process.env.PGDATABASE ?? 'test',
  user: process.env.PGUSER ?? 'postgres',
};

const files = generator.generate({ service: usersService(), imports: [], options: {} });

test('postgres-dao output matches the golden files and compiles strictly with pg', () => {
  checkGolden('generators/postgres-dao/golden', files);
  const usage = {
    path: 'usage.ts',
    contents: [
      "import pg from 'pg';",
      "import { migrate, pgClientDb, pgPoolDb, UsersDao } from './index.js';",
      'const db = pgPoolDb(new pg.Pool());',
      'await migrate(db);',
      'const dao = new UsersDao(db);',
      "const row = await dao.insert({ email: 'a@b.c', status: 'active', verified: true });",
      'const email: string = row.email;',
      'await db.transaction(async (tx) => new UsersDao(tx).findAll({ status: ["active"], orderBy: "-email", limit: 1 }));',
      'export const single = pgClientDb(new pg.Client());',
      'export { email };',
    ].join('\n'),
  };
  const { errors } = typeCheck(new Map([['out', [...files, usage]]]), driverTypeOptions());
  assert.deepEqual(errors, []);
});

interface PgModule {
  pgPoolDb(pool: pg.Pool): { transaction<T>(fn: (tx: unknown) => Promise<T>): Promise<T> };
  migrate(db: unknown): Promise<void>;
  UsersDao: new (db: unknown) => UsersDaoLike;
  UniqueViolationError: DaoHarness['errors']['UniqueViolationError'];
  CheckViolationError: DaoHarness['errors']['CheckViolationError'];
}

const modulePromise = importGenerated<PgModule>(files, 'index.js');
const admin = new pg.Pool({ ...PG_CONFIG, max: 2 });
const pools = new Map<DaoHarness, { pool: pg.Pool; schema: string }>();

const typeSchemas = new Map<object, { pool: pg.Pool; schema: string }>();

async function openSchema(): Promise<{ pool: pg.Pool; schema: string }> {
  const schema = `canon_test_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pool = new pg.Pool({ ...PG_CONFIG, max: 4, options: `-c search_path=${schema}` });
  return { pool, schema };
}

async function closeSchema(entry: { pool: pg.Pool; schema: string }): Promise<void> {
  await entry.pool.end();
  await admin.query(`DROP SCHEMA ${entry.schema} CASCADE`);
}

after(async () => {
  await admin.end();
});

daoBehaviour(
  'postgres',
  async () => {
    const mod = await modulePromise;
    const entry = await openSchema();
    const db = mod.pgPoolDb(entry.pool);
    await mod.migrate(db);
    await mod.migrate(db); // idempotent
    const harness: DaoHarness = {
      dao: new mod.UsersDao(db),
      journal: async () =>
        (await entry.pool.query('SELECT * FROM users_journal ORDER BY journal_id')).rows as Awaited<
          ReturnType<DaoHarness['journal']>
        >,
      rawInsert: async (id, email) => {
        await entry.pool.query(
          "INSERT INTO users (id, email, status, verified, hash_code) VALUES ($1, $2, 'active', true, 0)",
          [id, email],
        );
      },
      errors: {
        UniqueViolationError: mod.UniqueViolationError,
        CheckViolationError: mod.CheckViolationError,
      },
    };
    pools.set(harness, entry);
    return harness;
  },
  async (h) => closeSchema(pools.get(h)!),
);

test("postgres: every DAO method takes part in a caller's transaction, nested batches as savepoints", async () => {
  const mod = await modulePromise;
  const entry = await openSchema();
  try {
    const db = mod.pgPoolDb(entry.pool);
    await mod.migrate(db);
    const dao = new mod.UsersDao(db);
    await assert.rejects(
      db.transaction(async (tx) => {
        const inner = new mod.UsersDao(tx);
        await inner.insert(alice);
        assert.equal((await inner.findByEmail(alice.email))?.email, alice.email);
        throw new Error('abort');
      }),
      /abort/,
    );
    assert.equal(await dao.findByEmail(alice.email), undefined);
    assert.equal((await entry.pool.query('SELECT count(*)::int AS n FROM users_journal')).rows[0].n, 0);
    await db.transaction(async (tx) => {
      const inner = new mod.UsersDao(tx);
      await inner.insert(alice);
      // A failing nested batch rolls back to its savepoint; the outer work survives.
      await assert.rejects(async () => inner.insertBatch([{ ...alice, email: 'b@example.com' }, alice]));
      await inner.insert({ ...alice, email: 'c@example.com' });
    });
    const emails = (await dao.findAll({ orderBy: 'email' })).map((r) => r.email);
    assert.deepEqual(emails, ['alice@example.com', 'c@example.com']);
  } finally {
    await closeSchema(entry);
  }
});

before(async () => {
  await admin.query('SELECT 1');
});

typesBehaviour(
  'postgres',
  async () => {
    const typeFiles = generator.generate({ service: typesService(), imports: [], options: {} });
    assert.deepEqual(typeCheck(new Map([['types', typeFiles]]), driverTypeOptions()).errors, []);
    const mod = await importGenerated<Record<string, new (db: unknown) => Record<string, never>> & PgModule>(
      typeFiles,
      'index.js',
    );
    const entry = await openSchema();
    const db = mod.pgPoolDb(entry.pool);
    await mod.migrate(db);
    const harness = {
      events: new mod.EventsDao!(db),
      tokens: new mod.TokensDao!(db),
      notes: new mod.NotesDao!(db),
      tags: new mod.TagsDao!(db),
    };
    typeSchemas.set(harness, entry);
    return harness;
  },
  async (h) => closeSchema(typeSchemas.get(h)!),
);
