import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadSpec } from '../../core/load.js';
import { emitJavaScript } from '../../test/native-tsc.js';
import { repoPath } from '../../test/paths.js';
import type { GeneratedFile } from '../contract.js';
import { driverTypeOptions } from '../dao-shared/testing.js';
import { generator } from '../events/index.js';
import { generator as typesGenerator } from '../typescript-types/index.js';
import type { TsconfigOptions } from './compile.js';

/**
 * Compiler options for type-checking a generated `events.ts` and its runtime with what they
 * import from the repository: Ajv, the NATS client, and the SQLite and PostgreSQL drivers' typings.
 */
export function eventsTypeOptions(): TsconfigOptions {
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

/** What the types and events generators emit for `specs/examples/user.json`. */
export async function userEventFiles(): Promise<GeneratedFile[]> {
  const path = repoPath('specs', 'examples', 'user.json');
  const loaded = await loadSpec(readFileSync(path, 'utf8'), { file: path });
  if (!loaded.service) throw new Error(`${path} does not load`);
  const input = { service: loaded.service, imports: loaded.imports, options: {} };
  return [...typesGenerator.generate(input), ...generator.generate(input)];
}

/** The files of a test's consuming application, written as a user would, next to the generated code. */
export function userApplicationFiles(): GeneratedFile[] {
  const read = (name: string) => readFileSync(repoPath('fixtures', 'events-consumer', name), 'utf8');
  return ['read-model.ts', 'read-model-main.ts'].map((name) => ({ path: name, contents: read(name) }));
}

/**
 * Transpiles `files` into a fresh directory that resolves packages from the repository, so tests
 * can import the modules and start them as processes. Type-checking is `typeCheck`'s job.
 */
export function runnable(files: readonly GeneratedFile[]): {
  dir: string;
  load<T>(path: string): Promise<T>;
} {
  const dir = mkdtempSync(join(tmpdir(), 'canon-events-'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  symlinkSync(repoPath('node_modules'), join(dir, 'node_modules'), 'dir');
  emitJavaScript(dir, files);
  return {
    dir,
    load: async <T>(path: string) =>
      (await import(pathToFileURL(join(dir, path.replace(/\.ts$/, '.js'))).href)) as T,
  };
}
