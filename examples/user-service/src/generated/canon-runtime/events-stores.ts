/*
 * Canon's runtime for generated code, shared by the generated modules of this directory.
 * Do not edit: `canon generate` writes it again.
 */
/**
 * A consumer's own database, on SQLite (better-sqlite3) or PostgreSQL (pg): the transaction each
 * micro-batch runs in, the ids of the events applied (`canon_event_applied`) and the parked
 * messages (`canon_event_failures`), both created when missing. The drivers are seen through the
 * few methods used here, so this module imports neither and works with whichever one is installed.
 */
import type { EventStore, ParkedMessage, StoredFailure, StoreTransaction } from './events.js';

/** The part of a better-sqlite3 `Database` the store uses. */
export interface SqliteDatabase {
  exec(sql: string): unknown;
  prepare(sql: string): {
    run(...params: unknown[]): unknown;
    get(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
  };
}

/** The part of a pg `PoolClient` the store uses. */
export interface PostgresClient {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
  release(error?: Error | boolean): void;
}

/** The part of a pg `Pool` the store uses: a client per transaction. */
export interface PostgresPool<Client extends PostgresClient = PostgresClient> {
  connect(): Promise<Client>;
}

/** Listing and retrying parked messages: what `canon events failures` does. */
export interface FailureLog {
  /** Parked messages, oldest first; only one consumer's with `consumer`. */
  listFailures(filter?: { consumer?: string }): Promise<StoredFailure[]>;
  /**
   * Marks parked messages for retry (all of them, or those of `ids`, or of `consumer`); the
   * consumer takes them again before its next batch. Returns how many were marked.
   */
  requestRetry(filter?: { ids?: readonly number[]; consumer?: string }): Promise<number>;
}

const COLUMNS =
  'id, consumer, stream, subject, sequence, event_id, reason, error, deliveries, headers, body, status, attempts, parked_at';

const tables = (id: string) => [
  `CREATE TABLE IF NOT EXISTS canon_event_applied (
  consumer TEXT NOT NULL,
  event_id TEXT NOT NULL,
  applied_at TEXT NOT NULL,
  PRIMARY KEY (consumer, event_id)
)`,
  `CREATE TABLE IF NOT EXISTS canon_event_failures (
  id ${id},
  consumer TEXT NOT NULL,
  stream TEXT NOT NULL,
  subject TEXT NOT NULL,
  sequence BIGINT NOT NULL,
  event_id TEXT,
  reason TEXT NOT NULL,
  error TEXT NOT NULL,
  deliveries INTEGER NOT NULL,
  headers TEXT NOT NULL,
  body TEXT NOT NULL,
  status TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  parked_at TEXT NOT NULL
)`,
  'CREATE INDEX IF NOT EXISTS canon_event_failures_consumer ON canon_event_failures (consumer, status, id)',
];

type Row = Record<string, unknown>;

function failureOf(row: Row): StoredFailure {
  return {
    id: Number(row.id),
    consumer: String(row.consumer),
    stream: String(row.stream),
    subject: String(row.subject),
    sequence: Number(row.sequence),
    eventId: row.event_id === null || row.event_id === undefined ? null : String(row.event_id),
    reason: row.reason === 'invalid' ? 'invalid' : 'failed',
    error: String(row.error),
    deliveries: Number(row.deliveries),
    headers: JSON.parse(String(row.headers)) as Record<string, string>,
    body: String(row.body),
    status: row.status === 'retry' ? 'retry' : 'parked',
    attempts: Number(row.attempts),
    parkedAt: String(row.parked_at),
  };
}

const parkValues = (m: ParkedMessage) => [
  m.consumer,
  m.stream,
  m.subject,
  m.sequence,
  m.eventId,
  m.reason,
  m.error,
  m.deliveries,
  JSON.stringify(m.headers),
  m.body,
  new Date().toISOString(),
];

/** Runs one piece of work at a time: a SQLite connection holds one transaction. */
class Serial {
  #tail: Promise<unknown> = Promise.resolve();
  run<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#tail.then(work, work);
    this.#tail = next.catch(() => undefined);
    return next;
  }
}

/**
 * The store on a better-sqlite3 database. Give it a connection of its own: while a batch is in
 * hand the connection is inside the batch's transaction, and anything else written through it
 * would commit or roll back with the batch.
 */
