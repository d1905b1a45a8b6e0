import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { emitJavaScript } from '../../test/native-tsc.js';
import type { GeneratedFile } from '../contract.js';

/**
 * Transpiles generated `.ts` files to ESM JavaScript in a temporary directory, so tests can
 * import and run them. Returns a function importing one module by its generated path.
 */
export function emitJs(files: readonly GeneratedFile[]): { dir: string; load<T>(path: string): Promise<T> } {
  const dir = mkdtempSync(join(tmpdir(), 'canon-run-'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  emitJavaScript(dir, files, { module: 'ESNext', verbatimModuleSyntax: true });
  return {
    dir,
    load: async <T>(path: string) =>
      (await import(pathToFileURL(join(dir, path.replace(/\.ts$/, '.js'))).href)) as T,
  };
}
