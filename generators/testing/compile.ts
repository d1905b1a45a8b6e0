import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import type { GeneratedFile } from '../contract.js';

/** Compiler options generated code must satisfy: strict, ESM, the DOM's fetch. */
export const STRICT_OPTIONS: ts.CompilerOptions = {
  strict: true,
  noUncheckedIndexedAccess: true,
  exactOptionalPropertyTypes: true,
  verbatimModuleSyntax: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
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
 * Type-checks every `.ts` file of the given sets in one program (one compiler start for the whole
 * batch) and returns the diagnostics as readable lines; empty means it compiles.
 */
export function typeCheck(
  sets: ReadonlyMap<string, readonly GeneratedFile[]>,
  extra: ts.CompilerOptions = {},
): { root: string; errors: string[] } {
  const root = writeFileSets(sets);
  const rootNames: string[] = [];
  for (const [folder, files] of sets) {
    for (const file of files) if (file.path.endsWith('.ts')) rootNames.push(join(root, folder, file.path));
  }
  const program = ts.createProgram(rootNames, { ...STRICT_OPTIONS, ...extra });
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const errors = diagnostics.map((d) => {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file || d.start === undefined) return message;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return `${d.file.fileName.slice(root.length + 1)}:${line + 1}:${character + 1} ${message}`;
  });
  return { root, errors };
}
