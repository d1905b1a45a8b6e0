import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this module's compiled location (`<outDir>/test/paths.js`). */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A path inside the repository. */
export const repoPath = (...segments: string[]): string => join(repoRoot, ...segments);

/** A file of the real-spec corpus (`fixtures/corpus`, copied verbatim, provenance in its README). */
export const corpusPath = (...segments: string[]): string =>
  join(repoRoot, 'fixtures', 'corpus', ...segments);

/** The compiled `canon` entry point, for end-to-end tests that spawn the CLI. */
export const canonBin = fileURLToPath(new URL('../cli/bin.js', import.meta.url));
