/**
 * `canon generate` (types + client + mock client) of this build against another build of Canon,
 * on Flow's merged API and on every real OpenAPI document of fixtures/corpus/openapi, in one run:
 * the two builds take turns within each round so they share the machine's load alike.
 *
 * This build runs as users run it, through the bundled bin; name the other build's bin the same
 * way (its dist/bundle/canon.js, or dist/cli/bin.js for a build from before the bundle).
 *
 * Run: npm run build && node dist/scripts/bench/generate-versus.js <other build's bin> [runs]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { CANON_BIN } from './canon-bin.js';
import { median, ms } from './stats.js';
import { generateArgs, versusSpecs } from './versus-command.js';

const [other, runsArg] = process.argv.slice(2);
if (!other) {
  console.error(
    'usage: node dist/scripts/bench/generate-versus.js <other build bin: dist/bundle/canon.js, or dist/cli/bin.js> [runs]',
  );
  process.exit(2);
}
const runs = Number(runsArg ?? 5);
const builds = { this: CANON_BIN, other };
const specs = versusSpecs();

const out = mkdtempSync(join(tmpdir(), 'canon-bench-versus-'));
const walls = new Map<string, number[]>();
for (let round = 0; round <= runs; round++) {
  for (const spec of specs) {
    for (const [name, bin] of Object.entries(builds)) {
      rmSync(out, { recursive: true, force: true });
      const start = performance.now();
      const run = spawnSync(process.execPath, [bin, ...generateArgs(spec, out)]);
      const wall = performance.now() - start;
      if (run.status !== 0) throw new Error(`${name} failed on ${spec}: ${run.stderr}`);
      // The first round warms the file cache and is not counted.
      if (round > 0) walls.set(`${spec}\0${name}`, [...(walls.get(`${spec}\0${name}`) ?? []), wall]);
    }
  }
}
rmSync(out, { recursive: true, force: true });

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
console.log(`canon generate -g typescript-mock-client, median wall of ${runs} runs after a warm-up round:`);
for (const spec of specs) {
  const mine = median(walls.get(`${spec}\0this`)!);
  const theirs = median(walls.get(`${spec}\0other`)!);
  const name = spec.split('/').pop()!;
  console.log(
    `  ${name.padEnd(26)} this ${ms(mine).padStart(9)}  other ${ms(theirs).padStart(9)}  ratio ${(mine / theirs).toFixed(2)}×`,
  );
}
