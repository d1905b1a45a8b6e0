import type { Code } from '../shared/index.js';

/**
 * The normalized table metadata both DAO generators work from, read once from a model's `db`
 * attribute (see `read-db-attribute.ts` and docs/dao.md). Names here are checked SQL identifiers
 * (`[A-Za-z_][A-Za-z0-9_]*`), so they can be double-quoted into SQL and used as TypeScript property
 * names without further escaping.
 */

/** How a column is stored; each dialect maps this to its own SQL type. */
export type Storage =
  | 'text'
  | 'uuid'
  | 'date'
  | 'timestamp'
  | 'integer'
  | 'bigint'
  | 'real'
  | 'decimal'
  | 'boolean'
  | 'json';

/** Why a column exists: a field of the model, or an audit column the generator adds. */
export type ColumnRole = 'field' | 'created_at' | 'updated_at' | 'created_by' | 'updated_by';

export interface Column {
  /** The column name, which is also the row property name (the field's wire name). */
  name: string;
  storage: Storage;
  /** The TypeScript type of the property, already printed (`string`, `'a' | 'b'`, `string[]`). */
  tsType: Code;
  required: boolean;
  role: ColumnRole;
  /** Allowed values, for enum-typed fields (checked by the database). */
  enumValues?: string[];
  /** Part of the write form: a model field that is not a generated key nor an audit column. */
  writable: boolean;
  description?: string;
}

/** How primary key values come to be: given by the caller, or generated on insert. */
export type KeyGeneration = 'none' | 'uuid' | 'prefixed' | 'auto';

export interface PrimaryKey {
  column: Column;
  generate: KeyGeneration;
  /** For `prefixed`: ids look like `usr-<32 hex digits>`. */
  prefix?: string;
}

/** One condition of a partial index: `field is null`, `field is not null`, `field = literal`. */
export type WhereTerm =
  | { column: string; op: 'is null' | 'is not null' }
  | { column: string; op: '='; value: string | number | boolean };

export interface Index {
  name: string;
  columns: Column[];
  unique: boolean;
  /** Conditions joined by `and`; empty for a full index. */
  where: WhereTerm[];
}

export interface TableSpec {
  /** The model the table stores (its wire name) and the TypeScript names derived from it. */
  model: string;
  /** PascalCase singular, e.g. `User` → `UserRow`, `UserForm`. */
  typeName: string;
  /** PascalCase of the table, e.g. `Users` → `UsersDao`. */
  daoName: string;
  table: string;
  description?: string;
  columns: Column[];
  primaryKey: PrimaryKey;
  indexes: Index[];
  hashCode: boolean;
  journal: boolean;
  /** What the journal's rows become on the event stream, when the `db` attribute maps them. */
  events?: TableEvents;
}

/** One member of the event union a journal row becomes, and where each of its fields comes from. */
export interface EventMapping {
  /** The member's discriminator value on the wire (`user_upserted`). */
  type: string;
  /** The member model (`user_upserted`). */
  model: string;
  /**
   * The member's fields other than `event_id` and `timestamp`, in declaration order: the whole row
   * (a field typed as the table's model) or one column. Optional fields nothing fills are absent.
   */
  fields: { name: string; from: { kind: 'row' } | { kind: 'column'; column: Column } }[];
}

/** The `events` key of a `db` attribute, read and checked: the relay publishes these. */
export interface TableEvents {
  /** The owned `*_event` union. */
  union: string;
  discriminator: string;
  /** The columns of the table's model fields, in model order: the row an event carries. */
  rowColumns: Column[];
  /** What an inserted or updated row becomes. */
  upsert: EventMapping;
  /** What a deleted row becomes (filled from the row as it was). */
  delete: EventMapping;
}

/** Columns written by forms, in declaration order (what hash_code covers). */
export function formColumns(table: TableSpec): Column[] {
  return table.columns.filter((c) => c.writable);
}

/** Columns that may be filtered and sorted on: the primary key and every indexed column. */
export function filterColumns(table: TableSpec): Column[] {
  const names = new Set<string>([table.primaryKey.column.name]);
  for (const index of table.indexes) for (const column of index.columns) names.add(column.name);
  return table.columns.filter((c) => names.has(c.name));
}

/** A column by role, when the table has it. */
export function auditColumn(table: TableSpec, role: Exclude<ColumnRole, 'field'>): Column | undefined {
  return table.columns.find((c) => c.role === role);
}
