import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { sqliteDialect } from '../sqlite-dao/dialect.js';
import { injectedCalls } from '../testing/injection.js';
import { relayService, usersService } from './fixture.js';
import { daoFiles } from './generate.js';
import { readTables } from './read-db-attribute.js';
import { SQLITE_DB_RUNTIME, SQLITE_RELAY_RUNTIME } from './runtime/embedded.js';
import { importGenerated } from './testing.js';

/**
 * The reader refuses such names (see the hostile-metadata test in sqlite-dao.test.ts); this
 * checks the emitter on its own: fed names an attacker would write, as if a check were missing,
 * every name stays one SQL identifier, one TypeScript property and text in comments.
 */
const TABLE = 'users"; DROP TABLE x; --';
const COLUMN = `e"mail'); process.exit(1); /* \` \${process.exit(2)} */ --`;
const INDEX = 'idx"; DROP TABLE users; -- */ process.exit(3); \'';

function hostileTables() {
  const { tables } = readTables(usersService());
  const table = tables[0]!;
  table.table = TABLE;
  table.typeName = 'User); process.exit(4); (';
  table.daoName = 'Users';
  table.description = '*/ process.exit(5); /*';
  const email = table.columns.find((c) => c.name === 'email')!;
  email.name = COLUMN;
  email.description = '*/ process.exit(6); /*';
  for (const index of table.indexes) index.name = `${INDEX}${index.columns[0]!.name.length}`;
  return tables;
}

test('hostile table, column and index names reach generated code only as data', async () => {
  const files = daoFiles(hostileTables(), usersService(), sqliteDialect, {
    db: SQLITE_DB_RUNTIME,
    relay: SQLITE_RELAY_RUNTIME,
  });
  for (const file of files.filter((f) => f.path.endsWith('.ts')))
    assert.deepEqual(injectedCalls(file.contents), [], file.path);
  const mod = await importGenerated<Record<string, unknown>>(files, 'index.js');
  const database = new Database(':memory:');
  const db = (mod.betterSqlite3Db as (d: Database.Database) => unknown)(database);
  (mod.migrate as (d: unknown) => void)(db);
  const Dao = Object.values(mod).find((v) => typeof v === 'function' && /Dao$/.test(v.name)) as new (
    d: unknown,
  ) => Record<string, (...args: unknown[]) => Record<string, unknown>>;
  const dao = new Dao(db);
  const row = dao.insert!({ [COLUMN]: 'a@example.com', status: 'active', verified: true });
  assert.equal(row[COLUMN], 'a@example.com');
  const found = dao.findAll!({ [COLUMN]: 'a@example.com' }) as unknown as Record<string, unknown>[];
  assert.equal(found.length, 1);
  const tables = database.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
  assert.deepEqual(
    tables.map((t) => (t as { name: string }).name).filter((n) => n.startsWith('users')),
    [TABLE, `${TABLE}_journal`],
  );
  database.close();
});

test('hostile union, member, discriminator and field names reach the relay only as data', async () => {
  const [table] = readTables(relayService()).tables;
  const events = table!.events!;
  table!.table = TABLE;
  const email = table!.columns.find((c) => c.name === 'email')!;
  email.name = COLUMN;
  const DISCRIMINATOR = `kind'"); process.exit(7); \` \${process.exit(8)}`;
  const TYPE = "upserted'); process.exit(9); //";
  const FIELD = 'id"); process.exit(10); (';
  events.union = '*/ process.exit(11); /*';
  events.discriminator = DISCRIMINATOR;
  events.upsert.type = TYPE;
  events.upsert.model = 'user); process.exit(12); (';
  events.delete.fields[0]!.name = FIELD;
  const files = daoFiles([table!], relayService(), sqliteDialect, {
    db: SQLITE_DB_RUNTIME,
    relay: SQLITE_RELAY_RUNTIME,
  });
  for (const file of files.filter((f) => f.path.endsWith('.ts')))
    assert.deepEqual(injectedCalls(file.contents), [], file.path);
  const mod = await importGenerated<Record<string, unknown>>(files, 'index.js');
  const database = new Database(':memory:');
  const db = (mod.betterSqlite3Db as (d: Database.Database) => unknown)(database);
  (mod.migrate as (d: unknown) => void)(db);
  const Dao = Object.values(mod).find((v) => typeof v === 'function' && /Dao$/.test(v.name)) as new (
    d: unknown,
  ) => Record<string, (...args: unknown[]) => Record<string, unknown>>;
  const dao = new Dao(db);
  const row = dao.insert!({ [COLUMN]: 'a@example.com', status: 'active', verified: true });
  dao.delete!(row.id);
  const published: Record<string, unknown>[] = [];
  const relay = (mod.usersRelay as (d: unknown, p: unknown) => { drain(): Promise<number> })(db, {
    publishBatch: async (batch: Record<string, unknown>[]) => void published.push(...batch),
  });
  assert.equal(await relay.drain(), 2);
  assert.equal(published[0]![DISCRIMINATOR], TYPE);
  assert.equal((published[0]!.user as Record<string, unknown>)[COLUMN], 'a@example.com');
  assert.equal(published[1]![DISCRIMINATOR], 'user_deleted');
  assert.equal(published[1]![FIELD], row.id);
  assert.equal(published[1]!.event_id, `${TABLE}_journal:2`);
  database.close();
});
