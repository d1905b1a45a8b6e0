import type { Generator } from '../contract.js';
import { generateDaoFiles } from '../dao-shared/generate.js';
import { SQLITE_DB_RUNTIME, SQLITE_RELAY_RUNTIME } from '../dao-shared/runtime/embedded.js';
import { sqliteDialect } from './dialect.js';

/**
 * Typed, synchronous DAOs and a migration for SQLite (better-sqlite3 v12) from the `db`
 * attributes of a spec's models. See docs/dao.md.
 */
export const generator: Generator<Record<string, never>> = {
  name: 'sqlite-dao',
  description: 'SQLite migration and typed DAOs (better-sqlite3) from the models carrying a db attribute',
  options: { defaults: {}, schema: { type: 'object', properties: {}, additionalProperties: false } },
  generate: (input) =>
    generateDaoFiles(input, sqliteDialect, { db: SQLITE_DB_RUNTIME, relay: SQLITE_RELAY_RUNTIME }),
};