export class SqliteEventStore<Db extends SqliteDatabase = SqliteDatabase>
  implements EventStore<Db>, FailureLog
{
  readonly #serial = new Serial();
  // Prepared once: preparing a statement costs more than running it, and a batch runs each per event.
  readonly #statements = new Map<string, ReturnType<SqliteDatabase['prepare']>>();

  constructor(readonly db: Db) {
    for (const sql of tables('INTEGER PRIMARY KEY AUTOINCREMENT')) db.exec(sql);
  }

  #sql(sql: string): ReturnType<SqliteDatabase['prepare']> {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  /** Whether `consumer` has messages marked for retry; read without a transaction, before each batch. */
  async hasRetries(consumer: string): Promise<boolean> {
    const sql = "SELECT 1 FROM canon_event_failures WHERE consumer = ? AND status = 'retry' LIMIT 1";
    return this.#sql(sql).get(consumer) !== undefined;
  }

  transaction<T>(work: (tx: StoreTransaction<Db>) => Promise<T>): Promise<T> {
    return this.#serial.run(async () => {
      this.#sql('BEGIN IMMEDIATE').run();
      try {
        const result = await work(this.#transaction());
        this.#sql('COMMIT').run();
        return result;
      } catch (error) {
        try {
          this.db.exec('ROLLBACK');
        } catch {
          // SQLite rolled back already (a full disk, an I/O error): the first error is the one to see.
        }
        throw error;
      }
    });
  }

  #transaction(): StoreTransaction<Db> {
    const db = this.db;
    const now = new Date().toISOString();
    return {
      db,
      savepoint: async (work) => {
        this.#sql('SAVEPOINT canon_event').run();
        try {
          await work();
        } catch (error) {
          this.#sql('ROLLBACK TO canon_event').run();
          throw error;
        } finally {
          this.#sql('RELEASE canon_event').run();
        }
      },
      applied: async (consumer, eventId) =>
        this.#sql('SELECT 1 FROM canon_event_applied WHERE consumer = ? AND event_id = ?').get(
          consumer,
          eventId,
        ) !== undefined,
      markApplied: async (consumer, eventId) =>
        void this.#sql(
          'INSERT INTO canon_event_applied (consumer, event_id, applied_at) VALUES (?, ?, ?)',
        ).run(consumer, eventId, now),
      forgetApplied: async (consumer) =>
        Number(
          (
            this.#sql('DELETE FROM canon_event_applied WHERE consumer = ?').run(consumer) as {
              changes?: number;
            }
          ).changes ?? 0,
        ),
      park: async (message) =>
        void this.#sql(
          `INSERT INTO canon_event_failures (consumer, stream, subject, sequence, event_id, reason, error, deliveries, headers, body, parked_at, status, attempts)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'parked', 1)`,
        ).run(...parkValues(message)),
      retries: async (consumer) =>
        (
          this.#sql(
            `SELECT ${COLUMNS} FROM canon_event_failures WHERE consumer = ? AND status = 'retry' ORDER BY id`,
          ).all(consumer) as Row[]
        ).map(failureOf),
      unpark: async (id) => void this.#sql('DELETE FROM canon_event_failures WHERE id = ?').run(id),
      parkAgain: async (id, error) =>
        void this.#sql(
          "UPDATE canon_event_failures SET status = 'parked', error = ?, attempts = attempts + 1 WHERE id = ?",
        ).run(error, id),
    };
  }

  async listFailures(filter: { consumer?: string } = {}): Promise<StoredFailure[]> {
    const where = filter.consumer === undefined ? '' : 'WHERE consumer = ?';
    const params = filter.consumer === undefined ? [] : [filter.consumer];
    const sql = `SELECT ${COLUMNS} FROM canon_event_failures ${where} ORDER BY id`;
    return (this.db.prepare(sql).all(...params) as Row[]).map(failureOf);
  }

  requestRetry(filter: { ids?: readonly number[]; consumer?: string } = {}): Promise<number> {
    return this.transaction(async () => {
      const { sql, params } = retryUpdate(filter, () => '?');
      const result = this.db.prepare(sql).run(...params) as { changes?: number };
      return Number(result.changes ?? 0);
    });
  }
}

/** The UPDATE that marks parked messages for retry, with the placeholders of a dialect. */
function retryUpdate(
  filter: { ids?: readonly number[]; consumer?: string },
  placeholder: (index: number) => string,
): { sql: string; params: unknown[] } {
  const conditions = ["status = 'parked'"];
  const params: unknown[] = [];
  if (filter.consumer !== undefined) {
    params.push(filter.consumer);
    conditions.push(`consumer = ${placeholder(params.length)}`);
  }
  if (filter.ids !== undefined) {
    const marks = filter.ids.map((id) => {
      params.push(id);
      return placeholder(params.length);
    });
    conditions.push(marks.length === 0 ? 'FALSE' : `id IN (${marks.join(', ')})`);
  }
  return {
    sql: `UPDATE canon_event_failures SET status = 'retry' WHERE ${conditions.join(' AND ')}`,
    params,
  };
}

/**
 * A SQLite store on `db` (a better-sqlite3 `Database`, which handlers get as `db`), its tables
 * created when missing.
 *
 * @example const store = sqliteEventStore(new Database('read-model.db'));
 */
export function sqliteEventStore<Db extends SqliteDatabase>(db: Db): SqliteEventStore<Db> {
  return new SqliteEventStore(db);
}

/**
 * The store on a pg pool: each transaction takes a client of its own, which handlers get as `db`.
 * The tables live in the connection's `search_path`.
 */
