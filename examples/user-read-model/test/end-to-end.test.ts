// Both examples as processes over real NATS: the user service (on SQLite, then on PostgreSQL)
// publishes its journal as user_event, the read model consumes it into its own SQLite file. Each
// run has an environment of its own on the broker (its own stream and durable) and its own
// database, so it never meets another test.
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import Database from 'better-sqlite3';
import pg from 'pg';

const NATS_URL = process.env.CANON_TEST_NATS ?? '127.0.0.1:4222';
const USER_SERVICE = fileURLToPath(new URL('../../../user-service/dist/src/main.js', import.meta.url));
const READ_MODEL = fileURLToPath(new URL('../src/main.js', import.meta.url));

/** The machine's PostgreSQL (trust authentication); the PostgreSQL run uses a schema of its own. */
const PG_URL = `postgres://${process.env.PGUSER ?? 'postgres'}@${process.env.PGHOST ?? '127.0.0.1'}:${process.env.PGPORT ?? 5432}/${process.env.PGDATABASE ?? 'test'}`;

const token = `${process.pid}_${randomBytes(4).toString('hex')}`;
let dir: string;
const running = new Set<ChildProcess>();
const environments: string[] = [];

/** Starts `script` with the given environment and waits for the line matching `ready`. */
async function launch(
  script: string,
  env: Record<string, string>,
  ready: RegExp,
  args: string[] = [],
): Promise<{ child: ChildProcess; match: RegExpMatchArray }> {
  const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const look = (chunk: Buffer) => {
      output += chunk;
      const found = output.match(ready);
      if (found) resolve(found);
    };
    child.stdout!.on('data', look);
    child.stderr!.on('data', look);
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready:\n${output}`)));
  });
  return { child, match };
}

async function terminate(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill(signal);
  await exited;
}

/** Where the user service keeps its users, and how the test reads its journal. */
interface Storage {
  env: Record<string, string>;
  journalIds(): Promise<number[]>;
}

function sqliteStorage(): Storage {
  const file = join(dir, 'users.db');
  return {
    env: { USERS_DB: file },
    journalIds: async () => {
      const journal = new Database(file, { readonly: true });
      try {
        const rows = journal.prepare('SELECT journal_id FROM users_journal ORDER BY journal_id').all();
        return (rows as { journal_id: number }[]).map((row) => row.journal_id);
      } finally {
        journal.close();
      }
    },
  };
}

async function postgresStorage(t: { after(fn: () => Promise<void>): void }): Promise<Storage> {
  const schema = `canon_e2e_${token}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  t.after(async () => {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  });
  return {
    env: { DATABASE_URL: `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}` },
    journalIds: async () =>
      (await admin.query(`SELECT journal_id::int AS id FROM ${schema}.users_journal ORDER BY journal_id`)).rows.map(
        (row: { id: number }) => row.id,
      ),
  };
}

/** One run of both services: their own environment on the broker, their own read model file. */
function run(name: string) {
  const environment = `e2e_${name}_${token}`;
  environments.push(environment);
  const events = { NATS_URL, EVENTS_ENVIRONMENT: environment };
  const readModelFile = join(dir, `${name}-read-model.db`);
  return {
    readModelFile,
    async startUserService(storage: Storage): Promise<{ child: ChildProcess; url: string }> {
      const env = { ...events, ...storage.env, PORT: '0', HOST: '127.0.0.1' };
      const { child, match } = await launch(USER_SERVICE, env, /listening on (http:\/\/127\.0\.0\.1:\d+)/);
      return { child, url: match[1]! };
    },
    async startReadModel(...args: string[]): Promise<ChildProcess> {
      const env = { ...events, READ_MODEL_DB: readModelFile };
      return (await launch(READ_MODEL, env, /consuming \S+ into/, args)).child;
    },
  };
}

async function call(url: string, method: string, path: string, body?: object): Promise<unknown> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  assert.ok(response.ok, `${method} ${path}: ${response.status} ${await response.clone().text()}`);
  return response.status === 204 ? undefined : response.json();
}

