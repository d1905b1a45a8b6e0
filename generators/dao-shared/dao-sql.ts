import {
  type Code,
  code,
  fixed,
  formattedStringLiteral,
  type Identifier,
  identifier,
} from '../shared/index.js';
import { byColumns, lookupConstant, orderKeys, uniqueLookups, valueColumns } from './dao-table.js';
import type { Dialect } from './dialect.js';
import { bracketed, breakAfter, INDENT, LINE_WIDTH } from './layout.js';
import { whereSql } from './sql.js';
import { sqlLines } from './sql-lines.js';
import type { TableSpec } from './table-spec.js';

/** One fixed SQL statement of a DAO, named by the constant that holds it. */
export interface DaoStatement {
  name: Identifier;
  sql: string;
}

/**
 * The DAO's SQL, fixed at generation time: every name quoted by the dialect's `quoteIdentifier`, every
 * value a bind parameter. Only `findAll` assembles SQL at run time, from these constants and the
 * `ORDER_BY` entries.
 */
export function daoStatements(table: TableSpec, dialect: Dialect): DaoStatement[] {
  const d = dialect;
  const name = d.quoteIdentifier(table.table);
  const key = d.quoteIdentifier(table.primaryKey.column.name);
  const select = `SELECT ${selectList(table, d)} FROM ${name}`;
  const statements: DaoStatement[] = [
    { name: identifier('SELECT_ALL'), sql: select },
    { name: identifier('FIND_BY_ID'), sql: `${select} WHERE ${key} = ${d.placeholder(1)}` },
  ];
  if (table.hashCode && d.changedRows) {
    statements.push({ name: identifier('CHANGED_ROWS'), sql: d.changedRows(name, key) });
  } else if (table.hashCode) {
    const lock = d.async ? ' FOR UPDATE' : '';
    statements.push({
      name: identifier('STORED_HASHES'),
      sql: `SELECT ${key} AS "k", "hash_code" AS "h" FROM ${name} WHERE ${d.inList(key)}${lock}`,
    });
  }
  for (const index of uniqueLookups(table)) {
    const conditions = index.columns.map((c, i) => `${d.quoteIdentifier(c.name)} = ${d.placeholder(i + 1)}`);
    if (index.where.length > 0) conditions.push(whereSql(index.where, d));
    statements.push({ name: lookupConstant(index), sql: `${select} WHERE ${conditions.join(' AND ')}` });
  }
  statements.push(
    { name: identifier('INSERT'), sql: `${insertSql(table, d, false)} RETURNING ${selectList(table, d)}` },
    { name: identifier('UPSERT'), sql: upsertSql(table, d) },
    { name: identifier('UPDATE'), sql: `${updateSql(table, d)} RETURNING ${selectList(table, d)}` },
    { name: identifier('DELETE'), sql: `DELETE FROM ${name} WHERE ${key} = ${d.placeholder(1)}` },
  );
  return statements;
}

/** The `ORDER BY` clause of each sort key, the primary key breaking ties. */
export function orderByClauses(table: TableSpec, d: Dialect): [string, string][] {
  const keyName = table.primaryKey.column.name;
  const key = d.quoteIdentifier(keyName);
  return orderKeys(table).map((k) => {
    const column = k.replace(/^-/, '');
    const direction = k.startsWith('-') ? 'DESC' : 'ASC';
    const tiebreak = column === keyName ? '' : `, ${key} ${direction}`;
    return [k, `${d.quoteIdentifier(column)} ${direction}${tiebreak}`];
  });
}

/**
 * `const NAME = '…';`: on one line, or broken after `=`, or, when even that is too long, as one
 * string per clause joined with spaces (the same text; a reviewer reads the SQL).
 */
