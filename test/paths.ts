import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this module's compiled location (`<outDir>/test/paths.js`). */
export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** A path inside the repository. */
export const repoPath = (...segments: string[]): string => join(repoRoot, ...segments);

/** A file of the real-spec corpus (`fixtures/corpus`, copied verbatim, provenance in its README). */
export const corpusPath = (...segments: string[]): string =>
  join(repoRoot, 'fixtures', 'corpus', ...segments);

/**
 * The `canon` binary as shipped (the package's `bin`: the bundle `npm run build` writes), for
 * end-to-end tests that spawn the CLI. Tests that run commands in their own process use the
 * modules in `dist/` (`runCanon`); a spawned `canon serve` starts in about two thirds of the time
 * from the bundle.
 */
export const canonBin = fileURLToPath(new URL('../bundle/canon.js', import.meta.url));
