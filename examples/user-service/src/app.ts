import Database from 'better-sqlite3';
import express, { type Express } from 'express';
import pg from 'pg';
import { createRouter } from './generated/routes.js';
import * as postgres from './generated/postgres/index.js';
import * as sqlite from './generated/sqlite/index.js';
import type { UserEventProducer } from './generated/events.js';
import type { UserRelay } from './user-events.js';
import type { UserStore } from './user-store.js';
import { usersService } from './users-service.js';

/** Where users are stored: a SQLite file (the default) or PostgreSQL. */
export type StorageConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; pool: pg.PoolConfig };

export interface Storage {
  store: UserStore;
  /** Answers the healthcheck: throws when the database cannot be reached. */
  ping(): Promise<unknown>;
  /** The generated journal relay of the users table, publishing `user_event` through `producer`. */
  relay(producer: UserEventProducer): UserRelay;
  close(): Promise<void>;
}

/** Opens and migrates the database. */
export async function openStorage(config: StorageConfig): Promise<Storage> {
  if (config.kind === 'sqlite') {
    const database = new Database(config.file);
    database.pragma('journal_mode = WAL');
    const db = sqlite.betterSqlite3Db(database);
    sqlite.migrate(db);
    return {
      store: new sqlite.UsersDao(db),
      ping: async () => db.get('SELECT 1', []),
      relay: (producer) => sqlite.usersRelay(db, producer),
      close: async () => {
        database.close();
      },
    };
  }
  const pool = new pg.Pool(config.pool);
  const db = postgres.pgPoolDb(pool);
  await postgres.migrate(db);
  return {
    store: new postgres.UsersDao(db),
    ping: () => db.query('SELECT 1', []),
    relay: (producer) => postgres.usersRelay(db, producer),
    close: () => pool.end(),
  };
}

/** The service: the generated router over the hand-written handlers. */
export function createApp(storage: Storage): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(createRouter({ users: usersService(storage.store) }, { healthcheck: storage.ping }));
  return app;
}

/** The storage a deployment asks for: `DATABASE_URL=postgres://…` for PostgreSQL, else `USERS_DB` (SQLite file). */
export function storageFromEnv(env: NodeJS.ProcessEnv): StorageConfig {
  const url = env.DATABASE_URL;
  if (url?.startsWith('postgres')) return { kind: 'postgres', pool: { connectionString: url } };
  return { kind: 'sqlite', file: env.USERS_DB ?? 'users.db' };
}
