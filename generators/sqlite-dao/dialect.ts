import type { Dialect } from '../dao-shared/dialect.js';
import { journalColumns } from '../dao-shared/migration.js';
import { quoteIdentifier } from '../dao-shared/sql.js';
import type { Column, Storage, TableSpec } from '../dao-shared/table-spec.js';
import { type Code, code } from '../shared/index.js';

const TYPES: Readonly<Record<Storage, string>> = {
  text: 'TEXT',
  uuid: 'TEXT',
  date: 'TEXT',
  timestamp: 'TEXT',
  integer: 'INTEGER',
  bigint: 'INTEGER',
  real: 'REAL',
  decimal: 'REAL',
  boolean: 'INTEGER',
  json: 'TEXT',
};

/** ISO-8601 in UTC with milliseconds, the same text `Date.prototype.toISOString` produces. */
const NOW = "(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";

/** SQLite through better-sqlite3: STRICT tables, booleans as 0/1, JSON as text, synchronous DAOs. */
export const sqliteDialect: Dialect = {
  generator: 'sqlite-dao',
  quoteIdentifier,
  async: false,
  dbType: 'SqliteDb',
  sqlType: (column, autoKey) => (autoKey ? 'INTEGER PRIMARY KEY AUTOINCREMENT' : TYPES[column.storage]),
  nonEmpty: (column) =>
    TYPES[column.storage] === 'TEXT' && column.storage !== 'json'
      ? `length(trim(${quoteIdentifier(column.name)}, char(9, 10, 11, 12, 13, 32))) > 0`
      : undefined,
  extraCheck: (column) => {
    if (column.storage === 'boolean') return `${quoteIdentifier(column.name)} IN (0, 1)`;
    if (column.storage === 'json') return `json_valid(${quoteIdentifier(column.name)})`;
    return undefined;
  },
  now: NOW,
  hashType: 'INTEGER',
  tableOptions: ' STRICT',
  booleanLiteral: (value) => (value ? '1' : '0'),
  placeholder: () => '?',
  distinct: 'IS NOT',
  selectColumn: (column) => quoteIdentifier(column.name),
  toDb: (column, value) => {
    if (column.storage === 'boolean') return code`${value} ? 1 : 0`;
    if (column.storage === 'json') return code`JSON.stringify(${value})`;
    return value;
  },
  fromDb: (column, raw): Code => {
    if (column.storage === 'boolean') return code`${raw} === 1`;
    if (column.storage === 'json') return code`JSON.parse(${raw} as string) as ${column.tsType}`;
    return code`${raw} as ${column.tsType}`;
  },
  // Compared inside SQLite: unchanged rows cost an index lookup and produce no result row.
  changedRows: (table, key) =>
    `SELECT "pair"."key" AS "i" FROM json_each(?) AS "pair" LEFT JOIN ${table} AS "row" ON "row".${key} = "pair"."value" ->> 0 WHERE "row"."hash_code" IS NOT "pair"."value" ->> 1 ORDER BY "pair"."key"`,
  inList: (column) => `${column} IN (SELECT value FROM json_each(?))`,
  listParam: (values) => code`JSON.stringify(${values})`,
  journal: (table) => journalSql(table),
  relayProgress: [
    'CREATE TABLE IF NOT EXISTS "canon_relay_progress" (',
    '  "relay" TEXT NOT NULL PRIMARY KEY,',
    '  "journal_id" INTEGER NOT NULL,',
    `  "updated_at" TEXT NOT NULL DEFAULT ${NOW}`,
    ') STRICT;',
  ].join('\n'),
  peeks: false,
  relayClass: 'SqliteJournalRelay',
};

function journalSql(table: TableSpec): string {
  const name = quoteIdentifier(`${table.table}_journal`);
  const columns = journalColumns(table);
  const typeOf = (column: string): string => {
    const found = table.columns.find((c: Column) => c.name === column);
    return found ? TYPES[found.storage] : 'INTEGER';
  };
  const definitions = [
    '  "journal_id" INTEGER PRIMARY KEY AUTOINCREMENT',
    `  "journal_operation" TEXT NOT NULL CHECK ("journal_operation" IN ('insert', 'update', 'delete'))`,
    `  "journal_timestamp" TEXT NOT NULL DEFAULT ${NOW}`,
    ...columns.map((c) => `  ${quoteIdentifier(c)} ${typeOf(c)}`),
  ];
  const list = columns.map(quoteIdentifier).join(', ');
  const trigger = (operation: string, event: string, image: string): string =>
    [
      `CREATE TRIGGER IF NOT EXISTS ${quoteIdentifier(`${table.table}_journal_${operation}`)} AFTER ${event} ON ${quoteIdentifier(table.table)} BEGIN`,
      `  INSERT INTO ${name} ("journal_operation", ${list}) VALUES ('${operation}', ${columns.map((c) => `${image}.${quoteIdentifier(c)}`).join(', ')});`,
      'END;',
    ].join('\n');
  return [
    `CREATE TABLE IF NOT EXISTS ${name} (\n${definitions.join(',\n')}\n) STRICT;`,
    trigger('insert', 'INSERT', 'NEW'),
    trigger('update', 'UPDATE', 'NEW'),
    trigger('delete', 'DELETE', 'OLD'),
  ].join('\n\n');
}
