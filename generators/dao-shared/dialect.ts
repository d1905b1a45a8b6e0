import type { Code } from '../shared/index.js';
import type { Column, TableSpec } from './table-spec.js';

/**
 * What differs between the SQLite and the PostgreSQL output. Everything else (the shape of the
 * migration, the DAO's methods, their SQL) is shared, so both DAOs behave the same.
 */
export interface Dialect {
  /** The generator's name, for file headers. */
  generator: string;
  /** Methods return promises (pg) or values (better-sqlite3). */
  async: boolean;
  /** The structural database type the DAO takes (declared in the generated `db.ts`). */
  dbType: string;
  /** A name as a quoted identifier: the only way table, column and index names reach SQL. */
  quoteIdentifier(name: string): string;
  /** The SQL type of a column (`TEXT`, `timestamptz`, …); `autoKey` for a generated integer key. */
  sqlType(column: Column, autoKey: boolean): string;
  /** The condition "not empty after trimming" for columns stored as text, else undefined. */
  nonEmpty(column: Column): string | undefined;
  /** Extra column checks (JSON validity, booleans as 0/1), or undefined. */
  extraCheck(column: Column): string | undefined;
  /** SQL for the current time, as stored in timestamp columns. */
  now: string;
  /** The SQL type of `hash_code`. */
  hashType: string;
  /** Appended after `CREATE TABLE (…)`. */
  tableOptions: string;
  /** A boolean literal as stored. */
  booleanLiteral(value: boolean): string;
  /** The n-th (1-based) bind parameter. */
  placeholder(n: number): string;
  /** `a <op> b` is true when a and b differ, nulls included. */
  distinct: string;
  /** The select-list entry for a column (a cast when the driver's own parsing would be lossy). */
  selectColumn(column: Column): string;
  /** Converts a property value to a bind parameter. */
  toDb(column: Column, value: Code): Code;
  /** Converts a raw result value (non-null) to the property type. */
  fromDb(column: Column, raw: Code): Code;
  /** `column` is one of the values of a list passed as bind parameter 1. */
  inList(column: string): string;
  /** The bind parameter for `inList`, from a TS expression of the array. */
  listParam(values: Code): Code;
  /**
   * Optional: SQL taking one JSON parameter, an array of `[key, hash_code]` pairs, and returning
   * column `i` (the pair's index, in order) for every pair whose row is missing or has another
   * hash. Without it, batch upserts read the stored hashes and compare in JavaScript.
   */
  changedRows?(table: string, key: string): string;
  /** The journal table, its triggers and their function. */
  journal(table: TableSpec): string;
  /** `CREATE TABLE` of `canon_relay_progress`, where relays record their position. */
  relayProgress: string;
  /** The relay class of the dialect's `relay.ts`. */
  relayClass: string;
  /** The relay looks for new journal rows before it locks its position (PostgreSQL). */
  peeks: boolean;
}
