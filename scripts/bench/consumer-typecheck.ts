/**
 * Issue 17's consumer benchmark: what a TypeScript project pays at every build for the client it
 * imports. The same small consumer (list customers, read one, name a type) type-checks with strict
 * `tsc --noEmit` (TypeScript 5.9, skipLibCheck off as `tsc --init` leaves it) against:
 *   - canon-package: the package `canon generate --package` builds (compiled .js + .d.ts, imported
 *     from node_modules),
 *   - canon-sources: the same generator's TypeScript sources in the project (today's way),
 *   - openapi-typescript: openapi-typescript 7.13's types for the same document, in the project,
 *     with its usual `paths[...]` lookups (scripts/bench/peers, installed on first use).
 * Target: canon-package no slower than openapi-typescript. Every run is a fresh `tsc` process;
 * the three take turns within each round so they share the machine's load.
 *
 * Run: npx tsc -p tsconfig.json && node dist/scripts/bench/consumer-typecheck.js [--runs 5]
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median } from './stats.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
const spec = fileURLToPath(new URL('../../../fixtures/corpus/openapi/stripe-spec3.json', import.meta.url));
const canonBin = fileURLToPath(new URL('../../cli/bin.js', import.meta.url));
const tsc = fileURLToPath(new URL('../../../node_modules/typescript/bin/tsc', import.meta.url));
const peersDir = fileURLToPath(new URL('../../../scripts/bench/peers/', import.meta.url));
if (!existsSync(join(peersDir, 'node_modules', 'openapi-typescript'))) {
  console.error('installing the peers from scripts/bench/peers/package-lock.json …');
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: peersDir, stdio: 'inherit' });
  if (install.status !== 0) throw new Error('npm ci in scripts/bench/peers failed');
}

const work = mkdtempSync(join(tmpdir(), 'canon-consumer-bench-'));
const run = (command: string, args: string[], cwd = work) => {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${args.join(' ')} failed:\n${result.stdout}${result.stderr}`);
};

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    lib: ['ES2023', 'DOM'],
    types: [],
    strict: true,
    noEmit: true,
  },
  include: ['src'],
};

/** A project directory with the consumer file and the tsconfig above. */
function project(name: string, consumer: string): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'src'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }));
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2));
  writeFileSync(join(dir, 'src', 'main.ts'), consumer);
  return dir;
}

const canonConsumer = (from: string) => `import { createClient } from '${from}';
import type { types } from '${from}';

const client = createClient({ baseUrl: 'https://api.stripe.com' });

export async function customerNames(): Promise<string[]> {
  const page = await client.customers.getCustomers({ limit: 10 });
  return page.data.map((c: types.Customer) => c.name ?? c.id);
}

export async function balance(): Promise<number> {
  const b = await client.balance.getBalance();
  return b.available.reduce((sum, entry) => sum + entry.amount, 0);
}
`;

const openapiTypescriptConsumer = `import type { components, paths } from './schema.js';

type Customer = components['schemas']['customer'];
type CustomerList = paths['/v1/customers']['get']['responses']['200']['content']['application/json'];
type Balance = paths['/v1/balance']['get']['responses']['200']['content']['application/json'];

async function get<T>(path: string): Promise<T> {
  const response = await fetch(\`https://api.stripe.com\${path}\`);
  return (await response.json()) as T;
}

export async function customerNames(): Promise<string[]> {
  const page = await get<CustomerList>('/v1/customers?limit=10');
  return page.data.map((c: Customer) => c.name ?? c.id);
}

export async function balance(): Promise<number> {
  const b = await get<Balance>('/v1/balance');
  return b.available.reduce((sum, entry) => sum + entry.amount, 0);
}
`;

// Generate once: the package, the sources, openapi-typescript's types.
const pkgOut = join(work, 'stripe-client');
run(process.execPath, [
  canonBin,
  'generate',
  spec,
  '-g',
  'typescript-client',
  '-o',
  pkgOut,
  '--package',
  '--package-name',
  'stripe-client',
]);
const pkgProject = project('canon-package', canonConsumer('stripe-client'));
cpSync(pkgOut, join(pkgProject, 'node_modules', 'stripe-client'), { recursive: true });

const sourcesProject = project('canon-sources', canonConsumer('./generated/index.js'));
run(process.execPath, [
  canonBin,
  'generate',
  spec,
  '-g',
  'typescript-client',
  '-o',
  join(sourcesProject, 'src', 'generated'),
]);
writeFileSync(
  join(sourcesProject, 'src', 'generated', 'index.ts'),
  "export * from './client.js';\nexport * as types from './types.js';\n",
);

const otsProject = project('openapi-typescript', openapiTypescriptConsumer);
run(process.execPath, [
  join(peersDir, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'),
  spec,
  '-o',
  join(otsProject, 'src', 'schema.ts'),
]);

const projects = {
  'canon-package': pkgProject,
  'canon-sources': sourcesProject,
  'openapi-typescript': otsProject,
};
const times: Record<string, number[]> = {
  'canon-package': [],
  'canon-sources': [],
  'openapi-typescript': [],
};
for (let round = 0; round < runs; round++) {
  for (const [name, dir] of Object.entries(projects)) {
    const started = process.hrtime.bigint();
    run(process.execPath, [tsc, '-p', 'tsconfig.json'], dir);
    times[name]!.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
}
const baseline = median(times['openapi-typescript']!);
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()[0]?.toFixed(1)}`,
);
console.log('| consumer of | runs | median s | min–max s | ratio vs openapi-typescript |');
console.log('|---|---|---|---|---|');
for (const [name, list] of Object.entries(times)) {
  const m = median(list);
  console.log(
    `| ${name} | ${list.length} | ${m.toFixed(2)} | ${Math.min(...list).toFixed(2)}–${Math.max(...list).toFixed(2)} | ${(m / baseline).toFixed(2)} |`,
  );
}
rmSync(work, { recursive: true, force: true });
