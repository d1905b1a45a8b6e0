import type { SqliteStoreOptions } from './sqlite-store.js';
import type { RegistryStore } from './store.js';

/** True for a `postgres://` or `postgresql://` URL; anything else is a SQLite file path. */
export const isPostgresUrl = (db: string): boolean => /^postgres(ql)?:\/\//i.test(db);

/**
 * Opens the store `db` names: a PostgreSQL URL (`postgres://user@host:5432/db?schema=name`)
 * or a SQLite file. Each driver loads only when it is used.
 *
 * @example const store = await openStore('.canon/registry.db');
 */
export async function openStore(
  db: string,
  options: Pick<SqliteStoreOptions, 'lockWaitMs' | 'generatedCacheBytes'> = {},
): Promise<RegistryStore> {
  if (isPostgresUrl(db)) {
    const { PgStore } = await import('./pg-store.js');
    return PgStore.open(
      db,
      options.generatedCacheBytes === undefined ? {} : { generatedCacheBytes: options.generatedCacheBytes },
    );
  }
  const { SqliteStore } = await import('./sqlite-store.js');
  return new SqliteStore(db, options);
}
