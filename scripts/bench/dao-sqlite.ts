/**
 * The generated SQLite DAO (users table of specs/examples/user.json) against hand-written
 * better-sqlite3 prepared statements doing the same work (same SQL shape, same key generation,
 * same hash_code, same row objects), alternating in one run; then a batch upsert of 10,000
 * unchanged rows against the same batch with every row changed.
 *
 *   node dist/scripts/bench/dao-sqlite.js [rounds=7] [inserts=20000] [finds=100000]
 * (inserts=0 runs only the batch comparison)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loadSpec } from '../../core/load.js';
import { importGenerated } from '../../generators/dao-shared/testing.js';
import { generator } from '../../generators/sqlite-dao/index.js';
import { repoPath } from '../../test/paths.js';
import { collectGarbage, median } from './stats.js';

const [rounds, inserts, finds] = [7, 20000, 100000].map((fallback, i) =>
  Number(process.argv[i + 2] ?? fallback),
) as [number, number, number];

interface Row {
  id: string;
  email: string;
  name?: string;
  status: string;
  created_at: string;
  updated_at: string;
}
interface Form {
  email: string;
  name?: string;
  status: 'active' | 'inactive' | 'suspended';
}
interface Dao {
  insert(form: Form): Row;
  findById(id: string): Row | undefined;
  upsertBatch(rows: Array<Form & { id: string }>): number;
}
interface Generated {
  betterSqlite3Db(db: Database.Database): unknown;
  migrate(db: unknown): void;
  UsersDao: new (db: unknown) => Dao;
  hashCode(values: readonly unknown[]): number;
  generateId(prefix?: string): string;
}

const specPath = repoPath('specs', 'examples', 'user.json');
const loaded = await loadSpec(readFileSync(specPath, 'utf8'), { file: specPath });
if (!loaded.service) throw new Error('specs/examples/user.json does not load');
const mod = await importGenerated<Generated>(
  generator.generate({ service: loaded.service, imports: [], options: {} }),
  'index.js',
);

// Files in memory-backed /dev/shm when there is one: the comparison is about CPU work per call,
// not about the disk (set BENCH_DIR to measure on another file system).
const base = process.env.BENCH_DIR ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
const dir = mkdtempSync(join(base, 'canon-bench-dao-'));

function open(name: string): { database: Database.Database; dao: Dao } {
  const database = new Database(join(dir, `${name}.db`));
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  const db = mod.betterSqlite3Db(database);
  mod.migrate(db);
  return { database, dao: new mod.UsersDao(db) };
}

/** The hand-written equivalent: prepared statements, the same id, hash and row mapping. */
function handWritten(database: Database.Database) {
  const columns = '"id", "email", "name", "status", "created_at", "updated_at"';
  const insert = database.prepare(
    `INSERT INTO "users" ("id", "email", "name", "status", "hash_code") VALUES (?, ?, ?, ?, ?) RETURNING ${columns}`,
  );
  const find = database.prepare(`SELECT ${columns} FROM "users" WHERE "id" = ?`);
  const toRow = (r: Record<string, unknown>): Row => {
    const row: Row = {
      id: r.id as string,
      email: r.email as string,
      status: r.status as string,
      created_at: r.created_at as string,
      updated_at: r.updated_at as string,
    };
    if (r.name !== null) row.name = r.name as string;
    return row;
  };
  return {
    insert(form: Form): Row {
      const values = [form.email, form.name ?? null, form.status];
      return toRow(
        insert.get(mod.generateId('usr'), ...values, mod.hashCode(values)) as Record<string, unknown>,
      );
    },
    findById(id: string): Row | undefined {
      const r = find.get(id) as Record<string, unknown> | undefined;
      return r === undefined ? undefined : toRow(r);
    },
  };
}

