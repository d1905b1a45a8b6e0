import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpec } from '../../core/load.js';
import type { GeneratedFile, Generator } from '../../generators/contract.js';
import { generator as events } from '../../generators/events/index.js';
import { generator as routes } from '../../generators/express-routes/index.js';
import { generator as postgresDao } from '../../generators/postgres-dao/index.js';
import { generator as sqliteDao } from '../../generators/sqlite-dao/index.js';
import { generator as client } from '../../generators/typescript-client/index.js';
import { generator as mockClient } from '../../generators/typescript-mock-client/index.js';
import { generator as types } from '../../generators/typescript-types/index.js';
import { repoPath } from '../../test/paths.js';

/** Where the user service's generated code lives, relative to the repository. */
export const GENERATED_DIR = 'examples/user-service/src/generated';

/** Where the read model's generated code lives: the consumer side of the user service's events. */
export const READ_MODEL_GENERATED_DIR = 'examples/user-read-model/src/generated';

/** A generated file and the example directory it belongs to. */
export interface ExampleFile extends GeneratedFile {
  dir: string;
}

/**
 * Every generated file of the two examples, from specs/examples/user.json. The user service:
 * types, client, mock client, routes and events at the top, the DAOs with their journal relay
 * under `sqlite/` and `postgres/`. The read model: the types and the events module of the
 * service it consumes, as a client is generated from the spec of the service it calls.
 */
export async function exampleFiles(): Promise<ExampleFile[]> {
  const path = repoPath('specs', 'examples', 'user.json');
  const loaded = await loadSpec(readFileSync(path, 'utf8'), { file: path });
  if (!loaded.service)
    throw new Error(`specs/examples/user.json does not load: ${JSON.stringify(loaded.diagnostics)}`);
  const input = { service: loaded.service, imports: loaded.imports };
  const run = (dir: string, generator: Generator<never>, prefix = ''): ExampleFile[] =>
    generator
      .generate({ ...input, options: generator.options.defaults })
      .map((file) => ({ ...file, dir, path: `${prefix}${file.path}` }));
  return [
    ...run(GENERATED_DIR, types as Generator<never>),
    ...run(GENERATED_DIR, client as Generator<never>),
    ...run(GENERATED_DIR, mockClient as Generator<never>),
    ...run(GENERATED_DIR, routes as Generator<never>),
    ...run(GENERATED_DIR, events as Generator<never>),
    ...run(GENERATED_DIR, sqliteDao as Generator<never>, 'sqlite/'),
    ...run(GENERATED_DIR, postgresDao as Generator<never>, 'postgres/'),
    ...run(READ_MODEL_GENERATED_DIR, types as Generator<never>),
    ...run(READ_MODEL_GENERATED_DIR, events as Generator<never>),
  ];
}

/** Regenerates both examples' code: `node dist/scripts/examples/generate-user-service.js`. */
async function main(): Promise<void> {
  for (const file of await exampleFiles()) {
    const target = repoPath(file.dir, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.contents);
    console.log(join(file.dir, file.path));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main();
}
