import type ts from 'typescript';
import { repoPath } from '../../test/paths.js';
import { driverTypeOptions } from '../dao-shared/testing.js';

/**
 * Compiler options for type-checking a generated `events.ts` and its runtime with what they
 * import from the repository: Ajv, the NATS client, and the SQLite and PostgreSQL drivers' typings.
 */
export function eventsTypeOptions(): ts.CompilerOptions {
  const options = driverTypeOptions();
  return {
    ...options,
    paths: {
      ...options.paths,
      '@nats-io/jetstream': [repoPath('node_modules', '@nats-io', 'jetstream', 'lib', 'mod.d.ts')],
      '@nats-io/transport-node': [repoPath('node_modules', '@nats-io', 'transport-node', 'lib', 'mod.d.ts')],
    },
  };
}
