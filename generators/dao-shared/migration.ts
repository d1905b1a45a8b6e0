import { type Code, code, fixed, stringLiteral } from '../shared/index.js';
import type { Dialect } from './dialect.js';
import { bracketed } from './layout.js';
import { sqlString, whereSql } from './sql.js';
import type { Column, TableSpec } from './table-spec.js';

/**
 * The migration for every table: `CREATE TABLE` with the company-wide checks (text never empty
 * after trimming, enums restricted to their values, NOT NULL from `required`), the `hash_code`
 * column, the indexes, the journal, and `canon_relay_progress` when a table's journal is relayed
 * as events. Statements are idempotent (`IF NOT EXISTS`), so applying
 * the file twice is harmless.
 */
export function migrationSql(tables: readonly TableSpec[], dialect: Dialect, header: string): string {
  const parts = [header];
  for (const table of tables) {
    parts.push(createTable(table, dialect));
    for (const index of table.indexes) {
      const where = index.where.length === 0 ? '' : ` WHERE ${whereSql(index.where, dialect)}`;
      const columns = index.columns.map((c) => dialect.quoteIdentifier(c.name)).join(', ');
      parts.push(
        `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ${dialect.quoteIdentifier(index.name)} ON ${dialect.quoteIdentifier(table.table)} (${columns})${where};`,
      );
    }
    if (table.journal) parts.push(dialect.journal(table));
  }
  if (tables.some((t) => t.events)) parts.push(dialect.relayProgress);
  return `${parts.join('\n\n')}\n`;
}

function createTable(table: TableSpec, dialect: Dialect): string {
  const lines = table.columns.map((column) => `  ${columnDefinition(table, column, dialect)}`);
  if (table.hashCode) lines.push(`  "hash_code" ${dialect.hashType} NOT NULL`);
  return `CREATE TABLE IF NOT EXISTS ${dialect.quoteIdentifier(table.table)} (\n${lines.join(',\n')}\n)${dialect.tableOptions};`;
}

function columnDefinition(table: TableSpec, column: Column, dialect: Dialect): string {
  const key = table.primaryKey;
  const isKey = key.column === column;
  const autoKey = isKey && key.generate === 'auto';
  let sql = `${dialect.quoteIdentifier(column.name)} ${dialect.sqlType(column, autoKey)}`;
  if (column.required && !autoKey) sql += ' NOT NULL';
  if (isKey && !autoKey) sql += ' PRIMARY KEY';
  if (column.role === 'created_at' || column.role === 'updated_at') sql += ` DEFAULT ${dialect.now}`;
  const checks = [column.enumValues ? undefined : dialect.nonEmpty(column), dialect.extraCheck(column)];
  if (column.enumValues) {
    checks.push(
      `${dialect.quoteIdentifier(column.name)} IN (${column.enumValues.map(sqlString).join(', ')})`,
    );
  }
  const condition = checks.filter((c) => c !== undefined).join(' AND ');
  if (condition !== '') {
    sql += ` CONSTRAINT ${dialect.quoteIdentifier(`${table.table}_${column.name}_check`)} CHECK (${condition})`;
  }
  return sql;
}

/** The journal's own columns, followed by a copy of every table column (unconstrained). */
export function journalColumns(table: TableSpec): string[] {
  const columns = table.columns.map((c) => c.name);
  if (table.hashCode) columns.push('hash_code');
  return columns;
}

/**
 * `migration.ts`: the migration as `MIGRATION`, one string per line of `migration.sql` (so that a
 * reviewer reads SQL, not one line of escapes), and `migrate(db)`.
 */
export function migrationModule(sql: string, dialect: Dialect): Code {
  const db = fixed(dialect.dbType);
  const lines = sql.split('\n').map((line) => stringLiteral(line));
  const migrate = dialect.async
    ? code`export async function migrate(db: ${db}): Promise<void> {\n  await db.exec(MIGRATION);\n}`
    : code`export function migrate(db: ${db}): void {\n  db.exec(MIGRATION);\n}`;
  return code`import type { ${db} } from './db.js';

/** The migration (also in migration.sql); every statement is idempotent. */
export const MIGRATION = ${bracketed('', fixed('['), lines, fixed("].join('\\n');"))}

/** Applies the migration. */
${migrate}
`;
}