function time(fn: () => void): number {
  collectGarbage();
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const generated = open('generated');
const manual = open('manual');
const hand = handWritten(manual.database);
const perOp = {
  insert: { dao: [] as number[], hand: [] as number[] },
  find: { dao: [] as number[], hand: [] as number[] },
};
let serial = 0;
const ids = { dao: [] as string[], hand: [] as string[] };
const form = (): Form => ({ email: `user${serial++}@example.com`, name: 'Bench User', status: 'active' });

for (let round = 0; inserts > 0 && round <= rounds; round++) {
  // Alternate which side goes first, so neither always runs on a warmer machine.
  const sides = round % 2 === 0 ? (['dao', 'hand'] as const) : (['hand', 'dao'] as const);
  for (const side of sides) {
    const target = side === 'dao' ? generated.dao : hand;
    const ms = time(() => {
      for (let i = 0; i < inserts; i++) ids[side].push(target.insert(form()).id);
    });
    if (round > 0) perOp.insert[side].push((ms * 1000) / inserts);
  }
  for (const side of sides) {
    const target = side === 'dao' ? generated.dao : hand;
    const list = ids[side];
    const ms = time(() => {
      for (let i = 0; i < finds; i++)
        if (!target.findById(list[(i * 7919) % list.length]!)) throw new Error('missing row');
    });
    if (round > 0) perOp.find[side].push((ms * 1000) / finds);
  }
}

const report = (label: string, values: { dao: number[]; hand: number[] }): void => {
  const [d, h] = [median(values.dao), median(values.hand)];
  console.log(
    `${label}: generated DAO ${d.toFixed(2)} µs/op, hand-written ${h.toFixed(2)} µs/op, ratio ${(d / h).toFixed(3)}`,
  );
};
if (inserts > 0) {
  report('insert', perOp.insert);
  report('findById', perOp.find);
}

// Batch upsert: 10,000 rows stored, then upserted unchanged (no writes) and changed (every row),
// once on files in memory and once on the disk of the temporary directory, where writes cost I/O.
function batchBench(where: string, folder: string): void {
  const batchDir = mkdtempSync(join(folder, 'canon-bench-batch-'));
  const database = new Database(join(batchDir, 'batch.db'));
  database.pragma('journal_mode = WAL');
  const db = mod.betterSqlite3Db(database);
  mod.migrate(db);
  const dao = new mod.UsersDao(db);
  const size = 10000;
  const rows = Array.from({ length: size }, (_, i) => ({
    id: `usr-batch${i}`,
    email: `batch${i}@example.com`,
    name: 'Batch',
    status: 'active' as const,
  }));
  dao.upsertBatch(rows);
  const journalCount = (): number =>
    (database.prepare('SELECT count(*) AS n FROM users_journal').get() as { n: number }).n;
  const unchanged: number[] = [];
  const changed: number[] = [];
  for (let round = 0; round <= rounds; round++) {
    const before = journalCount();
    const written: number[] = [];
    const a = time(() => {
      written.push(dao.upsertBatch(rows));
    });
    if (written[0] !== 0 || journalCount() !== before)
      throw new Error(`unchanged batch wrote ${written[0]} rows`);
    const next = rows.map((r) => ({ ...r, name: `Batch ${round}` }));
    const b = time(() => {
      written.push(dao.upsertBatch(next));
    });
    if (written[1] !== size) throw new Error(`changed batch wrote ${written[1]} rows`);
    dao.upsertBatch(rows); // back to the original values (not timed)
    if (round > 0) {
      unchanged.push(a);
      changed.push(b);
    }
  }
  const [u, c] = [median(unchanged), median(changed)];
  console.log(
    `upsertBatch of ${size} (${where}): unchanged ${u.toFixed(1)} ms (0 rows written, 0 journal rows), every row changed ${c.toFixed(1)} ms, ${(c / u).toFixed(1)}x faster`,
  );
  database.close();
  rmSync(batchDir, { recursive: true, force: true });
}
batchBench(base === tmpdir() ? 'temporary directory' : base, base);
if (base !== tmpdir()) batchBench(`disk, ${tmpdir()}`, tmpdir());

for (const x of [generated, manual]) x.database.close();
rmSync(dir, { recursive: true, force: true });
