import { UniqueViolationError as PgUniqueViolation } from './generated/postgres/index.js';
import type { UserFilters, UserForm, UserRow } from './generated/sqlite/index.js';
import { UniqueViolationError as SqliteUniqueViolation } from './generated/sqlite/index.js';

type Maybe<T> = T | Promise<T>;

/**
 * What the handlers need from storage. Both generated DAOs (SQLite, synchronous; PostgreSQL,
 * promise-based) satisfy it as they are: same tables, same row and form types.
 */
export interface UserStore {
  findById(id: string): Maybe<UserRow | undefined>;
  findAll(filters: UserFilters): Maybe<UserRow[]>;
  insert(form: UserForm): Maybe<UserRow>;
  update(id: string, form: UserForm): Maybe<UserRow | undefined>;
  delete(id: string): Maybe<boolean>;
}

/** Whether a DAO error says a unique column (here: email) is already taken. */
export function isUniqueViolation(error: unknown): error is Error & { columns: string[] } {
  return error instanceof SqliteUniqueViolation || error instanceof PgUniqueViolation;
}

export type { UserRow };
