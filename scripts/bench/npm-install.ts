/**
 * Issue 17's install benchmark: `npm install @acme/user-client` from the registry's `/npm/`
 * endpoints into an empty project, the way a consumer does it (a scope mapping in `.npmrc`). The
 * first install builds the package in the registry (generate, compile, pack); every later one,
 * each into a fresh project with npm's cache shared, is what a developer or CI waits for. Target:
 * under 3 s after the first.
 *
 * Run: npx tsc -p tsconfig.json && node dist/scripts/bench/npm-install.js [--runs 7]
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { startRegistry } from '../../registry/server.js';
import { repoPath } from '../../test/paths.js';
import { median } from './stats.js';

const run = promisify(execFile);
const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Number(values.runs);
const work = mkdtempSync(join(tmpdir(), 'canon-npm-bench-'));
const registry = await startRegistry({ db: join(work, 'registry.db'), adminToken: 'bench', log: () => {} });
try {
  const spec = readFileSync(repoPath('specs', 'examples', 'user.json'), 'utf8');
  const published = await fetch(`${registry.url}/services/acme/user/versions/1.4.0`, {
    method: 'PUT',
    headers: { authorization: 'Bearer bench', 'content-type': 'application/json' },
    body: JSON.stringify({ original: spec }),
  });
  if (published.status !== 201)
    throw new Error(`publish failed: ${published.status} ${await published.text()}`);

  const install = async (round: number) => {
    const dir = join(work, `project-${round}`);
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `p${round}`, version: '1.0.0' }));
    writeFileSync(join(dir, '.npmrc'), `@acme:registry=${registry.url}/npm/\n`);
    const started = process.hrtime.bigint();
    await run(
      'npm',
      ['install', '@acme/user-client@^1.4', '--cache', join(work, 'cache'), '--no-audit', '--no-fund'],
      {
        cwd: dir,
      },
    );
    return Number(process.hrtime.bigint() - started) / 1e9;
  };
  const first = await install(0);
  const later: number[] = [];
  for (let round = 1; round <= runs; round++) later.push(await install(round));
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()[0]?.toFixed(1)}`,
  );
  console.log('| install | runs | median s | min–max s |');
  console.log('|---|---|---|---|');
  console.log(`| first (the registry builds the package) | 1 | ${first.toFixed(2)} | — |`);
  console.log(
    `| later (fresh project, npm cache shared) | ${runs} | ${median(later).toFixed(2)} | ${Math.min(...later).toFixed(2)}–${Math.max(...later).toFixed(2)} |`,
  );
} finally {
  await registry.close(1000);
  rmSync(work, { recursive: true, force: true });
}