interface User {
  id: string;
  email: string;
  name?: string;
  status: string;
}

/** Waits until `probe` returns something `condition` accepts; the condition is the test's, the limit only a safety net. */
async function waitFor<T>(what: string, probe: () => T, condition: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = probe();
    if (condition(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}; last seen: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'canon-examples-'));
});

after(async () => {
  await Promise.all([...running].map((child) => terminate(child, 'SIGKILL')));
  const nc = await connect({ servers: NATS_URL });
  const jsm = await jetstreamManager(nc);
  for (const environment of environments)
    await jsm.streams.delete(`${environment}_default_user_v0_user_event`).catch(() => false);
  await nc.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Users created, updated and deleted over HTTP; the read model stopped for a while and started
 * again; the user service SIGKILLed and restarted. Then the read model holds what the service
 * lists, and its change log has exactly one entry per journal row of the service, in order; and
 * so again after the read model is rebuilt from the stream's beginning (`--rebuild`).
 */
async function converges(name: string, storage: Storage): Promise<void> {
  const both = run(name);
  let service = await both.startUserService(storage);
  let readModel = await both.startReadModel();
  const made: User[] = [];
  for (let i = 0; i < 12; i++) {
    made.push((await call(service.url, 'POST', '/users', { email: `user${i}@example.com`, name: `User ${i}` })) as User);
  }
  // The read model goes away for a while (it finishes its batch first); the service goes on.
  await terminate(readModel);
  for (const user of made.slice(0, 6)) {
    await call(service.url, 'PUT', `/users/${user.id}`, { email: user.email, status: 'suspended' });
  }
  readModel = await both.startReadModel();
  for (const user of made.slice(6, 9)) await call(service.url, 'DELETE', `/users/${user.id}`);
  // The service is killed outright: its relay resumes from the position it recorded, and what it
  // sends again carries the same event ids, which the stream and the consumer drop.
  await terminate(service.child, 'SIGKILL');
  service = await both.startUserService(storage);
  await call(service.url, 'PUT', `/users/${made[0]!.id}`, { email: 'renamed@example.com', name: 'Renamed' });
  await call(service.url, 'DELETE', `/users/${made[1]!.id}`);
  made.push((await call(service.url, 'POST', '/users', { email: 'late@example.com' })) as User);

  const expectedIds = (await storage.journalIds()).map((id) => `users_journal:${id}`);
  assert.equal(expectedIds.length, 12 + 6 + 3 + 2 + 1, 'one journal row per change');
  const listed = ((await call(service.url, 'GET', '/users?limit=100')) as User[]).map(({ id, email, name, status }) => ({
    id,
    email,
    name: name ?? null,
    status,
  }));
  const converged = async (what: string) => {
    const model = new Database(both.readModelFile, { readonly: true });
    try {
      const applied = await waitFor(
        `the read model to apply every journal row (${what})`,
        () => model.prepare('SELECT event_id FROM user_changes ORDER BY rowid').all() as { event_id: string }[],
        (rows) => rows.length >= expectedIds.length,
      );
      const users = model.prepare('SELECT id, email, name, status FROM users ORDER BY id').all();
      const expected = [...listed].sort((a, b) => a.id.localeCompare(b.id));
      assert.deepEqual(users, expected, `the read model holds what the service holds (${what})`);
      assert.deepEqual(
        applied.map((row) => row.event_id),
        expectedIds,
        `every change applied once, in journal order (${what})`,
      );
    } finally {
      model.close();
    }
  };
  await converged('consumed');
  // Rebuilt from the stream's beginning: emptied, then every event applied again, once.
  await terminate(readModel);
  readModel = await both.startReadModel('--rebuild');
  await converged('rebuilt');
  await terminate(readModel);
  await terminate(service.child);
}

test('the user service on SQLite → NATS → the read model: each change once, none lost', () => converges('sqlite', sqliteStorage()));

test('the user service on PostgreSQL → NATS → the read model: each change once, none lost', async (t) =>
  converges('postgres', await postgresStorage(t)));
