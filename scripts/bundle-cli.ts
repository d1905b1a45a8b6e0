/**
 * Bundles the compiled CLI (`dist/cli/bin.js` and everything it imports from Canon) into
 * `dist/bundle/`: `canon.js`, the `canon` bin, and one chunk per group of modules that are
 * loaded together (each command, each generator, the OpenAPI importer stay loaded on demand).
 *
 * Why: on Node 20 every ES module costs its own resolve, read and compile, about 0.3 ms each
 * here; `canon generate` loads about 110 of Canon's, so a bundle starts every command sooner
 * (docs/benchmarks.md, "The bundled CLI"). The modules in `dist/` stay as they are: the tests,
 * the registry's package worker and the browser script run from there.
 *
 * Dependencies stay outside (`packages: 'external'`), resolved from node_modules as before.
 * Files read or started at run time are found through `registry/built-file.ts`, which works from
 * both places because `dist/bundle/` is one folder below `dist/` like the modules it replaces.
 *
 * Run (part of `npm run build`): node dist/scripts/bundle-cli.js
 */
import { chmodSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = fileURLToPath(new URL('../', import.meta.url));
const outdir = `${dist}bundle`;

rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { canon: `${dist}cli/bin.js` },
  outdir,
  // Flat, next to canon.js: registry/built-file.ts relies on every chunk being one folder below dist/.
  chunkNames: '[name]-[hash]',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  // Readable stack traces in bug reports: names and lines as written, nothing minified.
  minify: false,
  legalComments: 'none',
  logLevel: 'warning',
});
if (result.errors.length > 0) process.exit(1);
chmodSync(`${outdir}/canon.js`, 0o755);
