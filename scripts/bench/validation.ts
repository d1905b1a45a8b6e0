/**
 * Issue 2, validation's share of the load: on Flow's merged API (3.4 MB service.json) the medians of
 * JSON.parse (the baseline), the service.json schema check (which loadSpec runs only when the parser
 * counted a stray value, never on Flow; timed here for what a flawed document pays), the parser
 * (normalize) and the semantic passes, each after warm-up, in one process. Then, for api.json, what the
 * ahead-of-time validator saves: loading Ajv and compiling the schema, as a first call would.
 *
 * No forced garbage collection between runs: a forced full GC here discards type feedback, and the
 * JavaScript stages after it then run partly cold (measured: the semantic passes 4× slower right
 * after gc(), JSON.parse unaffected), which says more about the harness than about the code.
 * Stages run back to back as in loadSpec, each paying for the garbage it makes.
 *
 * Run: npx tsc -p tsconfig.json && node dist/scripts/bench/validation.js [runs]
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { parseServiceJson } from '../../core/parse/service-json.js';
import { apiJsonSchema } from '../../core/schema/api-json-schema.js';
import { AJV_OPTIONS } from '../../core/schema/validator-options.js';
import { validateService } from '../../core/validate/index.js';
import { validateServiceJsonStructure, validateStructure } from '../../core/validate/structure.js';
import { corpusPath } from '../../test/paths.js';
import { median, ms } from './stats.js';

const runs = Number(process.argv[2] ?? 21);
const text = readFileSync(corpusPath('flow', 'flow-api-service.json'), 'utf8');
const times: Record<'json' | 'structure' | 'normalize' | 'semantic', number[]> = {
  json: [],
  structure: [],
  normalize: [],
  semantic: [],
};
const time = <T>(into: number[], run: () => T, keep: boolean): T => {
  const start = performance.now();
  const result = run();
  if (keep) into.push(performance.now() - start);
  return result;
};
for (let i = 0; i < runs + 5; i++) {
  const keep = i >= 5;
  const doc = time(times.json, () => JSON.parse(text) as Record<string, unknown>, keep);
  time(times.structure, () => validateServiceJsonStructure(doc), keep);
  const parsed = time(times.normalize, () => parseServiceJson(doc, new Map()), keep);
  const findings = time(
    times.semantic,
    () => validateService(parsed.service, { pointers: parsed.pointers, imports: [] }),
    keep,
  );
  if (findings.length > 0 || parsed.strays > 0)
    throw new Error('flow-api-service.json should validate clean');
}

const apiText = readFileSync(corpusPath('apibuilder', 'spec', 'apibuilder-api.json'), 'utf8');
const apiDoc: unknown = JSON.parse(apiText);
const generated: number[] = [];
for (let i = 0; i < runs; i++) time(generated, () => validateStructure(apiDoc), true);
const require = createRequire(import.meta.url);
const compileStart = performance.now();
const Ajv = require('ajv') as typeof import('ajv').default;
const compiled = new Ajv(AJV_OPTIONS).compile(apiJsonSchema);
compiled(apiDoc);
const compileOnce = performance.now() - compileStart;

const json = median(times.json);
const row = (label: string, values: number[]) =>
  console.log(
    `  ${label.padEnd(34)} ${ms(median(values)).padStart(9)}  ${(median(values) / json).toFixed(2)}× JSON.parse`,
  );
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
console.log(
  `flow-api-service.json (${(text.length / 1e6).toFixed(1)} MB), ${runs} runs after 5 warm-up, medians:`,
);
row('JSON.parse (baseline)', times.json);
row('schema check (only with strays)', times.structure);
row('parser: normalize to the IR', times.normalize);
row('semantic passes (validateService)', times.semantic);
console.log(`apibuilder-api.json (${(apiText.length / 1e3).toFixed(0)} kB) structure check:`);
console.log(`  generated validator, per call       ${ms(median(generated))}`);
console.log(
  `  Ajv load + compile + first call     ${ms(compileOnce)} (what a run-time compile would add to every process)`,
);
