import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ADMIN, Http } from '../test/registry-harness.js';
import { type CanonProcess, startCanon } from '../test/spawn.js';
import { type StoreKind, type TemporaryDatabase, temporaryDatabase } from '../test/temporary-database.js';

// Several server processes on one database: whatever keeps publishes apart must be the
// database's own locking, not anything a process holds in memory. SQLite: two processes on one
// file; PostgreSQL: two and three replicas on one schema.
const SETUPS: { store: StoreKind; replicas: number }[] = [
  { store: 'sqlite', replicas: 2 },
  { store: 'postgres', replicas: 2 },
  { store: 'postgres', replicas: 3 },
];

for (const { store, replicas } of SETUPS) {
  describe(`${replicas} processes on ${store}`, () => {
    let database: TemporaryDatabase;
    let servers: CanonProcess[] = [];

    before(async () => {
      database = await temporaryDatabase(store, 'concurrency');
      const start = () =>
        startCanon(['serve', '--port', '0', '--db', database.db], { env: { CANON_ADMIN_TOKEN: ADMIN } });
      // PostgreSQL replicas start together: migrations and the first admin token must come out
      // once. (Two SQLite processes racing on a new file is issue 15's security item.)
      if (store === 'postgres') servers = await Promise.all(Array.from({ length: replicas }, start));
      else for (let i = 0; i < replicas; i++) servers.push(await start());
    });

    after(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await database.dispose();
    });

    const http = (i: number) => new Http(servers[i % servers.length]!.url);

    defineTests(
      http,
      () => database,
      () => servers,
    );
  });
}

/** Version 1.0.i: fields f0..fi, each later one an optional addition. */
function growing(i: number): string {
  const fields = [{ name: 'id', type: 'string' }];
  for (let f = 1; f <= i; f++) fields.push({ name: `f${f}`, type: 'string', required: false } as never);
  return JSON.stringify({
    name: 'grow',
    models: { thing: { fields } },
    resources: { thing: { operations: [{ method: 'GET' }] } },
  });
}

