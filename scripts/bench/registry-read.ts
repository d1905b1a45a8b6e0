/**
 * Read throughput: `GET` the latest version of flow-api-service.json (3.4 MB) from the registry
 * on SQLite and on PostgreSQL versus a bare Express handler returning the same bytes, each in its
 * own process, measured alternately in the same run with autocannon over 127.0.0.1.
 *
 *   node dist/scripts/bench/registry-read.js [rounds=5] [seconds=5] [connections=10]
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { corpusPath } from '../../test/paths.js';
import { ADMIN, Http } from '../../test/registry-harness.js';
import { type CanonProcess, startCanon } from '../../test/spawn.js';
import { STORE_KINDS, type TemporaryDatabase, temporaryDatabase } from '../../test/temporary-database.js';
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
const databases: TemporaryDatabase[] = [];
const registries: CanonProcess[] = [];
try {
  for (const store of STORE_KINDS) {
    const database = await temporaryDatabase(store, 'bench-read');
    databases.push(database);
    registries.push(
      await startCanon(['serve', '--port', '0', '--db', database.db], { env: { CANON_ADMIN_TOKEN: ADMIN } }),
    );
  }
  const text = readFileSync(corpusPath('flow', 'flow-api-service.json'), 'utf8');
  const urls: string[] = [];
  let bytes: Buffer | undefined;
  for (const registry of registries) {
    const published = await new Http(registry.url).publish('flow', 'api', '1.0.0', text, {
      file: 'flow-api-service.json',
    });
    if (published.status !== 201) throw new Error(`publish failed: ${published.text.slice(0, 500)}`);
    const url = `${registry.url}/services/flow/api/versions/latest/original`;
    const served = Buffer.from(await (await fetch(url)).arrayBuffer());
    if (bytes && !served.equals(bytes)) throw new Error('the two registries serve different bytes');
    bytes = served;
    urls.push(url);
  }
  const dir = databases[0]!.dir;
  writeFileSync(join(dir, 'doc.json'), bytes!);

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
  try {
    const check = Buffer.from(await (await fetch(bareUrl)).arrayBuffer());
    if (!check.equals(bytes!)) throw new Error('the baseline does not serve the same bytes');

    const run = async (url: string) => {
      const result = await autocannon({ url, connections, duration: seconds });
      if (result.errors > 0 || result.non2xx > 0)
        throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx`);
      return result;
    };
    for (const url of [bareUrl, ...urls]) await run(url); // warm-up, not counted
    const baseline: number[] = [];
    const ours: number[][] = urls.map(() => []);
    for (let i = 0; i < rounds; i++) {
      baseline.push((await run(bareUrl)).requests.average);
      for (const [j, url] of urls.entries()) ours[j]!.push((await run(url)).requests.average);
      console.log(
        `round ${i + 1}: bare ${baseline.at(-1)!.toFixed(1)} req/s, ${STORE_KINDS.map((store, j) => `${store} ${ours[j]!.at(-1)!.toFixed(1)} req/s`).join(', ')}`,
      );
    }
    const b = median(baseline);
    console.log(
      JSON.stringify(
        {
          bytes: bytes!.length,
          rounds,
          seconds,
          connections,
          bareMedian: b,
          ...Object.fromEntries(
            STORE_KINDS.map((store, j) => [
              store,
              { median: median(ours[j]!), ratio: Number((median(ours[j]!) / b).toFixed(3)) },
            ]),
          ),
        },
        null,
        2,
      ),
    );
  } finally {
    bare.kill('SIGTERM');
  }
} finally {
  await Promise.all(registries.map((registry) => registry.stop()));
  await Promise.all(databases.map((database) => database.dispose()));
}
