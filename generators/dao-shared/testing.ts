import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { emitJavaScript } from '../../test/native-tsc.js';
import { repoPath } from '../../test/paths.js';
import type { GeneratedFile } from '../contract.js';
import type { TsconfigOptions } from '../testing/compile.js';

/**
 * Compiler options for type-checking generated DAO and route code together with test drivers
 * that import the real drivers' typings (better-sqlite3, pg, express) from the repository.
 */
export function driverTypeOptions(): TsconfigOptions {
  const types = repoPath('node_modules', '@types');
  return {
    types: ['node'],
    typeRoots: [types],
    paths: {
      'better-sqlite3': [join(types, 'better-sqlite3', 'index.d.ts')],
      pg: [join(types, 'pg', 'index.d.ts')],
      express: [join(types, 'express', 'index.d.ts')],
      ajv: [repoPath('node_modules', 'ajv', 'dist', 'ajv.d.ts')],
      'ajv-formats': [repoPath('node_modules', 'ajv-formats', 'dist', 'index.d.ts')],
    },
  };
}

/**
 * Transpiles generated files to JavaScript in a fresh temporary directory and imports `entry`.
 * Type-checking is a separate step (`typeCheck`); this only makes the code runnable in tests.
 */
export async function importGenerated<T>(files: readonly GeneratedFile[], entry: string): Promise<T> {
  const root = transpileGenerated(files);
  return (await import(pathToFileURL(join(root, entry)).href)) as T;
}

/**
 * Writes generated files as JavaScript (an ES module package whose `node_modules` is the
 * repository's) into a fresh temporary directory and returns it, for tests that run the code in
 * another process too.
 */
export function transpileGenerated(files: readonly GeneratedFile[]): string {
  const root = mkdtempSync(join(tmpdir(), 'canon-run-'));
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  // Generated routes import express and ajv: resolve them from the repository's node_modules.
  symlinkSync(repoPath('node_modules'), join(root, 'node_modules'), 'dir');
  emitJavaScript(root, files);
  return root;
}

/**
 * {@link transpileGenerated} for several sets at once, each in the folder its key names, under one
 * directory: one compiler run for all of them instead of one per set (a compiler start costs
 * more than emitting a small set). Import a set's module from `join(root, key, entry)`.
 */
export function transpileGeneratedSets(sets: ReadonlyMap<string, readonly GeneratedFile[]>): string {
  return transpileGenerated(
    [...sets].flatMap(([folder, files]) =>
      files.map((file) => ({ ...file, path: `${folder}/${file.path}` })),
    ),
  );
}
