/**
 * Subject storage is written once, as generator functions that yield SQL statements and receive
 * their rows (`yield* all(sql, …params)`), so that SQLite runs a script synchronously inside one
 * `BEGIN IMMEDIATE` transaction and PostgreSQL runs the same script on one connection inside
 * one transaction. Statements use `?` placeholders and SQL both databases read.
 */
export interface Statement {
  sql: string;
  params: readonly unknown[];
}

export type Script<T> = Generator<Statement, T, Record<string, unknown>[]>;

/** Every row the statement returns (none for a write without RETURNING). */
export function* all<R>(
  sql: string,
  ...params: unknown[]
): Generator<Statement, R[], Record<string, unknown>[]> {
  return (yield { sql, params }) as R[];
}

/** The first row, or undefined. */
export function* one<R>(
  sql: string,
  ...params: unknown[]
): Generator<Statement, R | undefined, Record<string, unknown>[]> {
  const rows = yield* all<R>(sql, ...params);
  return rows[0];
}

/** Runs a script with a synchronous driver (better-sqlite3). */
export function runSync<T>(
  script: Script<T>,
  execute: (statement: Statement) => Record<string, unknown>[],
): T {
  let step = script.next([]);
  while (!step.done) step = script.next(execute(step.value));
  return step.value;
}

/** Runs a script with an asynchronous driver (`pg`): `?` placeholders become `$1`, `$2`, …. */
export async function runAsync<T>(
  script: Script<T>,
  execute: (sql: string, params: readonly unknown[]) => Promise<Record<string, unknown>[]>,
): Promise<T> {
  let step = script.next([]);
  while (!step.done) {
    let n = 0;
    const sql = step.value.sql.replaceAll('?', () => `$${++n}`);
    step = script.next(await execute(sql, step.value.params));
  }
  return step.value;
}
