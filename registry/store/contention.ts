import { type RegistryError, retryLater } from '../errors.js';

/** Seconds a client is asked to wait after a publish that could not get the database's lock. */
export const BUSY_RETRY_AFTER_SECONDS = 1;

/** True for a driver error that means "another writer holds the lock" (SQLite's BUSY and LOCKED). */
export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
}

/** The answer to a write that waited for the lock as long as it may: 503 with Retry-After. */
export function databaseBusy(): RegistryError {
  return retryLater(
    503,
    'database-busy',
    `The registry's database is busy with other writes. Nothing was stored; retry after ${BUSY_RETRY_AFTER_SECONDS} s.`,
    BUSY_RETRY_AFTER_SECONDS,
  );
}
