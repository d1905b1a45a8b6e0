import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import ts from 'typescript';
import { repoRoot } from './paths.js';

/** One import of a source file: the specifier as written and, for a relative one, the file it names. */
export interface SourceImport {
  specifier: string;
  /** Repository-relative path of the `.ts` file named (`.js` read as `.ts`); undefined for packages. */
  target: string | undefined;
}

/** Folders that hold copies of generated output rather than source (golden files). */
const NOT_SOURCE = new Set(['node_modules', 'golden']);

/** Every `.ts` file under the given top-level folders, repository-relative with `/`, sorted. */
export function sourceFiles(folders: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(join(repoRoot, dir), { withFileTypes: true })) {
      const path = posix.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!NOT_SOURCE.has(entry.name)) walk(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
        found.push(path);
      }
    }
  };
  for (const folder of folders) walk(folder);
  return found.sort();
}

/**
 * The imports of one source file, read by the TypeScript pre-processor: `import` and
 * `import type`, `export … from`, side-effect imports and literal `import()` calls, but not text
 * that only looks like an import inside a string or template.
 */
export function sourceImports(file: string): SourceImport[] {
  const text = readFileSync(join(repoRoot, file), 'utf8');
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles.map(({ fileName: specifier }) => ({
    specifier,
    target: specifier.startsWith('.')
      ? relative(repoRoot, join(repoRoot, dirname(file), specifier))
          .split(sep)
          .join('/')
          .replace(/\.js$/, '.ts')
      : undefined,
  }));
}
