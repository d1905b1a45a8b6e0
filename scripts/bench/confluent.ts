/**
 * The Confluent API's two speed targets (docs/subjects.md), on SQLite and on PostgreSQL, each
 * registry in its own `canon serve` process, over 127.0.0.1:
 *
 * 1. Registering a schema under BACKWARD_TRANSITIVE against a history of 100 versions (every
 *    registration is checked against all of them): median wall time of `POST /subjects/{s}/versions`.
 * 2. `GET /confluent/schemas/ids/{id}` throughput versus a bare Express handler returning the same
 *    bytes (`bare-express-server.ts`), measured alternately in the same run with autocannon.
 *
 *   node dist/scripts/bench/confluent.js [registrations=20] [rounds=5] [seconds=5] [connections=10]
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN, Http } from '../../test/registry-harness.js';
import { type CanonProcess, startCanon } from '../../test/spawn.js';
import { STORE_KINDS, type TemporaryDatabase, temporaryDatabase } from '../../test/temporary-database.js';
import { median } from './stats.js';

interface AutocannonResult {
  requests: { average: number };
  errors: number;
  non2xx: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: Record<string, unknown>,
) => Promise<AutocannonResult>;

const [registrations, rounds, seconds, connections] = [
  Number(process.argv[2] ?? 20),
  Number(process.argv[3] ?? 5),
  Number(process.argv[4] ?? 5),
  Number(process.argv[5] ?? 10),
];

/** Version n of an order event: a closed model that gains one optional field per version. */
function orderSchema(n: number): string {
  const properties: Record<string, unknown> = {
    event_id: { type: 'string', format: 'uuid', description: 'Deduplication key.' },
    timestamp: { type: 'string', format: 'date-time' },
    status: { enum: ['placed', 'paid', 'shipped', 'cancelled'] },
    lines: {
      type: 'array',
      items: {
        type: 'object',
        properties: { sku: { type: 'string', maxLength: 64 }, quantity: { type: 'integer', minimum: 1 } },
        required: ['sku', 'quantity'],
      },
    },
  };
  for (let i = 0; i < n; i++)
    properties[`field_${i}`] = { type: 'string', maxLength: 200, description: `Added in version ${i + 1}.` };
  return JSON.stringify({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties,
    required: ['event_id', 'timestamp', 'status'],
    additionalProperties: false,
  });
}

const basic = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/vnd.schemaregistry.v1+json' };
const register = async (http: Http, n: number) => {
  const answer = await http.request('POST', '/confluent/subjects/orders-value/versions', {
    headers: basic,
    raw: JSON.stringify({ schemaType: 'JSON', schema: orderSchema(n) }),
  });
  if (answer.status !== 200) throw new Error(`registration ${n} failed: ${answer.text.slice(0, 300)}`);
  return answer.json as { id: number; version: number };
};

const databases: TemporaryDatabase[] = [];
const registries: CanonProcess[] = [];
try {
  const registerMs: Record<string, number> = {};
  const ids: Record<string, number> = {};
  for (const store of STORE_KINDS) {
    const database = await temporaryDatabase(store, 'bench-confluent');
    databases.push(database);
    const registry = await startCanon(['serve', '--port', '0', '--db', database.db], {
      env: { CANON_ADMIN_TOKEN: ADMIN },
    });
    registries.push(registry);
    const http = new Http(registry.url);
    await http.request('PUT', '/confluent/config/orders-value', {
      headers: basic,
      raw: '{"compatibility":"BACKWARD_TRANSITIVE"}',
    });
    for (let n = 1; n <= 100; n++) await register(http, n);
    const times: number[] = [];
    for (let n = 101; n < 101 + registrations; n++) {
      const start = performance.now();
      const { version } = await register(http, n);
      times.push(performance.now() - start);
      if (version !== n) throw new Error(`expected version ${n}, got ${version}`);
    }
    registerMs[store] = Number(median(times).toFixed(1));
    ids[store] = (await register(http, 100)).id;
    console.log(
      `${store}: registering against 100+ versions (BACKWARD_TRANSITIVE), median ${registerMs[store]} ms of ${registrations}`,
    );
  }

  const urls = registries.map((r, i) => `${r.url}/confluent/schemas/ids/${ids[STORE_KINDS[i]!]}`);
  const bodies = await Promise.all(
    urls.map(async (url) => Buffer.from(await (await fetch(url)).arrayBuffer())),
  );
  if (!bodies[0]!.equals(bodies[1]!)) throw new Error('the two registries serve different bytes');
  const file = join(databases[0]!.dir, 'schema-by-id.json');
  writeFileSync(file, bodies[0]!);
  const bare = spawn(
    process.execPath,
    [fileURLToPath(new URL('./bare-express-server.js', import.meta.url)), file],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const bareUrl = await new Promise<string>((resolve) =>
    bare.stdout.on('data', (d: Buffer) => resolve(`${/http:\S+/.exec(String(d))![0]}/doc`)),
  );
  try {
    const run = async (url: string) => {
      const result = await autocannon({ url, connections, duration: seconds });
      if (result.errors > 0 || result.non2xx > 0)
        throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx`);
      return result.requests.average;
    };
    for (const url of [bareUrl, ...urls]) await run(url); // warm-up, not counted
    const baseline: number[] = [];
    const ours: number[][] = urls.map(() => []);
    for (let i = 0; i < rounds; i++) {
      baseline.push(await run(bareUrl));
      for (const [j, url] of urls.entries()) ours[j]!.push(await run(url));
      console.log(
        `round ${i + 1}: bare ${baseline.at(-1)!.toFixed(0)} req/s, ${STORE_KINDS.map((s, j) => `${s} ${ours[j]!.at(-1)!.toFixed(0)} req/s`).join(', ')}`,
      );
    }
    const b = median(baseline);
    console.log(
      JSON.stringify(
        {
          registerMedianMs: registerMs,
          schemaBytes: bodies[0]!.length,
          rounds,
          seconds,
          connections,
          bareMedian: b,
          ...Object.fromEntries(
            STORE_KINDS.map((s, j) => [
              s,
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
