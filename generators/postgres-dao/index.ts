import type { Generator } from '../contract.js';
import { generateDaoFiles } from '../dao-shared/generate.js';
import { POSTGRES_DB_RUNTIME, POSTGRES_RELAY_RUNTIME } from '../dao-shared/runtime/embedded.js';
import { postgresDialect } from './dialect.js';

/**
 * Typed, promise-based DAOs and a migration for PostgreSQL (`pg`) from the `db` attributes of a
 * spec's models. See docs/dao.md.
 */
export const generator: Generator<Record<string, never>> = {
  name: 'postgres-dao',
  description: 'PostgreSQL migration and typed DAOs (pg) from the models carrying a db attribute',
  options: { defaults: {}, schema: { type: 'object', properties: {}, additionalProperties: false } },
  generate: (input) =>
    generateDaoFiles(input, postgresDialect, { db: POSTGRES_DB_RUNTIME, relay: POSTGRES_RELAY_RUNTIME }),
};
