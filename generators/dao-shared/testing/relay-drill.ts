import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { seeded } from '../../../test/crash-drill.js';
import { TEST_POSTGRES_URL } from '../../../test/temporary-database.js';
import { transpileGenerated } from '../testing.js';
import {
  eventJournalId,
  eventKey,
  type PublishedEvent,
  type RelayDialect,
  type RelayModules,
  relayProjectFiles,
  type UsersDaoLike,
} from './relay-project.js';

const CHILD = fileURLToPath(new URL('./relay-child.js', import.meta.url));

export interface RelayDrillReport {
  rounds: number;
  journalRows: number;
  /** Lines the "stream" received, re-sends included. */
  published: number;
  /** Lines that repeat an event already received (each one byte for byte the same event). */
  resent: number;
  /** Journal ids whose event never arrived. */
  lost: number[];
  /** Event ids received with different contents. */
  altered: string[];
  /** Events that arrived before an event of an earlier journal row (first arrivals only). */
  outOfOrder: string[];
  /** Keys whose events arrived in another order than their journal rows. */
  keysOutOfOrder: string[];
  /** Events that do not say what their journal row says (operation, key). */
  mismatched: string[];
}

/** Runs DAO work, in a transaction where the dialect's DAO can await inside one. */
type Transact = (work: (dao: UsersDaoLike) => Promise<void>) => Promise<void>;

/**
 * Random writes through the generated DAO: inserts, changes and deletes of the writer's own users,
 * one to three per transaction with a pause between them, so that on PostgreSQL transactions
 * overlap and a lower journal id often commits after a higher one.
 */
class Writer {
  readonly #live: string[] = [];
  #n = 0;
  constructor(
    readonly prefix: string,
    readonly random: () => number,
    readonly transact: Transact,
  ) {}

  async write(): Promise<void> {
    const count = 1 + Math.floor(this.random() * 3);
    await this.transact(async (dao) => {
      for (let i = 0; i < count; i++) {
        await this.#one(dao);
        // Held open a moment: long enough for other writers' transactions to commit meanwhile.
        await new Promise((resolve) => setTimeout(resolve, Math.floor(this.random() * 3)));
      }
    });
  }

  async #one(dao: UsersDaoLike): Promise<void> {
    const n = this.#n++;
    const roll = this.random();
    if (this.#live.length < 8 || roll < 0.4) {
      const row = await dao.insert({
        email: `${this.prefix}${n}@example.com`,
        status: 'active',
        verified: n % 2 === 0,
      });
      this.#live.push(row.id);
      return;
    }
    const index = Math.floor(this.random() * this.#live.length);
    const id = this.#live[index]!;
    if (roll < 0.85) {
      await dao.update(id, {
        email: `${this.prefix}${n}@example.com`,
        name: `name ${n}`,
        status: 'active',
        verified: true,
      });
    } else {
      this.#live.splice(index, 1);
      await dao.delete(id);
    }
  }
}

interface PgTransactions {
  transaction<T>(fn: (tx: unknown) => Promise<T>): Promise<T>;
}

interface DrillDatabase {
  /** What the child opens: the SQLite file or the PostgreSQL schema. */
  target: string;
  db: unknown;
  /** One per concurrent writer (PostgreSQL: three, each transaction on a client of the pool). */
  writers: Transact[];
  journal(): Promise<Array<{ journal_id: number; journal_operation: string; id: string }>>;
  position(): Promise<number>;
  close(): Promise<void>;
}