export function statementConstant(statement: DaoStatement): Code {
  const head = code`const ${statement.name} =`;
  const literal = formattedStringLiteral(statement.sql);
  if (`${INDENT}${literal};`.length <= LINE_WIDTH) return code`${breakAfter('', head, literal)};`;
  const width = LINE_WIDTH - INDENT.length - ','.length;
  const lines = sqlLines(statement.sql, width, (line) => formattedStringLiteral(line).length);
  const literals = lines.map((line) => formattedStringLiteral(line));
  return code`${head} ${bracketed('', fixed('['), literals, fixed("].join(' ');"))}`;
}

/** The findAll filter condition's column, as the SQL text `matches` receives. */
export function filterColumnSql(name: string, d: Dialect): Code {
  return formattedStringLiteral(d.quoteIdentifier(name));
}

function selectList(table: TableSpec, dialect: Dialect): string {
  return table.columns.map((c) => dialect.selectColumn(c)).join(', ');
}

/** The columns an insert writes: the key unless the database makes it, the form, audit, hash. */
function insertColumns(table: TableSpec): string[] {
  const generate = table.primaryKey.generate;
  return [
    ...(generate === 'auto' ? [] : [table.primaryKey.column.name]),
    ...valueColumns(table).map((c) => c.name),
    ...byColumns(table, 'insert').map((c) => c.name),
    ...(table.hashCode ? ['hash_code'] : []),
  ];
}

function insertSql(table: TableSpec, d: Dialect, keyed: boolean): string {
  // A keyed insert (an upsert) always names the key: the caller gives it.
  const columns = insertColumns(table);
  if (keyed && table.primaryKey.generate === 'auto') columns.unshift(table.primaryKey.column.name);
  const placeholders = columns.map((_, i) => d.placeholder(i + 1)).join(', ');
  return `INSERT INTO ${d.quoteIdentifier(table.table)} (${columns.map((c) => d.quoteIdentifier(c)).join(', ')}) VALUES (${placeholders})`;
}

/** Assignments of everything an update writes: the form, `updated_by`, the hash, `updated_at`. */
function updatedColumns(table: TableSpec): string[] {
  return [
    ...valueColumns(table).map((c) => c.name),
    ...byColumns(table, 'update').map((c) => c.name),
    ...(table.hashCode ? ['hash_code'] : []),
  ];
}

function upsertSql(table: TableSpec, d: Dialect): string {
  const name = d.quoteIdentifier(table.table);
  const key = d.quoteIdentifier(table.primaryKey.column.name);
  const updates = updatedColumns(table).map(
    (n) => `${d.quoteIdentifier(n)} = excluded.${d.quoteIdentifier(n)}`,
  );
  for (const c of table.columns)
    if (c.role === 'updated_at') updates.push(`${d.quoteIdentifier(c.name)} = ${d.now}`);
  // A table of nothing but its key has nothing to update: the row existing is all there is.
  let sql = `${insertSql(table, d, true)} ON CONFLICT (${key}) ${
    updates.length === 0 ? 'DO NOTHING' : `DO UPDATE SET ${updates.join(', ')}`
  }`;
  if (table.hashCode) sql += ` WHERE ${name}."hash_code" ${d.distinct} excluded."hash_code"`;
  return sql;
}

function updateSql(table: TableSpec, d: Dialect): string {
  const key = d.quoteIdentifier(table.primaryKey.column.name);
  let n = 0;
  const assignments = updatedColumns(table).map((c) => `${d.quoteIdentifier(c)} = ${d.placeholder(++n)}`);
  for (const c of table.columns)
    if (c.role === 'updated_at') assignments.push(`${d.quoteIdentifier(c.name)} = ${d.now}`);
  if (assignments.length === 0) assignments.push(`${key} = ${key}`);
  let sql = `UPDATE ${d.quoteIdentifier(table.table)} SET ${assignments.join(', ')} WHERE ${key} = ${d.placeholder(++n)}`;
  if (table.hashCode) sql += ` AND "hash_code" ${d.distinct} ${d.placeholder(++n)}`;
  return sql;
}
