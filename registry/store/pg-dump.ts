import { problem } from '../errors.js';
import { SUBJECT_DUMP_TABLES } from '../subjects/subject-migrations.js';
import type { PgDatabase } from './pg-database.js';
import { DEFAULTED } from './sqlite-dump.js';
import type { RegistryDump } from './store.js';

/** Tables in the order they can be loaded, each with a stable order (generated code is a cache). */
const TABLES = [
  ['organizations', 'id'],
  ['services', 'id'],
  ['versions', 'id'],
  ['version_imports', 'version_id, organization COLLATE "C", application COLLATE "C", version COLLATE "C"'],
  ['event_unions', 'organization_id, union_name COLLATE "C"'],
  ['tokens', 'created_at COLLATE "C", id COLLATE "C"'],
  ['audit_log', 'id'],
  ['settings', 'key COLLATE "C"'],
  ...SUBJECT_DUMP_TABLES,
] as const;

/** Tables whose `id` is an identity column: its sequence continues after an import. */
const IDENTITIES = ['organizations', 'services', 'versions', 'audit_log'];

/** Every row of every table, in one snapshot (`REPEATABLE READ`), in the same format as SQLite's. */
export async function exportPgTables(db: PgDatabase): Promise<RegistryDump> {
  const tables: Record<string, Record<string, unknown>[]> = {};
  await db.transaction(
    async (tx) => {
      await tx.rows('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      for (const [table, order] of TABLES) {
        tables[table] = await tx.rows<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY ${order}`);
      }
    },
    { rollback: () => true },
  );
  return { format: 'canon-registry-export', formatVersion: 1, tables };
}

/**
 * Loads a dump into an empty schema in one transaction: all of it or none of it. Column names
 * are checked against the live schema before any SQL is built from them.
 */
export async function importPgTables(db: PgDatabase, dump: RegistryDump): Promise<void> {
  if (
    dump?.format !== 'canon-registry-export' ||
    dump.formatVersion !== 1 ||
    typeof dump.tables !== 'object'
  ) {
    throw problem(
      422,
      'invalid-dump',
      'The file is not a Canon registry export (format canon-registry-export, formatVersion 1).',
    );
  }
  await db.transaction(async (tx) => {
    for (const [table] of TABLES) {
      await tx.rows(`LOCK TABLE ${table} IN EXCLUSIVE MODE`);
      // Settings (and the schema id sequence) always hold their defaults: the dump's replace them.
      if (!DEFAULTED.includes(table) && (await tx.row(`SELECT 1 FROM ${table} LIMIT 1`))) {
        throw problem(
          409,
          'registry-not-empty',
          `The registry already holds ${table}; import only into an empty registry.`,
        );
      }
    }
    // services point at their latest version, versions at predecessors loaded after them.
    await tx.rows('SET CONSTRAINTS ALL DEFERRED');
    for (const table of DEFAULTED) {
      if (dump.tables[table] !== undefined) await tx.rows(`DELETE FROM ${table}`);
    }
    for (const [table] of TABLES) {
      const rows = dump.tables[table] ?? [];
      if (!Array.isArray(rows))
        throw problem(422, 'invalid-dump', `tables.${table} must be an array of rows.`);
      const columns = new Set(
        (
          await tx.rows<{ name: string }>(
            'SELECT column_name AS name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2',
            [db.schema, table],
          )
        ).map((c) => c.name),
      );
      for (const row of rows) {
        const names = Object.keys(row);
        const unknown = names.filter((n) => !columns.has(n));
        if (unknown.length > 0) {
          throw problem(
            422,
            'invalid-dump',
            `tables.${table} has unknown columns ${unknown.join(', ')}; was it exported by a newer Canon?`,
          );
        }
        await tx.rows(
          `INSERT INTO ${table} (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
          names.map((n) => row[n]),
        );
      }
    }
    for (const table of IDENTITIES) {
      await tx.rows(
        `SELECT setval(pg_get_serial_sequence('${table}', 'id'), coalesce(max(id), 0) + 1, false) FROM ${table}`,
      );
    }
  });
}