export class PostgresEventStore<Client extends PostgresClient = PostgresClient>
  implements EventStore<Client>, FailureLog
{
  private constructor(readonly pool: PostgresPool<Client>) {}

  /** Connects and creates the tables when missing (under a lock: consumers may start together). */
  static async open<Client extends PostgresClient>(
    pool: PostgresPool<Client>,
  ): Promise<PostgresEventStore<Client>> {
    const store = new PostgresEventStore(pool);
    await store.#run(async (client) => {
      await client.query("SELECT pg_advisory_xact_lock(hashtext('canon_event_tables'))");
      for (const sql of tables('BIGSERIAL PRIMARY KEY')) await client.query(sql);
    });
    return store;
  }

  async #run<T>(work: (client: Client) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    let broken = false;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {
        broken = true;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  transaction<T>(work: (tx: StoreTransaction<Client>) => Promise<T>): Promise<T> {
    return this.#run((client) => work(postgresTransaction(client)));
  }

  /** Whether `consumer` has messages marked for retry; read without a transaction, before each batch. */
  async hasRetries(consumer: string): Promise<boolean> {
    const client = await this.pool.connect();
    try {
      const sql = "SELECT 1 FROM canon_event_failures WHERE consumer = $1 AND status = 'retry' LIMIT 1";
      return (await client.query(sql, [consumer])).rows.length > 0;
    } finally {
      client.release();
    }
  }

  async listFailures(filter: { consumer?: string } = {}): Promise<StoredFailure[]> {
    const where = filter.consumer === undefined ? '' : 'WHERE consumer = $1';
    const params = filter.consumer === undefined ? [] : [filter.consumer];
    return this.#run(async (client) => {
      const { rows } = await client.query(
        `SELECT ${COLUMNS} FROM canon_event_failures ${where} ORDER BY id`,
        params,
      );
      return (rows as Row[]).map(failureOf);
    });
  }

  requestRetry(filter: { ids?: readonly number[]; consumer?: string } = {}): Promise<number> {
    const { sql, params } = retryUpdate(filter, (index) => `$${index}`);
    return this.#run(async (client) => {
      const result = (await client.query(sql, params)) as { rowCount?: number | null };
      return Number(result.rowCount ?? 0);
    });
  }
}

function postgresTransaction<Client extends PostgresClient>(client: Client): StoreTransaction<Client> {
  return {
    db: client,
    savepoint: async (work) => {
      await client.query('SAVEPOINT canon_event');
      try {
        await work();
      } catch (error) {
        await client.query('ROLLBACK TO SAVEPOINT canon_event');
        throw error;
      } finally {
        await client.query('RELEASE SAVEPOINT canon_event');
      }
    },
    applied: async (consumer, eventId) =>
      (
        await client.query('SELECT 1 FROM canon_event_applied WHERE consumer = $1 AND event_id = $2', [
          consumer,
          eventId,
        ])
      ).rows.length > 0,
    markApplied: async (consumer, eventId) =>
      void (await client.query(
        'INSERT INTO canon_event_applied (consumer, event_id, applied_at) VALUES ($1, $2, $3)',
        [consumer, eventId, new Date().toISOString()],
      )),
    forgetApplied: async (consumer) => {
      const result = await client.query('DELETE FROM canon_event_applied WHERE consumer = $1', [consumer]);
      return Number((result as { rowCount?: number | null }).rowCount ?? 0);
    },
    park: async (message) =>
      void (await client.query(
        `INSERT INTO canon_event_failures (consumer, stream, subject, sequence, event_id, reason, error, deliveries, headers, body, parked_at, status, attempts)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'parked', 1)`,
        parkValues(message),
      )),
    retries: async (consumer) =>
      (
        (
          await client.query(
            // SKIP LOCKED: two replicas of one consumer never take the same parked message.
            `SELECT ${COLUMNS} FROM canon_event_failures WHERE consumer = $1 AND status = 'retry' ORDER BY id FOR UPDATE SKIP LOCKED`,
            [consumer],
          )
        ).rows as Row[]
      ).map(failureOf),
    unpark: async (id) => void (await client.query('DELETE FROM canon_event_failures WHERE id = $1', [id])),
    parkAgain: async (id, error) =>
      void (await client.query(
        "UPDATE canon_event_failures SET status = 'parked', error = $1, attempts = attempts + 1 WHERE id = $2",
        [error, id],
      )),
  };
}

/**
 * A PostgreSQL store on `pool` (a pg `Pool`; handlers get the transaction's `PoolClient` as
 * `db`), its tables created when missing.
 *
 * @example const store = await postgresEventStore(new pg.Pool({ connectionString }));
 */
export function postgresEventStore<Client extends PostgresClient>(
  pool: PostgresPool<Client>,
): Promise<PostgresEventStore<Client>> {
  return PostgresEventStore.open(pool);
}
