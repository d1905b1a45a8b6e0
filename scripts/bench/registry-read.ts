/**
 * Read throughput: `GET` the latest version of flow-api-service.json (3.4 MB) from the registry
 * versus a bare Express handler returning the same bytes, both in their own process, measured
 * alternately in the same run with autocannon over 127.0.0.1.
 *
 *   node dist/scripts/bench/registry-read.js [rounds=5] [seconds=5] [connections=10]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusPath } from '../../test/paths.js';
import { ADMIN, Http } from '../../test/registry-harness.js';
import { startCanon } from '../../test/spawn.js';
import { median } from './stats.js';

interface AutocannonResult {
  requests: { average: number };
  throughput: { average: number };
  latency: { p50: number; p99: number };
  errors: number;
  non2xx: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: Record<string, unknown>,
) => Promise<AutocannonResult>;

const [rounds, seconds, connections] = [
  Number(process.argv[2] ?? 5),
  Number(process.argv[3] ?? 5),
  Number(process.argv[4] ?? 10),
];
const dir = mkdtempSync(join(tmpdir(), 'canon-bench-read-'));
const registry = await startCanon(['serve', '--port', '0', '--db', join(dir, 'bench.db')], {
  env: { CANON_ADMIN_TOKEN: ADMIN },
});
try {
  const text = readFileSync(corpusPath('flow', 'flow-api-service.json'), 'utf8');
  const published = await new Http(registry.url).publish('flow', 'api', '1.0.0', text, {
    file: 'flow-api-service.json',
  });
  if (published.status !== 201) throw new Error(`publish failed: ${published.text.slice(0, 500)}`);
  const registryUrl = `${registry.url}/services/flow/api/versions/latest/original`;
  const bytes = Buffer.from(await (await fetch(registryUrl)).arrayBuffer());
  writeFileSync(join(dir, 'doc.json'), bytes);

  const bare = spawn(
    process.execPath,
    [fileURLToPath(new URL('./bare-express-server.js', import.meta.url)), join(dir, 'doc.json')],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const bareUrl = await new Promise<string>((resolve) =>
    bare.stdout.on('data', (d: Buffer) => resolve(`${/http:\S+/.exec(String(d))![0]}/doc`)),
  );
  const check = Buffer.from(await (await fetch(bareUrl)).arrayBuffer());
  if (!check.equals(bytes)) throw new Error('the baseline does not serve the same bytes');

  const run = async (url: string) => {
    const result = await autocannon({ url, connections, duration: seconds });
    if (result.errors > 0 || result.non2xx > 0)
      throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx`);
    return result;
  };
  await run(bareUrl); // warm-up both, not counted
  await run(registryUrl);
  const baseline: number[] = [];
  const ours: number[] = [];
  for (let i = 0; i < rounds; i++) {
    baseline.push((await run(bareUrl)).requests.average);
    ours.push((await run(registryUrl)).requests.average);
    console.log(
      `round ${i + 1}: bare ${baseline.at(-1)!.toFixed(1)} req/s, registry ${ours.at(-1)!.toFixed(1)} req/s`,
    );
  }
  const [b, r] = [median(baseline), median(ours)];
  console.log(
    JSON.stringify(
      {
        bytes: bytes.length,
        rounds,
        seconds,
        connections,
        bareMedian: b,
        registryMedian: r,
        ratio: Number((r / b).toFixed(3)),
      },
      null,
      2,
    ),
  );
  bare.kill('SIGTERM');
} finally {
  await registry.stop();
  rmSync(dir, { recursive: true, force: true });
}