function defineTests(
  http: (i: number) => Http,
  database: () => TemporaryDatabase,
  servers: () => CanonProcess[],
): void {
  test('50 parallel publishers of distinct versions: each stored once, in semver order, change logs correct', async () => {
    const order = Array.from({ length: 50 }, (_, i) => i).sort(
      (a, b) => ((a * 7919) % 50) - ((b * 7919) % 50),
    );
    const answers = await Promise.all(
      order.map((i) => http(i).publish('acme', 'grow', `1.0.${i}`, growing(i))),
    );
    assert.deepEqual(
      answers.map((a) => a.status).filter((s) => s !== 201),
      [],
      JSON.stringify(answers.find((a) => a.status !== 201)?.json),
    );

    const versions = (await http(0).request('GET', '/services/acme/grow/versions')).json as {
      version: string;
      previous_version?: string;
      changes: { rule: string; path: string }[];
    }[];
    assert.deepEqual(
      versions.map((v) => v.version),
      Array.from({ length: 50 }, (_, i) => `1.0.${i}`),
    );
    for (const [i, v] of versions.entries()) {
      assert.equal(v.previous_version, i === 0 ? undefined : `1.0.${i - 1}`, v.version);
      const added = v.changes.filter((c) => c.rule !== 'version-changed').map((c) => c.path);
      assert.deepEqual(added, i === 0 ? [] : [`models/thing/fields/f${i}`], v.version);
    }
    assert.equal((await http(1).request('GET', '/services/acme/grow')).json.latest_version, '1.0.49');
  });

  test('20 parallel publishes of the same version and content: one stored, all answered with it', async () => {
    const doc = growing(3);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => http(i).publish('acme', 'same', '2.0.0', doc)),
    );
    assert.equal(answers.filter((a) => a.status === 201).length, 1);
    assert.equal(answers.filter((a) => a.status === 200 && a.json.status === 'exists').length, 19);
    const stored = answers[0]!.json.version;
    for (const a of answers) assert.deepEqual(a.json.version, stored);
    assert.equal((await http(0).request('GET', '/services/acme/same/versions')).json.length, 1);
  });

  test('the same version with different contents in parallel: one wins, the others get 409', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => http(i).publish('acme', 'race', '1.0.0', growing(i))),
    );
    const winners = answers.filter((a) => a.status === 201);
    assert.equal(winners.length, 1);
    assert.deepEqual(
      answers.filter((a) => a.status !== 201).map((a) => [a.status, a.json.errors[0].code]),
      Array.from({ length: 19 }, () => [409, 'version-exists']),
    );
    const stored = (await http(1).request('GET', '/services/acme/race/versions/1.0.0')).json;
    assert.equal(stored.content_hash, winners[0]!.json.version.content_hash);
  });

  test('one event union claimed by 10 services at once, through every process: one owner, 9 refusals', async () => {
    const events = (app: string) =>
      JSON.stringify({
        name: app,
        models: { thing_upserted: { fields: [{ name: 'event_id', type: 'string' }] } },
        unions: { shared_event: { discriminator: 'discriminator', types: [{ type: 'thing_upserted' }] } },
      });
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        http(i).publish('acme', `emitter-${i}`, '1.0.0', events(`emitter-${i}`)),
      ),
    );
    assert.equal(answers.filter((a) => a.status === 201).length, 1);
    assert.deepEqual(
      answers.filter((a) => a.status !== 201).map((a) => [a.status, a.json.errors[0].code]),
      Array.from({ length: 9 }, () => [409, 'event-union-owned']),
    );
    const owners = (await http(1).request('GET', '/events?organization=acme')).json;
    assert.equal(owners.length, 1);
  });

  test('what one process writes, every other reads at once: latest, policy, mode, a revoked token', async () => {
    const last = servers().length - 1;
    assert.equal((await http(0).publish('acme', 'fresh', '1.0.0', growing(1))).status, 201);
    assert.equal(
      (await http(last).request('GET', '/services/acme/fresh/versions/latest')).json.version,
      '1.0.0',
    );
    assert.equal((await http(last).publish('acme', 'fresh', '1.1.0', growing(2))).status, 201);
    assert.equal(
      (await http(0).request('GET', '/services/acme/fresh/versions/latest/service')).json.version,
      '1.1.0',
    );
    assert.equal((await http(0).request('GET', '/services/acme/fresh/versions/^1.0')).json.version, '1.1.0');

    await http(0).request('PUT', '/services/acme/fresh/policy', { token: ADMIN, body: { policy: 'none' } });
    const breaking = await http(last).publish('acme', 'fresh', '1.2.0', growing(0));
    assert.equal(breaking.status, 201, 'the policy set through another process holds');

    await http(last).request('PUT', '/services/acme/fresh/mode', {
      token: ADMIN,
      body: { mode: 'READONLY' },
    });
    assert.equal((await http(0).publish('acme', 'fresh', '1.3.0', growing(1))).status, 409);
    await http(0).request('PUT', '/services/acme/fresh/mode', { token: ADMIN, body: { mode: 'READWRITE' } });

    const created = await http(0).request('POST', '/tokens', {
      token: ADMIN,
      body: { organization: 'acme', role: 'publish', description: 'ci' },
    });
    const token = created.json.secret as string;
    assert.equal((await http(last).publish('acme', 'fresh', '1.3.0', growing(1), {}, token)).status, 201);
    await http(last).request('DELETE', `/tokens/${created.json.id}`, { token: ADMIN });
    assert.equal((await http(0).publish('acme', 'fresh', '1.4.0', growing(1), {}, token)).status, 401);
  });

  test('replicas started together made one first admin token and applied each migration once', async () => {
    const tokens = await database().query<{ description: string }>(
      "SELECT description FROM tokens WHERE created_by = 'bootstrap'",
    );
    assert.deepEqual(
      tokens.map((t) => t.description),
      ['CANON_ADMIN_TOKEN'],
    );
    const migrations = await database().query<{ version: number }>('SELECT version FROM schema_migrations');
    assert.equal(new Set(migrations.map((m) => m.version)).size, migrations.length);
  });
}
