import {
  type Code,
  code,
  formattedStringLiteral,
  type Identifier,
  propertyKey,
  safeIdentifier,
  safeMemberName,
} from '../shared/index.js';
import {
  type Column,
  filterColumns,
  formColumns,
  type Index,
  type Storage,
  type TableSpec,
} from './table-spec.js';

/** Storage kinds whose values have an order: `findAll` accepts ranges on them. */
const ORDERED: ReadonlySet<Storage> = new Set(['integer', 'bigint', 'real', 'decimal', 'date', 'timestamp']);

/** Whether `findAll` takes a `Range` for this column. */
export function isOrdered(column: Column): boolean {
  return ORDERED.has(column.storage);
}

/** The declarations a table's DAO module exports, as checked identifiers. */
export interface DaoNames {
  row: Identifier;
  form: Identifier;
  keyed: Identifier;
  filters: Identifier;
  orderBy: Identifier;
  dao: Identifier;
}

/** `User` and `Users` → `UserRow`, `UserForm`, `UserKeyed`, `UserFilters`, `UserOrderBy`, `UsersDao`. */
export function daoNames(table: TableSpec): DaoNames {
  const type = (suffix: string): Identifier => safeIdentifier(`${table.typeName}${suffix}`);
  return {
    row: type('Row'),
    form: type('Form'),
    keyed: type('Keyed'),
    filters: type('Filters'),
    orderBy: type('OrderBy'),
    dao: safeIdentifier(`${table.daoName}Dao`),
  };
}

/** Columns `findAll` filters and sorts on: the primary key and indexed columns, JSON excepted. */
export function findAllColumns(table: TableSpec): Column[] {
  return filterColumns(table).filter((c) => c.storage !== 'json');
}

/** Sort keys of `findAll`: each filter column and audit timestamp, ascending and `-`descending. */
export function orderKeys(table: TableSpec): string[] {
  const names = findAllColumns(table).map((c) => c.name);
  for (const c of table.columns)
    if ((c.role === 'created_at' || c.role === 'updated_at') && !names.includes(c.name)) names.push(c.name);
  return names.flatMap((n) => [n, `-${n}`]);
}

/** Form columns other than the key: what `formParams` returns and `hash_code` covers. */
export function valueColumns(table: TableSpec): Column[] {
  return formColumns(table).filter((c) => c !== table.primaryKey.column);
}

/** The audit columns holding who wrote a row (`created_by` on insert only). */
export function byColumns(table: TableSpec, kind: 'insert' | 'update'): Column[] {
  return table.columns.filter(
    (c) => c.role === 'updated_by' || (kind === 'insert' && c.role === 'created_by'),
  );
}

/** Whether write methods take the actor (`by`) first. */
export function takesActor(table: TableSpec): boolean {
  return table.columns.some((c) => c.role === 'created_by' || c.role === 'updated_by');
}

/** Unique indexes other than the primary key's: each gets a `findBy<Fields>` method. */
export function uniqueLookups(table: TableSpec): Index[] {
  const key = table.primaryKey.column;
  return table.indexes.filter((i) => i.unique && !(i.columns.length === 1 && i.columns[0] === key));
}

/** `findByEmail`, `findByTenantIdAndEmail`. */
export function lookupMethod(index: Index): Identifier {
  return safeMemberName(`findBy${index.columns.map((c) => pascal(c.name)).join('And')}`);
}

/** The SQL constant of a lookup: `FIND_BY_USERS_EMAIL_IDX`. */
export function lookupConstant(index: Index): Identifier {
  return safeIdentifier(`FIND_BY_${index.name.toUpperCase()}`);
}

/** `object.name`, or `object['name']` when the name is not an identifier name. */
export function member(object: Code, name: string): Code {
  const key = propertyKey(name);
  return key.startsWith("'") ? code`${object}[${formattedStringLiteral(name)}]` : code`${object}.${key}`;
}

function pascal(name: string): string {
  return name
    .split('_')
    .filter((p) => p !== '')
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('');
}
