import Database from 'better-sqlite3';
import {
  type ConsumerOptions,
  type NatsConnection,
  sqliteEventStore,
  type UserEventHandlers,
  userEventConsumer,
} from './generated/events.js';
import type { UserEvent, UserStatus } from './generated/types.js';

/** The consuming application's durable name on the user_event stream. */
export const DURABLE = 'user_read_model';

/**
 * Opens the read model's own SQLite database: `users` as the user service last described each
 * one, and `user_changes`, every change applied, for a user's history. The consumer's
 * bookkeeping (`canon_event_applied`, `canon_event_failures`) lives in the same file.
 */
export function openReadModel(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.exec(`CREATE TABLE IF NOT EXISTS users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL,
  name TEXT,
  status TEXT NOT NULL,
  changed_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS users_email ON users (email);
CREATE TABLE IF NOT EXISTS user_changes (
  event_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  change TEXT NOT NULL,
  at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS user_changes_user ON user_changes (user_id, at)`);
  return db;
}

/** Empties the read model for a rebuild (`replay('beginning', { rebuild: emptyReadModel })`). */
export function emptyReadModel(db: Database.Database): void {
  db.exec('DELETE FROM users; DELETE FROM user_changes');
}

/** The hand-written part: what each event does to the read model, inside the consumer's transaction. */
export const handlers: UserEventHandlers<Database.Database> = {
  user_upserted: ({ event_id, timestamp, user }, { db }) => {
    db.prepare(
      `INSERT INTO users (id, email, name, status, changed_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET email = excluded.email, name = excluded.name, status = excluded.status, changed_at = excluded.changed_at`,
    ).run(user.id, user.email, user.name ?? null, user.status, timestamp);
    db.prepare('INSERT INTO user_changes VALUES (?, ?, ?, ?)').run(event_id, user.id, 'upserted', timestamp);
  },
  user_deleted: ({ event_id, timestamp, id }, { db }) => {
    db.prepare('DELETE FROM users WHERE id = ?').run(id);
    db.prepare('INSERT INTO user_changes VALUES (?, ?, ?, ?)').run(event_id, id, 'deleted', timestamp);
  },
};

type Tuning = Omit<ConsumerOptions<UserEvent, 'discriminator', Database.Database>, 'store' | 'handlers'>;

/** The read model's consumer of user_event: durable `user_read_model`, its store the read model's database. */
export function readModelConsumer(nc: NatsConnection, db: Database.Database, tuning: Partial<Tuning> = {}) {
  return userEventConsumer(nc, { durable: DURABLE, ...tuning, store: sqliteEventStore(db), handlers });
}

/** A user as the read model holds it. */
export interface ReadUser {
  id: string;
  email: string;
  name: string | null;
  status: UserStatus;
  changed_at: string;
}

/** Users whose email or name contains `text` (case-insensitive), by email. */
export function searchUsers(db: Database.Database, text: string): ReadUser[] {
  const pattern = `%${text.replaceAll(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .prepare(
      "SELECT id, email, name, status, changed_at FROM users WHERE email LIKE ? ESCAPE '\\' OR name LIKE ? ESCAPE '\\' ORDER BY email",
    )
    .all(pattern, pattern) as ReadUser[];
}
