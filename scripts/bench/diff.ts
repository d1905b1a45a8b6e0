/**
 * Issue 3's speed targets:
 *   1. diff Flow's merged API (3.4 MB service.json) against a copy with 200 scattered changes in at
 *      most 2× the time of parsing and normalizing both files (one process, after warm-up);
 *   2. the whole `canon diff` command on them < 0.6 s wall;
 *   3. diff time grows linearly: a synthetic spec scaled 1×, 4× and 16×.
 *
 * Run: npm run build && node --expose-gc dist/scripts/bench/diff.js [runs]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diff, summarize } from '../../core/diff/index.js';
import type { Service } from '../../core/ir.js';
import { loadSpec } from '../../core/load.js';
import { parseServiceJson } from '../../core/parse/service-json.js';
import { CANON_BIN } from './canon-bin.js';
import { collectGarbage, median, ms } from './stats.js';

type Json = Record<string, unknown> & { name: string };
const runs = Number(process.argv[2] ?? 15);
const specPath = fileURLToPath(
  new URL('../../../fixtures/corpus/flow/flow-api-service.json', import.meta.url),
);
const text = readFileSync(specPath, 'utf8');

/** A deterministic generator, so every run mutates the same elements. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

/** `count` changes spread over models, enums and operations of a service.json document. */
function mutate(
  doc: { models: Json[]; enums: Json[]; resources: { operations: Json[] }[] },
  count: number,
  seed: number,
): void {
  const next = random(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(next() * list.length)]!;
  for (let i = 0; i < count; i++) {
    const kind = i % 8;
    if (kind < 5) {
      // Models outside interfaces and fields without defaults, so that the copy stays valid.
      const free = doc.models.filter((m) => ((m.interfaces as unknown[] | undefined) ?? []).length === 0);
      const model = pick(free) as unknown as { fields: Json[] };
      const plain = model.fields.filter((f) => f.default === undefined);
      const field = plain.length > 0 ? pick(plain) : undefined;
      if (kind === 0 || !field)
        model.fields.push({ name: `bench_field_${i}`, type: 'string', required: false, attributes: [] });
      else if (kind === 1) model.fields.splice(model.fields.indexOf(field), 1);
      else if (kind === 2) field.type = field.type === 'string' ? 'integer' : 'string';
      else if (kind === 3) field.required = !field.required;
      else field.description = `changed ${i}`;
    } else if (kind < 7) {
      const e = pick(doc.enums) as unknown as { values: Json[]; description?: string };
      if (kind === 5) e.values.push({ name: `bench_value_${i}`, attributes: [] });
      else e.description = `changed ${i}`;
    } else {
      const resource = pick(doc.resources);
      const operation = pick(resource.operations) as { description?: string };
      operation.description = `changed ${i}`;
    }
  }
}

function parse(doc: string): Service {
  return parseServiceJson(JSON.parse(doc) as Json, new Map()).service;
}

