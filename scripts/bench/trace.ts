/**
 * Issue 15's speed target: the personal_data trace over 100 services of Flow's size under 2 s.
 * Each service is Flow's merged API (1,394 models, 666 operations) under its own namespace, and
 * each one's extra `link` model refers to the previous service's `address`, so the walk crosses
 * every service. Measures `trace()` itself over IRs already in memory (one process, after
 * warm-up); reading the latest versions from a store is not included.
 *
 * Run: npm run build && node --expose-gc dist/scripts/bench/trace.js [runs]
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Service } from '../../core/ir.js';
import { loadSpec } from '../../core/load.js';
import { trace } from '../../registry/trace/trace.js';
import { collectGarbage, median, ms } from './stats.js';

const runs = Number(process.argv[2] ?? 7);
const SERVICES = 100;
const path = fileURLToPath(new URL('../../../fixtures/corpus/flow/flow-api-service.json', import.meta.url));
const flow = (await loadSpec(readFileSync(path, 'utf8'))).service!;
const flowJson = JSON.stringify(flow);

const services: Service[] = [];
for (let i = 0; i < SERVICES; i++) {
  const namespace = `io.flow.s${i}.v0`;
  const copy = JSON.parse(flowJson.replaceAll('"io.flow.v0"', JSON.stringify(namespace))) as Service;
  copy.application = { key: `api-${i}` };
  if (i > 0) {
    copy.models.push({
      name: 'link',
      plural: 'links',
      fields: [
        {
          name: 'previous',
          type: { kind: 'model', name: 'address', namespace: `io.flow.s${i - 1}.v0` },
          required: true,
          annotations: [],
          attributes: [],
        },
      ],
      interfaces: [],
      attributes: [],
    });
  }
  services.push(copy);
}

/** The baseline: one visit of every field and response, the least any trace must do. */
function visitEverything(all: readonly Service[]): number {
  let n = 0;
  for (const s of all) {
    for (const m of s.models) for (const f of m.fields) n += f.annotations.length + f.name.length;
    for (const r of s.resources) for (const o of r.operations) n += o.responses.length;
  }
  return n;
}

trace(services);
visitEverything(services);
const times: number[] = [];
const baseline: number[] = [];
let result = trace(services);
for (let run = 0; run < runs; run++) {
  collectGarbage();
  let start = performance.now();
  visitEverything(services);
  baseline.push(performance.now() - start);
  collectGarbage();
  start = performance.now();
  result = trace(services);
  times.push(performance.now() - start);
}
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(
  `trace over ${SERVICES} Flow-size services: median ${ms(median(times))} of ${runs} runs (target < 2000 ms); ${result.fields.length} fields, ${result.types.length} types, ${result.operations.length} operations`,
);
console.log(
  `baseline (visit every field once): median ${ms(median(baseline))}; trace / baseline ${(median(times) / median(baseline)).toFixed(1)}×`,
);
