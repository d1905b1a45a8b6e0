/**
 * Issue 6's side-by-side benchmark: on each real OpenAPI document of fixtures/corpus/openapi,
 * `canon generate` of types + client + mock client against the generators TypeScript users pick,
 * pinned in scripts/bench/peers/package.json and installed on first use: openapi-typescript 7.13.0 (types only), @hey-api/openapi-ts 0.99.0
 * (SDK with its defaults and the fetch client), orval 7.13.2 (fetch client, and fetch client with
 * mocks). Targets: Canon in at most half the wall time of openapi-typescript and a quarter of
 * @hey-api/openapi-ts, on every document, and never failing where a peer fails.
 *
 * Every run is a fresh process timed by GNU time (wall, user+sys CPU, peak RSS of the process
 * tree); the output directory is emptied first. Tools take turns within each round so they share
 * the machine's load. A configuration that fails on its first run is not repeated (the failures
 * are slow: orval's mocks exhaust memory on Stripe). A run that exits 0 but writes no TypeScript
 * counts as a failure (orval 7 does that on the unmodified GitHub document).
 *
 * Run: npx tsc -p tsconfig.json && node dist/scripts/bench/peers.js [--runs 5] [--specs a.json,b.json]
 *      [--tools canon,openapi-typescript,hey-api,orval,orval-mock] [--timeout 600] [--json results.json]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CANON_BIN } from './canon-bin.js';
import { median } from './stats.js';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    specs: { type: 'string' },
    tools: { type: 'string' },
    timeout: { type: 'string', default: '600' },
    json: { type: 'string' },
  },
});
const runs = Number(values.runs);
const timeoutSeconds = Number(values.timeout);
const corpus = fileURLToPath(new URL('../../../fixtures/corpus/openapi/', import.meta.url));
const canonBin = CANON_BIN;
const peersDir = fileURLToPath(new URL('../../../scripts/bench/peers/', import.meta.url));
const nodeModules = join(peersDir, 'node_modules');
// The peers live in their own package (scripts/bench/peers) so that CI never installs them.
if (!existsSync(join(nodeModules, 'orval'))) {
  console.error('installing the peers from scripts/bench/peers/package-lock.json …');
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: peersDir, stdio: 'inherit' });
  if (install.status !== 0) throw new Error('npm ci in scripts/bench/peers failed');
}
const pkgFile = (name: string, file: string) => join(nodeModules, name, file);

/** Each tool's command for one spec and an empty output directory. */
const TOOLS: Record<string, (spec: string, out: string) => string[]> = {
  canon: (spec, out) => [canonBin, 'generate', spec, '-g', 'typescript-mock-client', '-o', out],
  'openapi-typescript': (spec, out) => [
    pkgFile('openapi-typescript', 'bin/cli.js'),
    spec,
    '-o',
    join(out, 'schema.ts'),
  ],
  'hey-api': (spec, out) => [
    pkgFile('@hey-api/openapi-ts', 'bin/run.js'),
    '-i',
    spec,
    '-o',
    out,
    '-c',
    '@hey-api/client-fetch',
    '--no-log-file',
  ],
  orval: (spec, out) => [
    pkgFile('orval', 'dist/bin/orval.js'),
    '-i',
    spec,
    '-o',
    join(out, 'api.ts'),
    '--client',
    'fetch',
  ],
  'orval-mock': (spec, out) => [
    pkgFile('orval', 'dist/bin/orval.js'),
    '-i',
    spec,
    '-o',
    join(out, 'api.ts'),
    '--client',
    'fetch',
    '--mock',
  ],
};
const LABELS: Record<string, string> = {
  canon: 'Canon (types + client + mock client)',
  'openapi-typescript': 'openapi-typescript 7.13.0 (types)',
  'hey-api': '@hey-api/openapi-ts 0.99.0 (SDK)',
  orval: 'orval 7.13.2 (fetch client)',
  'orval-mock': 'orval 7.13.2 (fetch client + mocks)',
};

const specs =
  values.specs?.split(',') ??
  readdirSync(corpus)
    .filter((f) => f.endsWith('.json'))
    .sort();
const tools = values.tools?.split(',') ?? Object.keys(TOOLS);

interface Sample {
  ok: boolean;
  wall: number;
  cpu: number;
  rssMb: number;
  bytes: number;
  note: string;
}

/** Total size of the .ts files under `dir` (0 when none: a silent failure). */
function tsBytes(dir: string): number {
  if (!existsSync(dir)) return 0;
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts'))
      total += statSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}

