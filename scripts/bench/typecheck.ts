/**
 * The test suite's type checks of generated code, TypeScript 5.9 against TypeScript 7 (native) on
 * the same inputs: types + client + mock client of every corpus spec (what
 * `generators/corpus.test.ts` checks), written once with the tsconfig `typeCheck` writes, then
 * `tsc -p` of each compiler run in turn, each run a fresh process as in the suite.
 *
 * Run: npm run build && node dist/scripts/bench/typecheck.js [runs]
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { loadSpec } from '../../core/load.js';
import type { GeneratedFile } from '../../generators/contract.js';
import { STRICT_OPTIONS, writeFileSets } from '../../generators/testing/compile.js';
import { generator as client } from '../../generators/typescript-client/index.js';
import { generator as mock } from '../../generators/typescript-mock-client/index.js';
import { generator as types } from '../../generators/typescript-types/index.js';
import { nativeTsc } from '../../test/native-tsc.js';
import { corpusPath } from '../../test/paths.js';
import { median } from './stats.js';

const runs = Number(process.argv[2] ?? 5);
const tsc59 = join(dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin', 'tsc');

const sets = new Map<string, GeneratedFile[]>();
for (const folder of ['apibuilder/spec', 'apibuilder-generator', 'flow']) {
  for (const file of readdirSync(corpusPath(folder))
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const loaded = await loadSpec(readFileSync(corpusPath(folder, file), 'utf8'), { file });
    if (!loaded.service) throw new Error(`${folder}/${file} did not load`);
    const input = { service: loaded.service, imports: loaded.imports, options: {} };
    sets.set(`${folder}/${file.replace(/\.json$/, '')}`, [
      ...types.generate(input),
      ...client.generate(input),
      ...mock.generate(input),
    ]);
  }
}
const root = writeFileSets(sets);
const files = [...sets].flatMap(([folder, generated]) =>
  generated.filter((f) => f.path.endsWith('.ts')).map((f) => `${folder}/${f.path}`),
);
const compilerOptions = STRICT_OPTIONS;
writeFileSync(join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions, files }));
const lines = files.reduce((sum, f) => sum + readFileSync(join(root, f), 'utf8').split('\n').length, 0);

/** Wall and CPU (user + sys) milliseconds of one `tsc -p`, via GNU time; fails on any diagnostic. */
function check(tsc: string): { wall: number; cpu: number } {
  const start = performance.now();
  const run = spawnSync('/usr/bin/time', ['-f', '%U %S', process.execPath, tsc, '-p', 'tsconfig.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  const wall = performance.now() - start;
  if (run.status !== 0) throw new Error(`${tsc} found problems:\n${run.stdout}${run.stderr}`);
  const [user = 0, sys = 0] = (run.stderr.trim().split('\n').pop() ?? '').split(' ').map(Number);
  return { wall, cpu: (user + sys) * 1000 };
}

const results = {
  '5.9': [] as { wall: number; cpu: number }[],
  '7 (native)': [] as { wall: number; cpu: number }[],
};
for (let run = 0; run < runs; run++) {
  results['5.9'].push(check(tsc59));
  results['7 (native)'].push(check(nativeTsc));
}
rmSync(root, { recursive: true, force: true });

console.log(
  `${sets.size} specs, ${files.length} files, ${lines} lines; ${runs} runs each, taking turns; ` +
    `${cpus().length} cores, load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
);
const base = median(results['5.9'].map((r) => r.wall));
for (const [name, timings] of Object.entries(results)) {
  const wall = median(timings.map((r) => r.wall));
  const cpu = median(timings.map((r) => r.cpu));
  console.log(
    `TypeScript ${name}: wall ${(wall / 1000).toFixed(2)} s = ${(base / wall).toFixed(1)}× the speed of 5.9, CPU ${(cpu / 1000).toFixed(2)} s`,
  );
}