async function openDatabase(dialect: RelayDialect, mod: RelayModules, dir: string): Promise<DrillDatabase> {
  if (dialect === 'sqlite') {
    const file = join(dir, 'drill.db');
    const database = new Database(file);
    database.pragma('journal_mode = WAL');
    database.pragma('busy_timeout = 10000');
    const db = mod.db.betterSqlite3Db!(database);
    await mod.db.migrate(db);
    return {
      target: file,
      db,
      writers: [(work) => work(new mod.db.UsersDao(db))],
      journal: async () =>
        database
          .prepare('SELECT journal_id, journal_operation, id FROM users_journal ORDER BY journal_id')
          .all() as [],
      position: async () =>
        (
          database
            .prepare("SELECT journal_id FROM canon_relay_progress WHERE relay = 'users_journal'")
            .get() as { journal_id: number } | undefined
        )?.journal_id ?? 0,
      close: async () => {
        database.close();
      },
    };
  }
  const schema = `canon_drill_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pool = new pg.Pool({
    connectionString: TEST_POSTGRES_URL,
    max: 5,
    options: `-c search_path=${schema}`,
  });
  const db = mod.db.pgPoolDb!(pool);
  await mod.db.migrate(db);
  return {
    target: schema,
    db,
    writers: [0, 1, 2].map(
      () => (work: (dao: UsersDaoLike) => Promise<void>) =>
        (db as PgTransactions).transaction((tx) => work(new mod.db.UsersDao(tx))),
    ),
    journal: async () =>
      (
        await pool.query(
          'SELECT journal_id::int AS journal_id, journal_operation, id FROM users_journal ORDER BY journal_id',
        )
      ).rows,
    position: async () =>
      Number(
        (await pool.query("SELECT journal_id FROM canon_relay_progress WHERE relay = 'users_journal'"))
          .rows[0]?.journal_id ?? 0,
      ),
    close: async () => {
      await pool.end();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

function lineCount(file: string): number {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').length - 1 : 0;
}

/** Resolves when the child has printed `line`; rejects if it exits first. */
function printed(child: ChildProcess, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      if (out.includes(`${line}\n`)) resolve();
    });
    child.stderr!.on('data', (chunk) => (err += chunk));
    child.once('exit', (code) => reject(new Error(`relay child exited (${code}) before "${line}": ${err}`)));
  });
}

/**
 * The relay crash drill: a relay child process publishes the journal of a database the drill keeps
 * writing to (three overlapping writers on PostgreSQL), and is killed with SIGKILL in the middle
 * of a batch, `rounds` times, each time restarted; a last relay drains the journal. The "stream"
 * is a file of JSON lines. Then every journal row is checked against what the stream received.
 */
export async function relayDrill(options: {
  dialect: RelayDialect;
  rounds: number;
  seed: number;
  batchSize?: number;
}): Promise<RelayDrillReport> {
  const { dialect, rounds } = options;
  const batchSize = options.batchSize ?? 8;
  const random = seeded(options.seed);
  const root = transpileGenerated(relayProjectFiles(dialect));
  const mod = (await import(pathToFileURL(join(root, 'all.js')).href)) as RelayModules;
  const dir = mkdtempSync(join(tmpdir(), 'canon-relay-drill-'));
  const out = join(dir, 'stream.jsonl');
  const database = await openDatabase(dialect, mod, dir);
  const writers = database.writers.map(
    (transact, i) => new Writer(`w${i}-`, seeded(options.seed + i + 1), transact),
  );
  try {
    for (let round = 0; round < rounds; round++) {
      // The writers go on until the child freezes, so it always reaches its freeze line, reading
      // the journal's tail while transactions are still open.
      const lines = lineCount(out);
      const freezeAt = lines + 1 + Math.floor(random() * 12 * batchSize);
      const child = spawn(
        process.execPath,
        [CHILD, dialect, root, database.target, out, String(batchSize), String(freezeAt)],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      const stopped = printed(child, 'frozen');
      stopped.catch(() => {}); // awaited below, once the writers run
      // The writers start with the relay, so that it reads the journal's tail as they write.
      await printed(child, 'started');
      let writing = true;
      const background = writers.map(async (writer) => {
        while (writing) {
          await writer.write();
          await new Promise((resolve) => setImmediate(resolve));
        }
      });
      try {
        await stopped;
      } finally {
        writing = false;
        const exited = once(child, 'exit');
        child.kill('SIGKILL');
        await exited;
        await Promise.all(background);
      }
    }
    const lines = (): PublishedEvent[] =>
      readFileSync(out, 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as PublishedEvent);
    const { appendFileSync } = await import('node:fs');
    const last = mod.db.usersRelay(database.db, {
      async publishBatch(events) {
        for (const event of events) appendFileSync(out, `${JSON.stringify(event)}\n`);
      },
    });
    // On PostgreSQL, rows behind a gap wait until every transaction open when the gap was seen
    // has ended, in the whole cluster (other test files' transactions too), so one drain may
    // leave some: drain until the position reaches the last journal row (or a minute passes).
    const journal = await database.journal();
    const lastId = Math.max(0, ...journal.map((row) => Number(row.journal_id)));
    const deadline = Date.now() + 60_000;
    await last.drain();
    while ((await last.position()) < lastId && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      await last.drain();
    }
    return inspect(rounds, journal, lines());
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  }
}

function inspect(
  rounds: number,
  journal: Array<{ journal_id: number; journal_operation: string; id: string }>,
  received: PublishedEvent[],
): RelayDrillReport {
  const first = new Map<string, { text: string; event: PublishedEvent }>();
  const altered = new Set<string>();
  const arrivals: PublishedEvent[] = [];
  let resent = 0;
  for (const event of received) {
    const text = JSON.stringify(event);
    const seen = first.get(event.event_id);
    if (seen) {
      resent++;
      if (seen.text !== text) altered.add(event.event_id);
      continue;
    }
    first.set(event.event_id, { text, event });
    arrivals.push(event);
  }
  const outOfOrder: string[] = [];
  arrivals.forEach((event, i) => {
    if (i > 0 && eventJournalId(event) <= eventJournalId(arrivals[i - 1]!)) outOfOrder.push(event.event_id);
  });
  const lastByKey = new Map<string, number>();
  const keysOutOfOrder = new Set<string>();
  for (const event of arrivals) {
    const key = eventKey(event);
    if ((lastByKey.get(key) ?? 0) >= eventJournalId(event)) keysOutOfOrder.add(key);
    lastByKey.set(key, eventJournalId(event));
  }
  const lost: number[] = [];
  const mismatched: string[] = [];
  for (const row of journal) {
    const event = first.get(`users_journal:${row.journal_id}`)?.event;
    if (!event) {
      lost.push(row.journal_id);
      continue;
    }
    const type = row.journal_operation === 'delete' ? 'user_deleted' : 'user_upserted';
    if (event.discriminator !== type || eventKey(event) !== row.id) mismatched.push(event.event_id);
  }
  return {
    rounds,
    journalRows: journal.length,
    published: received.length,
    resent,
    lost,
    altered: [...altered],
    outOfOrder,
    keysOutOfOrder: [...keysOutOfOrder],
    mismatched,
  };
}