function runOnce(tool: string, spec: string, out: string): Sample {
  rmSync(out, { recursive: true, force: true });
  const args = TOOLS[tool]!(join(corpus, spec), out);
  const start = performance.now();
  const run = spawnSync(
    '/usr/bin/time',
    ['-f', '%U %S %M', 'timeout', String(timeoutSeconds), process.execPath, ...args],
    {
      encoding: 'utf8',
      input: '',
      maxBuffer: 256 * 1024 * 1024,
      env: { ...process.env, NO_COLOR: '1', CI: '1' },
    },
  );
  const wall = (performance.now() - start) / 1000;
  const lines = run.stderr.trim().split('\n');
  const [user = 0, sys = 0, rssKb = 0] = (lines.pop() ?? '').split(' ').map(Number);
  const bytes = tsBytes(out);
  const ok = run.status === 0 && bytes > 0;
  const reason =
    run.status === 124
      ? `timed out after ${timeoutSeconds} s`
      : run.status !== 0
        ? `exit ${run.status}`
        : bytes === 0
          ? 'exit 0 but no output'
          : '';
  const detail = `${lines.filter((l) => /error|Error|heap|memory|stack/.test(l)).slice(-1)[0] ?? ''}`
    .trim()
    .slice(0, 120);
  return {
    ok,
    wall,
    cpu: user + sys,
    rssMb: rssKb / 1024,
    bytes,
    note: ok ? '' : [reason, detail].filter(Boolean).join(': '),
  };
}

const scratch = mkdtempSync(join(tmpdir(), 'canon-bench-peers-'));
const results: Record<string, Record<string, Sample[]>> = {};
console.error(
  `peers benchmark: ${runs} runs, ${cpus().length} cores, Node ${process.version}, specs ${specs.join(', ')}`,
);
for (const spec of specs) {
  const bySpec: Record<string, Sample[]> = {};
  results[spec] = bySpec;
  for (let round = 0; round < runs; round++) {
    for (const tool of tools) {
      const samples = bySpec[tool] ?? [];
      bySpec[tool] = samples;
      if (round > 0 && samples[0] && !samples[0].ok) continue;
      const sample = runOnce(tool, spec, join(scratch, tool));
      samples.push(sample);
      console.error(
        `${spec} ${tool} #${round + 1}: ${sample.ok ? 'ok' : 'FAILED'} ${sample.wall.toFixed(2)} s, ${sample.cpu.toFixed(2)} s CPU, ${sample.rssMb.toFixed(0)} MiB ${sample.note}`,
      );
    }
  }
}
rmSync(scratch, { recursive: true, force: true });

const lines = [
  '| spec | generator | n | wall s (median) | CPU s (median) | peak RSS MiB (max) | output | Canon wall ÷ this | Canon CPU ÷ this |',
  '|---|---|---|---|---|---|---|---|---|',
];
for (const spec of specs) {
  const bySpec = results[spec]!;
  const canonSamples = bySpec.canon?.filter((s) => s.ok) ?? [];
  const canonWall = canonSamples.length > 0 ? median(canonSamples.map((s) => s.wall)) : undefined;
  const canonCpu = canonSamples.length > 0 ? median(canonSamples.map((s) => s.cpu)) : undefined;
  for (const tool of tools) {
    const samples = bySpec[tool] ?? [];
    const ok = samples.filter((s) => s.ok);
    if (ok.length === 0) {
      const s = samples[0];
      lines.push(
        `| ${spec} | ${LABELS[tool]} | ${samples.length} | FAILED (${s?.note ?? 'not run'}) after ${s?.wall.toFixed(2) ?? '?'} | ${s?.cpu.toFixed(2) ?? '?'} | ${s?.rssMb.toFixed(0) ?? '?'} | none | — | — |`,
      );
      continue;
    }
    const wall = median(ok.map((s) => s.wall));
    const cpu = median(ok.map((s) => s.cpu));
    const ratio = tool === 'canon' || canonWall === undefined ? '—' : (canonWall / wall).toFixed(2);
    const cpuRatio = tool === 'canon' || canonCpu === undefined ? '—' : (canonCpu / cpu).toFixed(2);
    lines.push(
      `| ${spec} | ${LABELS[tool]} | ${ok.length} | ${wall.toFixed(2)} | ${cpu.toFixed(2)} | ${Math.max(...ok.map((s) => s.rssMb)).toFixed(0)} | ${(median(ok.map((s) => s.bytes)) / 1e6).toFixed(1)} MB | ${ratio} | ${cpuRatio} |`,
    );
  }
}
console.log(lines.join('\n'));
if (values.json) writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`);
