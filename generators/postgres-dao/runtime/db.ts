/**
 * The database boundary of the generated PostgreSQL DAOs. DAOs only see `PgDb`; `pgPoolDb`
 * adapts a `pg` Pool (transactions take a client from the pool), `pgClientDb` a single client.
 * Nested transactions become savepoints.
 *
 * @example
 * import pg from 'pg';
 * const db = pgPoolDb(new pg.Pool({ host: '127.0.0.1', database: 'app' }));
 * await migrate(db);
 * await db.transaction(async (tx) => { await new UsersDao(tx).insert({ email: 'a@b.c' }); });
 */
import {
  CheckViolationError,
  checkCount,
  DaoError,
  isRange,
  NotNullViolationError,
  rangeSql,
  UniqueViolationError,
} from '../../dao-shared/runtime/dao-runtime.js';

export {
  CheckViolationError,
  DaoError,
  generateId,
  hashCode,
  NotNullViolationError,
  type Range,
  UniqueViolationError,
} from '../../dao-shared/runtime/dao-runtime.js';

/** What the DAOs need from a database: parameterized queries, scripts, and transactions. */
export interface PgDb {
  query(
    sql: string,
    params: readonly unknown[],
  ): Promise<{ rows: Record<string, unknown>[]; rowCount: number }>;
  /** Runs a script of several statements (no parameters). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in a transaction (a savepoint when already in one); rolls back if it throws. */
  transaction<T>(fn: (tx: PgDb) => Promise<T>): Promise<T>;
}

/** The part of a `pg` Client or Pool the adapters use. */
export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

/** The part of a `pg` Pool the adapter uses. */
export interface PgPoolLike extends PgQueryable {
  connect(): Promise<PgQueryable & { release(error?: Error | boolean): void }>;
}

async function run(target: PgQueryable, sql: string, params: readonly unknown[]) {
  const result = await target.query(sql, params as unknown[]);
  return { rows: result.rows as Record<string, unknown>[], rowCount: result.rowCount ?? 0 };
}

/** Adapts a `pg` Pool: queries go to any pooled connection, a transaction holds one client. */
export function pgPoolDb(pool: PgPoolLike): PgDb {
  return {
    query: (sql, params) => run(pool, sql, params),
    exec: async (sql) => {
      await pool.query(sql);
    },
    async transaction<T>(fn: (tx: PgDb) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        return await clientDb(client, 0).transaction(fn);
      } catch (error) {
        if (error instanceof RollbackFailed) broken = error;
        throw error instanceof RollbackFailed ? error.cause : error;
      } finally {
        client.release(broken);
      }
    },
  };
}

/** Adapts one `pg` Client (or a client checked out of a pool by the caller). */
export function pgClientDb(client: PgQueryable): PgDb {
  return clientDb(client, 0);
}

class RollbackFailed extends Error {}

function clientDb(client: PgQueryable, depth: number): PgDb {
  return {
    query: (sql, params) => run(client, sql, params),
    exec: async (sql) => {
      await client.query(sql);
    },
    async transaction<T>(fn: (tx: PgDb) => Promise<T>): Promise<T> {
      const savepoint = `canon_savepoint_${depth}`;
      await client.query(depth === 0 ? 'BEGIN' : `SAVEPOINT ${savepoint}`);
      let result: T;
      try {
        result = await fn(clientDb(client, depth + 1));
      } catch (error) {
        try {
          await client.query(depth === 0 ? 'ROLLBACK' : `ROLLBACK TO SAVEPOINT ${savepoint}`);
        } catch {
          throw new RollbackFailed('rollback failed', { cause: error });
        }
        throw error;
      }
      await client.query(depth === 0 ? 'COMMIT' : `RELEASE SAVEPOINT ${savepoint}`);
      return result;
    },
  };
}

/** Turns PostgreSQL constraint errors (SQLSTATE 23xxx) into the typed errors above; others pass through. */
export function translateError(error: unknown, table: string): unknown {
  if (error instanceof DaoError || !(error instanceof Error)) return error;
  const e = error as Error & { code?: string; constraint?: string; column?: string; detail?: string };
  if (e.code === '23505') {
    const columns = /Key \(([^)]*)\)=/.exec(e.detail ?? '')?.[1]?.split(', ') ?? [];
    return new UniqueViolationError(table, columns, error);
  }
  if (e.code === '23514') return new CheckViolationError(table, e.constraint ?? '', error);
  if (e.code === '23502') return new NotNullViolationError(table, e.column ?? '', error);
  return error;
}

/** A findAll condition: `column = $n`, `column = ANY($n)` for a list, or a range. */
export function matches(column: string, value: unknown, params: unknown[]): string {
  if (isRange(value)) {
    return rangeSql(column, value, (v) => {
      params.push(v);
      return `$${params.length}`;
    });
  }
  params.push(Array.isArray(value) ? [...value] : value);
  return Array.isArray(value) ? `${column} = ANY($${params.length})` : `${column} = $${params.length}`;
}

/** The LIMIT/OFFSET clause of findAll. */
export function page(limit: number | undefined, offset: number | undefined, params: unknown[]): string {
  if (limit === undefined && offset === undefined) return '';
  checkCount('limit', limit);
  checkCount('offset', offset);
  params.push(limit ?? null, offset ?? 0);
  return ` LIMIT $${params.length - 1} OFFSET $${params.length}`;
}
