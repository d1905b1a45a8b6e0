import type Database from 'better-sqlite3';
import type { PgDatabase } from '../store/pg-database.js';
import { ScriptedSubjectStore } from './scripted-subject-store.js';
import { runAsync, runSync, type Statement } from './sql-script.js';
import type { SubjectStore } from './subject-store.js';

/** Subjects on SQLite: reads straight on the connection, writes in the store's `BEGIN IMMEDIATE` (with its lock waits). */
export function sqliteSubjectStore(
  db: Database.Database,
  write: <T>(work: () => T) => Promise<T>,
): SubjectStore {
  const prepared = new Map<string, Database.Statement>();
  const execute = ({ sql, params }: Statement): Record<string, unknown>[] => {
    let statement = prepared.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      prepared.set(sql, statement);
    }
    if (statement.reader) return statement.all(...params) as Record<string, unknown>[];
    statement.run(...params);
    return [];
  };
  return new ScriptedSubjectStore({
    read: async (script) => runSync(script(), execute),
    write: (script) => write(() => runSync(script(), execute)),
  });
}

/** Subjects on PostgreSQL: each write script in one transaction on one connection. */
export function pgSubjectStore(db: PgDatabase): SubjectStore {
  return new ScriptedSubjectStore({
    read: (script) => runAsync(script(), (sql, params) => db.rows(sql, params)),
    write: (script) => db.transaction((tx) => runAsync(script(), (sql, params) => tx.rows(sql, params))),
  });
}
