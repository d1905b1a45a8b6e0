import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpec } from '../../core/load.js';
import type { GeneratedFile, Generator } from '../../generators/contract.js';
import { generator as routes } from '../../generators/express-routes/index.js';
import { generator as postgresDao } from '../../generators/postgres-dao/index.js';
import { generator as sqliteDao } from '../../generators/sqlite-dao/index.js';
import { generator as client } from '../../generators/typescript-client/index.js';
import { generator as mockClient } from '../../generators/typescript-mock-client/index.js';
import { generator as types } from '../../generators/typescript-types/index.js';
import { repoPath } from '../../test/paths.js';

/** Where the example's generated code lives, relative to the repository. */
export const GENERATED_DIR = 'examples/user-service/src/generated';

/**
 * Every generated file of the example user service, from specs/examples/user.json: types,
 * client, mock client and routes at the top, the DAOs under `sqlite/` and `postgres/`.
 */
export async function userServiceFiles(): Promise<GeneratedFile[]> {
  const path = repoPath('specs', 'examples', 'user.json');
  const loaded = await loadSpec(readFileSync(path, 'utf8'), { file: path });
  if (!loaded.service)
    throw new Error(`specs/examples/user.json does not load: ${JSON.stringify(loaded.diagnostics)}`);
  const input = { service: loaded.service, imports: loaded.imports };
  const run = (generator: Generator<never>, prefix = ''): GeneratedFile[] =>
    generator
      .generate({ ...input, options: generator.options.defaults })
      .map((file) => ({ ...file, path: `${prefix}${file.path}` }));
  return [
    ...run(types as Generator<never>),
    ...run(client as Generator<never>),
    ...run(mockClient as Generator<never>),
    ...run(routes as Generator<never>),
    ...run(sqliteDao as Generator<never>, 'sqlite/'),
    ...run(postgresDao as Generator<never>, 'postgres/'),
  ];
}

/** Regenerates the example's code: `node dist/scripts/examples/generate-user-service.js`. */
async function main(): Promise<void> {
  for (const file of await userServiceFiles()) {
    const target = repoPath(GENERATED_DIR, file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.contents);
    console.log(join(GENERATED_DIR, file.path));
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await main();
}
