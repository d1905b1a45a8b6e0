import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { checkProject } from '../../test/native-tsc.js';
import type { GeneratedFile } from '../contract.js';

/**
 * `compilerOptions` of a tsconfig.json, as the command-line compiler reads them (enums by name,
 * libs by short name). The tests name them this way so that nothing loads the TypeScript 5.9 API
 * to spell them (0.7 s of CPU per test file); `compilerOptionsToTsconfig` converts API options.
 */
export interface TsconfigOptions {
  [option: string]: unknown;
  target?: string;
  module?: string;
  moduleResolution?: string;
  lib?: string[];
  types?: string[];
  typeRoots?: string[];
  paths?: Record<string, string[]>;
}

/** Compiler options generated code must satisfy: strict, ESM, the DOM's fetch. */
export const STRICT_OPTIONS: TsconfigOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  verbatimModuleSyntax: true,
  noEmit: true,
  target: 'ES2022',
  module: 'NodeNext',
  moduleResolution: 'NodeNext',
  lib: ['es2022', 'dom'],
  types: [],
  skipLibCheck: true,
};

/** Writes file sets under one temporary directory, each set in its own folder; returns the root. */
export function writeFileSets(sets: ReadonlyMap<string, readonly GeneratedFile[]>): string {
  const root = mkdtempSync(join(tmpdir(), 'canon-gen-'));
  writeFileSync(join(root, 'package.json'), '{ "type": "module" }\n');
  for (const [folder, files] of sets) {
    for (const file of files) {
      const path = join(root, folder, file.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.contents);
    }
  }
  return root;
}

/**
 * Type-checks every `.ts` file of the given sets in one run of the native compiler (one start for
 * the whole batch) and returns the diagnostics as `file:line:col message` lines, paths relative to
 * the root; empty means it compiles. `extra` options are merged over `STRICT_OPTIONS`.
 */
export function typeCheck(
  sets: ReadonlyMap<string, readonly GeneratedFile[]>,
  extra: TsconfigOptions = {},
): { root: string; errors: string[] } {
  const root = writeFileSets(sets);
  const files: string[] = [];
  for (const [folder, generated] of sets) {
    for (const file of generated) if (file.path.endsWith('.ts')) files.push(`${folder}/${file.path}`);
  }
  const compilerOptions = { ...STRICT_OPTIONS, ...extra };
  writeFileSync(join(root, 'tsconfig.json'), `${JSON.stringify({ compilerOptions, files }, null, 2)}\n`);
  return { root, errors: checkProject('tsconfig.json', root) };
}
