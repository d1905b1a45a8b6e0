/**
 * Issue 2's speed targets, on Flow's merged API (3.4 MB service.json):
 *   1. parse + normalize + validate (loadSpec, JSON.parse included) ≤ 3× JSON.parse alone, in one
 *      process after warm-up;
 *   2. the whole `canon validate` command < 0.5 s wall.
 *
 * The two take turns in one process, after warm-up, in blocks of five calls each, and each block's
 * time is divided by five. Calls are bimodal (one either contains a young-generation collection or
 * not), and with single calls taking turns, where the collections fall locks into a pattern that
 * can bill them to either side for a whole run; a block of five pays for about the collections its
 * own five calls cause (JSON.parse's document alone fills the nursery every few calls). No
 * collection is forced: a forced `gc()` also throws away optimized code, so the JavaScript stages
 * right after it would run partly cold while `JSON.parse` (native) does not care.
 *
 * Run: npm run build && node dist/scripts/bench/validate.js [runs]
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { loadSpec } from '../../core/load.js';
import { CANON_BIN } from './canon-bin.js';
import { mean, median, ms } from './stats.js';

const runs = Number(process.argv[2] ?? 21);
const BLOCK = 5;
const specPath = fileURLToPath(
  new URL('../../../fixtures/corpus/flow/flow-api-service.json', import.meta.url),
);
const text = readFileSync(specPath, 'utf8');

// The whole command first, while this process is small: spawning from a parent that already holds
// the loops' 100 MB heap added ~80 ms per run (the fork copies its page tables).
const bin = CANON_BIN;
const wallTimes: number[] = [];
for (let i = 0; i < Math.min(runs, 11); i++) {
  const start = performance.now();
  const run = spawnSync(process.execPath, [bin, 'validate', specPath], { encoding: 'utf8' });
  wallTimes.push(performance.now() - start);
  if (run.status !== 0) throw new Error(`canon validate failed: ${run.stdout}${run.stderr}`);
}

const jsonTimes: number[] = [];
const loadTimes: number[] = [];
const jsonCpu: number[] = [];
const loadCpu: number[] = [];
/** Wall and CPU milliseconds per call of `BLOCK` calls in a row. */
async function measure(work: () => unknown): Promise<[number, number]> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  for (let i = 0; i < BLOCK; i++) await work();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return [wall / BLOCK, (used.user + used.system) / 1000 / BLOCK];
}
for (let i = 0; i < runs + 3; i++) {
  const [json, jsonCpuMs] = await measure(() => JSON.parse(text));
  const [load, loadCpuMs] = await measure(async () => {
    const result = await loadSpec(text, { file: specPath });
    if (!result.service) throw new Error('flow-api-service.json did not load');
  });
  if (i >= 3) {
    jsonTimes.push(json);
    loadTimes.push(load);
    jsonCpu.push(jsonCpuMs);
    loadCpu.push(loadCpuMs);
  }
}

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
console.log(
  `flow-api-service.json (${(text.length / 1e6).toFixed(1)} MB), ${runs} rounds of ${BLOCK} calls each after 3 warm-up rounds, per call:`,
);
const row = (label: string, of: (values: number[]) => number) => {
  const wall = of(loadTimes) / of(jsonTimes);
  const cpu = of(loadCpu) / of(jsonCpu);
  console.log(
    `  ${label.padEnd(7)} JSON.parse wall ${ms(of(jsonTimes))}, CPU ${ms(of(jsonCpu))}; ` +
      `loadSpec wall ${ms(of(loadTimes))}, CPU ${ms(of(loadCpu))}: ` +
      `${wall.toFixed(2)}× wall, ${cpu.toFixed(2)}× CPU (target ≤ 3×)`,
  );
};
row('median', median);
row('mean', mean);
console.log(
  `  canon validate, whole command: ${ms(median(wallTimes))} wall, median of ${wallTimes.length} runs (target < 500 ms)`,
);
