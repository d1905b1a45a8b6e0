/**
 * The part of the DAO runtime both dialects share: the typed errors, `hash_code`, key generation
 * and the checks of `findAll` arguments. Generated output carries it as `dao-runtime.ts`, next to
 * the dialect's `db.ts`, which re-exports its public names; nothing here depends on a driver.
 */
import { randomUUID } from 'node:crypto';

/** A database error the DAO recognised, with the table it happened on. */
export class DaoError extends Error {
  readonly table: string;

  constructor(message: string, table: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.table = table;
  }
}

/** A row with the same value in a unique column (or the same key) already exists. */
export class UniqueViolationError extends DaoError {
  readonly columns: string[];

  constructor(table: string, columns: string[], cause: unknown) {
    const what = columns.length === 0 ? 'a unique key' : columns.join(', ');
    super(`Table ${table}: a row with the same ${what} already exists.`, table, { cause });
    this.columns = columns;
  }
}

/**
 * A value broke a column check: text empty after trimming, a value outside its enum, invalid
 * JSON. `constraint` is `<table>_<column>_check`.
 */
export class CheckViolationError extends DaoError {
  readonly constraint: string;

  constructor(table: string, constraint: string, cause: unknown) {
    super(
      `Table ${table}: a value was rejected by check ${constraint} (text must not be empty after trimming; enums take only their values).`,
      table,
      { cause },
    );
    this.constraint = constraint;
  }
}

/** A required column was given no value. */
export class NotNullViolationError extends DaoError {
  readonly column: string;

  constructor(table: string, column: string, cause: unknown) {
    super(`Table ${table}: column ${column} is required.`, table, { cause });
    this.column = column;
  }
}

/**
 * A 53-bit hash of a row's written values (cyrb53 over each value's text, prefixed by its kind
 * and length so that `["ab"]`, `["a", "b"]` and `[1]` vs `["1"]` differ): equal values, equal
 * hash. Stored in `hash_code` so that writing unchanged values can be skipped in SQL.
 */
export function hashCode(values: readonly unknown[]): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const value of values) {
    const absent = value === null || value === undefined;
    const text =
      typeof value === 'string'
        ? value
        : absent
          ? ''
          : typeof value === 'object'
            ? JSON.stringify(value)
            : String(value);
    const tag = typeof value === 'string' ? text.length : absent ? -1 : -2 - text.length;
    h1 = Math.imul(h1 ^ tag, 2654435761);
    h2 = Math.imul(h2 ^ tag, 1597334677);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A new key: a UUID, or `<prefix>-` and 32 hex digits. */
export function generateId(prefix?: string): string {
  return prefix === undefined ? randomUUID() : `${prefix}-${randomUUID().replaceAll('-', '')}`;
}

/** A range filter of `findAll` on an ordered column (numbers, dates, date-times). */
export interface Range<T> {
  gt?: T;
  gte?: T;
  lt?: T;
  lte?: T;
}

const RANGE_OPERATORS: Readonly<Record<string, string>> = { gt: '>', gte: '>=', lt: '<', lte: '<=' };

/** Whether a filter value is a range (a plain object) rather than one value or a list. */
export function isRange(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The conditions of a range; `placeholder` binds one value and returns its SQL. */
export function rangeSql(
  column: string,
  range: Record<string, unknown>,
  placeholder: (v: unknown) => string,
): string {
  const terms: string[] = [];
  for (const [key, value] of Object.entries(range)) {
    const operator = RANGE_OPERATORS[key];
    if (operator === undefined)
      throw new RangeError(`findAll: unknown range bound ${JSON.stringify(key)}; use gt, gte, lt or lte`);
    if (value !== undefined) terms.push(`${column} ${operator} ${placeholder(value)}`);
  }
  return terms.length === 0 ? '1 = 1' : terms.join(' AND ');
}

/** Throws unless `value` (a `limit` or `offset`) is absent or a non-negative integer. */
export function checkCount(name: string, value: number | undefined): void {
  if (value !== undefined && (!Number.isSafeInteger(value) || value < 0)) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
}
