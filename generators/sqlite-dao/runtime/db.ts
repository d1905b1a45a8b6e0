/**
 * The database boundary of the generated SQLite DAOs. DAOs only see `SqliteDb`; `betterSqlite3Db`
 * adapts a better-sqlite3 (v12) database to it and caches prepared statements.
 *
 * @example
 * import Database from 'better-sqlite3';
 * const db = betterSqlite3Db(new Database('app.db'));
 * migrate(db);
 * const users = new UsersDao(db);
 * db.transaction((tx) => { new UsersDao(tx).insert({ email: 'a@b.c' }); });
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

/** What the DAOs need from a database: statements with positional parameters, and transactions. */
export interface SqliteDb {
  get(sql: string, params: readonly unknown[]): Record<string, unknown> | undefined;
  all(sql: string, params: readonly unknown[]): Record<string, unknown>[];
  run(sql: string, params: readonly unknown[]): { changes: number };
  exec(sql: string): void;
  /** Runs `fn` in a transaction (a savepoint when already in one); rolls back if it throws. */
  transaction<T>(fn: (tx: SqliteDb) => T): T;
}

/** The part of a better-sqlite3 statement the adapter uses. */
export interface BetterSqlite3Statement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): { changes: number };
}

/** The part of a better-sqlite3 `Database` the adapter uses. */
export interface BetterSqlite3Database {
  prepare(sql: string): BetterSqlite3Statement;
  exec(sql: string): unknown;
  transaction(fn: () => unknown): () => unknown;
}

/** Adapts a better-sqlite3 database; each distinct SQL text is prepared once. */
export function betterSqlite3Db(database: BetterSqlite3Database): SqliteDb {
  const statements = new Map<string, BetterSqlite3Statement>();
  const prepare = (sql: string): BetterSqlite3Statement => {
    let statement = statements.get(sql);
    if (statement === undefined) {
      statement = database.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
  const db: SqliteDb = {
    // better-sqlite3 binds an array argument as the positional parameters (no spread needed).
    get: (sql, params) => prepare(sql).get(params) as Record<string, unknown> | undefined,
    all: (sql, params) => prepare(sql).all(params) as Record<string, unknown>[],
    run: (sql, params) => prepare(sql).run(params),
    exec: (sql) => {
      database.exec(sql);
    },
    transaction<T>(fn: (tx: SqliteDb) => T): T {
      return database.transaction(() => fn(db))() as T;
    },
  };
  return db;
}

/** Turns better-sqlite3's constraint errors into the typed errors above; others pass through. */
export function translateError(error: unknown, table: string): unknown {
  if (error instanceof DaoError || !(error instanceof Error)) return error;
  const code = (error as { code?: unknown }).code;
  const detail = /constraint failed: (.*)$/.exec(error.message)?.[1] ?? '';
  const columns = detail === '' ? [] : detail.split(', ').map((c) => c.slice(c.indexOf('.') + 1));
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    return new UniqueViolationError(table, columns, error);
  }
  if (code === 'SQLITE_CONSTRAINT_CHECK') return new CheckViolationError(table, detail, error);
  if (code === 'SQLITE_CONSTRAINT_NOTNULL') return new NotNullViolationError(table, columns[0] ?? '', error);
  return error;
}

/** A findAll condition: `column = ?`, membership in a list passed as one JSON parameter, or a range. */
export function matches(column: string, value: unknown, params: unknown[]): string {
  const toParam = (v: unknown): unknown => (typeof v === 'boolean' ? (v ? 1 : 0) : v);
  if (isRange(value)) {
    return rangeSql(column, value, (v) => {
      params.push(toParam(v));
      return '?';
    });
  }
  if (Array.isArray(value)) {
    params.push(JSON.stringify(value.map(toParam)));
    return `${column} IN (SELECT value FROM json_each(?))`;
  }
  params.push(toParam(value));
  return `${column} = ?`;
}

/** The LIMIT/OFFSET clause of findAll. */
export function page(limit: number | undefined, offset: number | undefined, params: unknown[]): string {
  if (limit === undefined && offset === undefined) return '';
  checkCount('limit', limit);
  checkCount('offset', offset);
  params.push(limit ?? -1, offset ?? 0);
  return ' LIMIT ? OFFSET ?';
}
