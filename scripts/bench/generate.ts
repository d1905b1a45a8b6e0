/**
 * Issue 4's speed target: `canon generate` of types + client + mock client for Flow's merged API
 * (flow-api-service.json: 1,394 models, 666 operations) under 1.5 s wall for the whole command and
 * under 400 MB peak memory.
 *
 * Measured in the same run, as baselines: `node -e 0` (start-up floor), `canon validate` on the
 * same spec (reading and checking it, which generate also does), the generators alone in one warm
 * process, and ts-morph building and printing only the types (why the generators do not use it).
 *
 * Run: npm run build && node --expose-gc dist/scripts/bench/generate.js [runs]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadSpec } from '../../core/load.js';
import { generator as client } from '../../generators/typescript-client/index.js';
import { generator as mock } from '../../generators/typescript-mock-client/index.js';
import { generator as types } from '../../generators/typescript-types/index.js';
import { CANON_BIN } from './canon-bin.js';
import { collectGarbage, median, ms } from './stats.js';

const runs = Number(process.argv[2] ?? 7);
const specPath = fileURLToPath(
  new URL('../../../fixtures/corpus/flow/flow-api-service.json', import.meta.url),
);
const bin = CANON_BIN;
const tsMorphScript = fileURLToPath(new URL('./ts-morph-types.js', import.meta.url));

/** Wall time (ms), CPU time (user+sys, ms) and peak RSS (MB) of one command, via GNU time. */
function timed(args: string[]): { wall: number; cpu: number; rssMb: number; stdout: string } {
  const start = performance.now();
  const run = spawnSync('/usr/bin/time', ['-f', '%U %S %M', ...args], { encoding: 'utf8' });
  const wall = performance.now() - start;
  if (run.status !== 0) throw new Error(`${args.join(' ')} failed: ${run.stdout}${run.stderr}`);
  const [user = 0, sys = 0, rssKb = 0] = (run.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { wall, cpu: (user + sys) * 1000, rssMb: rssKb / 1024, stdout: run.stdout };
}

const out = mkdtempSync(join(tmpdir(), 'canon-bench-generate-'));
const rows: Record<string, { wall: number[]; cpu: number[]; rss: number[] }> = {};
const record = (name: string, args: string[]) => {
  const result = timed(args);
  rows[name] ??= { wall: [], cpu: [], rss: [] };
  rows[name].wall.push(result.wall);
  rows[name].cpu.push(result.cpu);
  rows[name].rss.push(result.rssMb);
  return result;
};
const tsMorph: { loadMs: number; buildAndPrintMs: number }[] = [];
for (let i = 0; i < runs + 1; i++) {
  // Interleaved, so load on a shared machine hits every command alike; the first round warms caches.
  rmSync(out, { recursive: true, force: true });
  const warm = i === 0;
  record('node -e 0', [process.execPath, '-e', '0']);
  record('canon validate', [process.execPath, bin, 'validate', specPath]);
  record('canon generate (types+client+mock)', [
    process.execPath,
    bin,
    'generate',
    specPath,
    '-g',
    'typescript-mock-client',
    '-o',
    out,
  ]);
  const morph = record('ts-morph, types only', [process.execPath, tsMorphScript, specPath]);
  if (warm) {
    for (const row of Object.values(rows)) {
      row.wall.pop();
      row.cpu.pop();
      row.rss.pop();
    }
  } else tsMorph.push(JSON.parse(morph.stdout.trim()));
}
rmSync(out, { recursive: true, force: true });

// The generators alone, warm, in this process.
const loaded = await loadSpec(readFileSync(specPath, 'utf8'), { file: specPath });
const input = { service: loaded.service!, imports: loaded.imports, options: {} };
const generatorTimes: number[] = [];
let bytes = 0;
for (let i = 0; i < runs + 3; i++) {
  collectGarbage();
  const start = performance.now();
  const files = [...types.generate(input), ...client.generate(input), ...mock.generate(input)];
  const time = performance.now() - start;
  bytes = files.reduce((sum, f) => sum + f.contents.length, 0);
  if (i >= 3) generatorTimes.push(time);
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
console.log(
  `flow-api-service.json, ${runs} runs after 1 warm-up round, medians (wall, CPU user+sys, peak RSS):`,
);
for (const [name, row] of Object.entries(rows)) {
  const cells = [ms(median(row.wall)), ms(median(row.cpu)), `${median(row.rss).toFixed(0)} MB`];
  console.log(`  ${name.padEnd(36)} ${cells.map((c) => c.padStart(10)).join('  ')}`);
}
console.log(
  `  generators alone, warm, in-process  ${ms(median(generatorTimes)).padStart(10)}  (${(bytes / 1e6).toFixed(2)} MB of TypeScript)`,
);
console.log(
  `  ts-morph inside its run: load ${ms(median(tsMorph.map((t) => t.loadMs)))}, build+print types ${ms(median(tsMorph.map((t) => t.buildAndPrintMs)))}`,
);
const generate = median(rows['canon generate (types+client+mock)']!.wall);
const validate = median(rows['canon validate']!.wall);
console.log(
  `  generate / validate = ${(generate / validate).toFixed(2)}×; target: generate < 1500 ms, < 400 MB`,
);
