import type Database from 'better-sqlite3';
import { problem } from '../errors.js';
import { SUBJECT_DUMP_TABLES } from '../subjects/subject-migrations.js';
import type { RegistryDump } from './store.js';

/** Tables in the order they can be loaded (generated code is a cache and is not exported). */
const TABLES = [
  'organizations',
  'services',
  'versions',
  'version_imports',
  'event_unions',
  'tokens',
  'audit_log',
  'settings',
  ...SUBJECT_DUMP_TABLES.map(([table]) => table),
] as const;

/** Tables that a new database fills with defaults. */
export const DEFAULTED: readonly string[] = ['settings', 'subject_sequences'];

/** Every row of every table, columns as stored, ordered by key so that the dump is stable. */
export function exportTables(db: Database.Database): RegistryDump {
  const read = db.transaction(() => {
    const tables: Record<string, Record<string, unknown>[]> = {};
    for (const table of TABLES) {
      tables[table] = db.prepare(`SELECT * FROM ${table} ORDER BY rowid`).all() as Record<string, unknown>[];
    }
    return tables;
  });
  return { format: 'canon-registry-export', formatVersion: 1, tables: read.deferred() };
}

/**
 * Loads a dump into an empty database in one transaction: all of it or none of it. Column names
 * are checked against the live schema before any SQL is built from them.
 */
export function importTables(db: Database.Database, dump: RegistryDump): void {
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
  const load = db.transaction(() => {
    // Settings (and the schema id sequence) always hold their defaults: the dump's replace them.
    for (const table of TABLES.filter((t) => !DEFAULTED.includes(t))) {
      if (db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() !== 0) {
        throw problem(
          409,
          'registry-not-empty',
          `The registry already holds ${table}; import only into an empty registry.`,
        );
      }
    }
    // services point at their latest version, which is loaded after them.
    db.pragma('defer_foreign_keys = ON');
    for (const table of DEFAULTED) {
      if (dump.tables[table] !== undefined) db.prepare(`DELETE FROM ${table}`).run();
    }
    for (const table of TABLES) {
      const rows = dump.tables[table] ?? [];
      if (!Array.isArray(rows))
        throw problem(422, 'invalid-dump', `tables.${table} must be an array of rows.`);
      const columns = new Set((db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name));
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
        const sql = `INSERT INTO ${table} (${names.map((n) => `"${n}"`).join(', ')}) VALUES (${names.map(() => '?').join(', ')})`;
        db.prepare(sql).run(...names.map((n) => row[n]));
      }
    }
  });
  load.immediate();
}
