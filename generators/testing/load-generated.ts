import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import type { GeneratedFile } from '../contract.js';

/**
 * Transpiles generated `.ts` files to ESM JavaScript in a temporary directory, so tests can
 * import and run them. Returns a function importing one module by its generated path.
 */
export function emitJs(files: readonly GeneratedFile[]): { dir: string; load<T>(path: string): Promise<T> } {
  const dir = mkdtempSync(join(tmpdir(), 'canon-run-'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  for (const file of files) {
    if (!file.path.endsWith('.ts')) continue;
    const out = ts.transpileModule(file.contents, {
      compilerOptions: {
        module: ts.ModuleKind.ESNext,
        target: ts.ScriptTarget.ES2022,
        verbatimModuleSyntax: true,
      },
    });
    const path = join(dir, file.path.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, out.outputText);
  }
  return {
    dir,
    load: async <T>(path: string) =>
      (await import(pathToFileURL(join(dir, path.replace(/\.ts$/, '.js'))).href)) as T,
  };
}
