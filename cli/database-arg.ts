import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { isPostgresUrl } from '../registry/store/open-store.js';

/** What `--db` names: the value the store opens, and how to print it (never with a password). */
export interface DatabaseArg {
  db: string;
  shown: string;
}

/**
 * Reads `--db`: a `postgres://` URL is used as given; anything else is a SQLite file relative to
 * the working directory, whose directory is created when `create` is set.
 */
export async function databaseArg(value: string, cwd: string, create: boolean): Promise<DatabaseArg> {
  if (isPostgresUrl(value)) {
    let shown = value.replace(/\?.*$/, '');
    try {
      const url = new URL(value);
      if (url.password) url.password = '***';
      shown = url.toString();
    } catch {
      // Unreadable URLs are reported when the store opens them.
    }
    return { db: value, shown };
  }
  const db = resolve(cwd, value);
  // Created for the owner only, like the database file itself (it holds token hashes).
  if (create) await mkdir(dirname(db), { recursive: true, mode: 0o700 });
  return { db, shown: value };
}
