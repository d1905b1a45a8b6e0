/**
 * Requests per second of `GET /users/:id` on the example user service (generated router, Ajv,
 * generated SQLite DAO, hand-written handler) versus a bare Express handler reading the same row
 * with one prepared statement, each in its own process, alternating rounds of autocannon over
 * 127.0.0.1 in the same run. Build the example first: `npx tsc -p examples/user-service`.
 *
 *   node dist/scripts/bench/user-service-http.js [rounds=5] [seconds=5] [connections=10]
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from './stats.js';

interface AutocannonResult {
  requests: { average: number };
  errors: number;
  non2xx: number;
}
const autocannon = createRequire(import.meta.url)('autocannon') as (
  options: Record<string, unknown>,
) => Promise<AutocannonResult>;

const [rounds, seconds, connections] = [5, 5, 10].map((fallback, i) =>
  Number(process.argv[i + 2] ?? fallback),
) as [number, number, number];
const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'canon-bench-users-'));
const file = join(dir, 'users.db');
const children: ChildProcess[] = [];

async function start(mode: 'example' | 'bare'): Promise<string> {
  const child = spawn(
    process.execPath,
    [fileURLToPath(new URL('./user-service-server.js', import.meta.url)), mode, file],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  children.push(child);
  return new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${mode} server exited with ${code}`)));
    child.stdout!.on('data', (d: Buffer) => {
      const url = /http:\S+/.exec(String(d))?.[0];
      if (url) resolve(url);
    });
  });
}

try {
  const service = await start('example'); // creates and migrates the database
  const ids: string[] = [];
  for (let i = 0; i < 1000; i++) {
    const response = await fetch(`${service}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `user${i}@example.com`, name: `User ${i}`, status: 'active' }),
    });
    ids.push(((await response.json()) as { id: string }).id);
  }
  const bare = await start('bare');
  const path = `/users/${ids[500]}`;
  const [a, b] = await Promise.all([
    fetch(service + path).then((r) => r.json()),
    fetch(bare + path).then((r) => r.json()),
  ]);
  assert.deepEqual(a, b, 'the two servers must answer the same user');

  const run = async (url: string): Promise<number> => {
    const result = await autocannon({ url: url + path, connections, duration: seconds });
    if (result.errors > 0 || result.non2xx > 0)
      throw new Error(`${url}: ${result.errors} errors, ${result.non2xx} non-2xx`);
    return result.requests.average;
  };
  await run(bare); // warm-up, not counted
  await run(service);
  const baseline: number[] = [];
  const ours: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 === 0 ? ['bare', 'service'] : ['service', 'bare'];
    for (const which of order) {
      if (which === 'bare') baseline.push(await run(bare));
      else ours.push(await run(service));
    }
    console.log(
      `round ${i + 1}: bare ${baseline.at(-1)!.toFixed(0)} req/s, example ${ours.at(-1)!.toFixed(0)} req/s`,
    );
  }
  const [x, y] = [median(baseline), median(ours)];
  console.log(
    `GET /users/:id median: bare Express ${x.toFixed(0)} req/s, example service ${y.toFixed(0)} req/s, ${((100 * y) / x).toFixed(0)}% of bare`,
  );
} finally {
  for (const child of children) child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