// No forced collections between calls: a forced gc() also discards optimized code, so the
// JavaScript after it runs partly cold. Each call pays for the collections its allocation causes.
function time<T>(fn: () => T): [number, T] {
  const start = performance.now();
  const value = fn();
  return [performance.now() - start, value];
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

const mutatedDoc = JSON.parse(text) as Parameters<typeof mutate>[0];
mutate(mutatedDoc, 200, 42);
const mutatedText = JSON.stringify(mutatedDoc, null, 2);
const dir = mkdtempSync(join(tmpdir(), 'canon-bench-diff-'));
const mutatedPath = join(dir, 'flow-api-service-changed.json');
writeFileSync(mutatedPath, mutatedText);

// The whole command first, while this process is small: spawning from a parent that holds the
// loops' heap added ~80 ms per run (the fork copies its page tables).
const bin = CANON_BIN;
const wall: number[] = [];
for (let i = 0; i < Math.min(runs, 9); i++) {
  const start = performance.now();
  const run = spawnSync(
    process.execPath,
    [bin, 'diff', specPath, mutatedPath, '--format', 'json', '--fail-on', 'never'],
    {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  wall.push(performance.now() - start);
  if (run.status !== 0) throw new Error(`canon diff failed: ${run.stderr}`);
}

const parseTimes: number[] = [];
const loadTimes: number[] = [];
const diffTimes: number[] = [];
let changes = 0;
let summary = '';
for (let i = 0; i < runs + 3; i++) {
  const [parseA, a] = time(() => parse(text));
  const [parseB, b] = time(() => parse(mutatedText));
  const loadA = await timeAsync(() => loadSpec(text));
  const loadB = await timeAsync(() => loadSpec(mutatedText));
  const [d, result] = time(() => diff(a, b));
  if (i < 3) continue;
  parseTimes.push(parseA + parseB);
  loadTimes.push(loadA + loadB);
  diffTimes.push(d);
  changes = result.length;
  summary = JSON.stringify(summarize(result));
}

/** A synthetic service.json: `n` models of 10 fields, n/4 enums, n/4 resources of 4 operations each. */
function synthetic(n: number): Json {
  const models = Array.from({ length: n }, (_, i) => ({
    name: `model_${i}`,
    plural: `model_${i}s`,
    fields: Array.from({ length: 10 }, (_, f) => ({
      name: `field_${f}`,
      type: f === 9 ? `model_${(i + 1) % n}` : f === 8 ? `enum_${i % Math.max(1, n / 4)}` : 'string',
      required: f % 2 === 0,
      attributes: [],
    })),
    attributes: [],
  }));
  const enums = Array.from({ length: Math.max(1, n / 4) }, (_, i) => ({
    name: `enum_${i}`,
    plural: `enum_${i}s`,
    values: Array.from({ length: 5 }, (_, v) => ({ name: `value_${v}`, attributes: [] })),
    attributes: [],
  }));
  const resources = Array.from({ length: Math.max(1, n / 4) }, (_, i) => ({
    type: `model_${i * 4}`,
    plural: `model_${i * 4}s`,
    path: `/model_${i * 4}s`,
    operations: ['GET', 'POST', 'PUT', 'DELETE'].map((method) => ({
      method,
      path: method === 'GET' || method === 'POST' ? `/model_${i * 4}s` : `/model_${i * 4}s/:id`,
      parameters: [],
      ...(method === 'POST' || method === 'PUT'
        ? { body: { type: `model_${i * 4 + 1}`, attributes: [] } }
        : {}),
      responses: [{ code: { integer: { value: 200 } }, type: `model_${i * 4}`, headers: [], attributes: [] }],
      attributes: [],
    })),
    attributes: [],
  }));
  return {
    name: 'synthetic',
    organization: { key: 'bench' },
    application: { key: 'synthetic' },
    namespace: 'io.bench.synthetic.v0',
    version: '1.0.0',
    info: {},
    headers: [],
    imports: [],
    enums,
    interfaces: [],
    models,
    unions: [],
    resources,
    attributes: [],
    annotations: [],
  };
}

const scaling: { scale: number; models: number; ms: number }[] = [];
// The largest size first, unmeasured, so that every size runs on warmed-up code.
for (const [round, scale] of [16, 1, 4, 16].entries()) {
  const n = 1000 * scale;
  const base = synthetic(n);
  const changed = JSON.parse(JSON.stringify(base)) as Parameters<typeof mutate>[0];
  mutate(changed, 2 * scale * 10, 7);
  const [a, b] = [parse(JSON.stringify(base)), parse(JSON.stringify(changed))];
  // Settle the freshly built IRs into the old generation once, so that the timed diffs do not pay
  // for copying 16,000 models out of the nursery (the warm-up runs re-optimize after the gc()).
  collectGarbage();
  const times: number[] = [];
  for (let i = 0; i < runs + 10; i++) {
    const [t] = time(() => diff(a, b));
    if (i >= 10) times.push(t);
  }
  if (round > 0) scaling.push({ scale, models: n, ms: median(times) });
}

const parseMedian = median(parseTimes);
const loadMedian = median(loadTimes);
const diffMedian = median(diffTimes);
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
console.log(
  `flow-api-service.json vs a copy with 200 scattered changes (${changes} changes reported: ${summary}), ${runs} runs after 3 warm-up, medians:`,
);
console.log(`  parse + normalize both (JSON.parse + service.json → IR)   ${ms(parseMedian)}`);
console.log(`  loadSpec both (the above + validation)                     ${ms(loadMedian)}`);
console.log(
  `  diff                                                        ${ms(diffMedian)}  = ${(diffMedian / parseMedian).toFixed(2)}× parse+normalize (target ≤ 2×), ${(diffMedian / loadMedian).toFixed(2)}× loadSpec`,
);
console.log(
  `  canon diff, whole command                                   ${ms(median(wall))} wall over ${wall.length} runs (target < 600 ms)`,
);
console.log(
  'synthetic service.json (10 fields per model), 20 scattered changes per 1,000 models, diff medians:',
);
for (const s of scaling) {
  console.log(
    `  ${String(s.scale).padStart(2)}× ${String(s.models).padStart(5)} models  ${ms(s.ms).padStart(9)}  ${((s.ms / s.models) * 1000).toFixed(1)} µs per model`,
  );
}
