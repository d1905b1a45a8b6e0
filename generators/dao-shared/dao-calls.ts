import { type Code, code, fixed, joinCode } from '../shared/index.js';
import type { Dialect } from './dialect.js';

/**
 * How a DAO method talks to its database handle: synchronously (better-sqlite3's `get`, `all`,
 * `run`) or with promises (`pg`'s `query`). Methods are written once against this.
 */
export interface DaoCalls {
  /** `async ` or nothing, before a method or an arrow function. */
  async: Code;
  /** `await ` or nothing. */
  await: Code;
  /** The declared return type: `T` or `Promise<T>`. */
  returns(type: Code): Code;
  /** The first result row (or undefined) of `sql` run on `handle`. */
  one(sql: Code, params: readonly Code[]): Code;
  /** Every result row. */
  all(sql: Code, params: Code, handle?: Code): Code;
  /** The number of rows a statement changed. */
  changed(sql: Code, params: readonly Code[]): Code;
}

const DB = fixed('this.db');

function list(params: readonly Code[]): Code {
  return code`[${joinCode(params, ', ')}]`;
}

/** The calls of the dialect's database interface (`SqliteDb` or `PgDb`). */
export function daoCalls(dialect: Dialect): DaoCalls {
  if (dialect.async) {
    return {
      async: fixed('async '),
      await: fixed('await '),
      returns: (type) => code`Promise<${type}>`,
      one: (sql, params) => code`(await ${DB}.query(${sql}, ${list(params)})).rows[0]`,
      all: (sql, params, handle = DB) => code`(await ${handle}.query(${sql}, ${params})).rows`,
      changed: (sql, params) => code`(await ${DB}.query(${sql}, ${list(params)})).rowCount`,
    };
  }
  return {
    async: fixed(''),
    await: fixed(''),
    returns: (type) => type,
    one: (sql, params) => code`${DB}.get(${sql}, ${list(params)})`,
    all: (sql, params, handle = DB) => code`${handle}.all(${sql}, ${params})`,
    changed: (sql, params) => code`${DB}.run(${sql}, ${list(params)}).changes`,
  };
}
