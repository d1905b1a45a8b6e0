import pg from 'pg';
import { problem, RegistryError, unavailable } from '../errors.js';

/** The part of a connection the store's queries need: the same for the pool and a transaction. */
export interface PgQueryable {
  /** Runs one statement; rows come back as plain objects keyed by column name. */
  rows<R>(sql: string, params?: readonly unknown[]): Promise<R[]>;
  /** The first row, or undefined. */
  row<R>(sql: string, params?: readonly unknown[]): Promise<R | undefined>;
}

/** Where to connect and which schema holds the registry's tables. */
export interface PgTarget {
  /** The connection URL without Canon's own `schema` parameter. */
  connectionString: string;
  schema: string;
}

const SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Reads `postgres://user@host:port/db?schema=name`. `schema` (default `public`) is Canon's own
 * parameter: the registry's tables live there, so one database can hold several registries.
 */
export function parsePgUrl(url: string): PgTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw problem(
      400,
      'invalid-database-url',
      'The PostgreSQL URL cannot be read; use postgres://user@host:port/database.',
    );
  }
  const schema = parsed.searchParams.get('schema') ?? 'public';
  if (!SCHEMA.test(schema)) {
    throw problem(
      400,
      'invalid-database-url',
      `The schema '${schema.slice(0, 80)}' must be lower-case letters, digits and _ (at most 63), starting with a letter or _.`,
    );
  }
  parsed.searchParams.delete('schema');
  return { connectionString: parsed.toString(), schema };
}

/** SQLSTATE classes and codes after which a retry may succeed: connection loss, shutdown, contention. */
const TRANSIENT_STATES = /^(08|53|57P0[1-3])|^(40001|40P01|55P03)$/;
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
]);

/** Maps a driver error to the registry's answer: transient failures become a 503 with `Retry-After`. */
export function translatePgError(error: unknown): unknown {
  if (error instanceof RegistryError) return error;
  const e = error as { code?: string; message?: string };
  const transient =
    (typeof e?.code === 'string' && (TRANSIENT_STATES.test(e.code) || TRANSIENT_CODES.has(e.code))) ||
    /timeout exceeded when trying to connect|Connection terminated|connection is closed/i.test(
      e?.message ?? '',
    );
  if (!transient) return error;
  const busy = e.code === '40001' || e.code === '40P01' || e.code === '55P03' || e.code === '53300';
  return busy
    ? unavailable('database-busy', 'The registry database is busy with other writes. Retry in a moment.', 1)
    : unavailable(
        'database-unavailable',
        'The registry cannot reach its database right now (or has no free connection to it). Retry in a few seconds; it reconnects by itself.',
        5,
      );
}

/**
 * Two `pg` pools bound to the registry's schema (every connection starts with its
 * `search_path`): one for reads, one for write transactions, so that publishes waiting for a
 * service's lock never take the connections that reads and healthchecks need. Errors are
 * translated once (`translatePgError`).
 */
export class PgDatabase implements PgQueryable {
  readonly schema: string;
  readonly #reads: pg.Pool;
  readonly #writes: pg.Pool;

  constructor(target: PgTarget, options: { reads?: number; writes?: number } = {}) {
    this.schema = target.schema;
    const pool = (max: number) => {
      const created = new pg.Pool({
        connectionString: target.connectionString,
        // A replica that hangs inside a transaction must not hold a service's lock for ever.
        options: `-c search_path=${target.schema} -c idle_in_transaction_session_timeout=60000`,
        // Operators see the registry's sessions by name (the URL's application_name wins).
        fallback_application_name: 'canon-registry',
        max,
        // A pool that cannot hand out a connection in time answers 503 rather than queueing forever.
        connectionTimeoutMillis: 10_000,
        idleTimeoutMillis: 30_000,
      });
      // An idle connection dropped by the server must not crash the process; the pool replaces it.
      created.on('error', () => {});
      return created;
    };
    this.#reads = pool(options.reads ?? 8);
    this.#writes = pool(options.writes ?? 4);
  }

  async rows<R>(sql: string, params: readonly unknown[] = []): Promise<R[]> {
    try {
      return (await this.#reads.query(sql, params as unknown[])).rows as R[];
    } catch (error) {
      throw translatePgError(error);
    }
  }

  async row<R>(sql: string, params: readonly unknown[] = []): Promise<R | undefined> {
    return (await this.rows<R>(sql, params))[0];
  }

  /**
   * Runs `work` in one transaction on one connection: committed when it returns (or rolled back
   * when `rollback` says so, for dry runs), rolled back when it throws. `begin` replaces the
   * opening statement (e.g. `BEGIN; SET LOCAL …`, one round trip).
   */
  async transaction<T>(
    work: (tx: PgQueryable) => Promise<T>,
    options: { rollback?: (result: T) => boolean; begin?: string } = {},
  ): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.#writes.connect();
    } catch (error) {
      throw translatePgError(error);
    }
    const tx: PgQueryable = {
      async rows<R>(sql: string, params: readonly unknown[] = []) {
        try {
          return (await client.query(sql, params as unknown[])).rows as R[];
        } catch (error) {
          throw translatePgError(error);
        }
      },
      async row<R>(sql: string, params: readonly unknown[] = []) {
        return (await tx.rows<R>(sql, params))[0];
      },
    };
    let discard = false;
    try {
      await tx.rows(options.begin ?? 'BEGIN');
      const result = await work(tx);
      await tx.rows(options.rollback?.(result) ? 'ROLLBACK' : 'COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => (discard = true));
      throw error;
    } finally {
      // A connection whose rollback failed is in an unknown state: the pool drops it.
      client.release(discard);
    }
  }

  /** Closes every connection; calling it again does nothing. */
  async close(): Promise<void> {
    await Promise.all([this.#reads, this.#writes].map((pool) => (pool.ended ? undefined : pool.end())));
  }
}
