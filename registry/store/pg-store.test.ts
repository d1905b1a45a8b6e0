import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { ADMIN, Http, userSpec } from '../../test/registry-harness.js';
import { TcpProxy } from '../../test/tcp-proxy.js';
import { onTestDatabase, TEST_POSTGRES_URL, temporaryDatabase } from '../../test/temporary-database.js';
import { bootstrapAdmin } from '../access.js';
import { startRegistry } from '../server.js';
import { parsePgUrl } from './pg-database.js';
import { PG_MIGRATIONS } from './pg-migrations.js';
import { PgStore } from './pg-store.js';

test('replicas opening a new schema at once: created once, each migration applied once, one first token', async () => {
  const database = await temporaryDatabase('postgres', 'open');
  // The schema does not exist yet: the store creates it.
  await onTestDatabase((client) => client.query(`DROP SCHEMA ${database.schema} CASCADE`));
  const stores = await Promise.all(Array.from({ length: 4 }, () => PgStore.open(database.db)));
  try {
    const applied = await database.query<{ version: number }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    assert.deepEqual(
      applied.map((m) => m.version),
      PG_MIGRATIONS.map((m) => m.version),
    );
    const bootstraps = await Promise.all(stores.map((store) => bootstrapAdmin(store, undefined)));
    assert.equal(bootstraps.filter((b) => b !== undefined).length, 1, 'one of them created the first token');
    assert.equal((await stores[0]!.listTokens()).length, 1);
  } finally {
    await Promise.all(stores.map((store) => store.close()));
    await database.dispose();
  }
});

test('a PostgreSQL URL names its schema; a bad one is refused with what to write instead', () => {
  assert.deepEqual(parsePgUrl('postgres://u@h:5432/db?schema=reg_1&sslmode=disable'), {
    connectionString: 'postgres://u@h:5432/db?sslmode=disable',
    schema: 'reg_1',
  });
  assert.equal(parsePgUrl('postgresql://u@h/db').schema, 'public');
  assert.throws(() => parsePgUrl('postgres://u@h/db?schema=Robert"); DROP'), /must be lower-case letters/);
});

test('the database goes away: 503 with Retry-After, nothing lost, and the registry recovers by itself', async () => {
  const database = await temporaryDatabase('postgres', 'away');
  const target = new URL(TEST_POSTGRES_URL);
  const proxy = new TcpProxy(target.hostname, Number(target.port || 5432));
  await proxy.start();
  const proxied = new URL(database.db);
  proxied.port = String(proxy.port);
  const running = await startRegistry({ db: proxied.toString(), adminToken: ADMIN, log: () => {} });
  try {
    const http = new Http(running.url);
    assert.equal((await http.publish('acme', 'user', '1.0.0', userSpec({ id: 'string' }))).status, 201);
    assert.equal((await http.request('GET', '/services/acme/user/versions/latest/service')).status, 200);

    await proxy.cut();
    for (const answer of [
      await http.request('GET', '/services/acme/user/versions/latest/service'),
      await http.publish('acme', 'user', '1.0.1', userSpec({ id: 'string' })),
      await http.request('GET', '/_internal_/healthcheck'),
    ]) {
      assert.equal(answer.status, 503, answer.text);
      assert.match(answer.headers.get('retry-after') ?? '', /^\d+$/);
      assert.match(answer.json.errors[0].code, /^(database-unavailable|unhealthy)$/);
    }

    await proxy.restore();
    assert.equal((await http.request('GET', '/_internal_/healthcheck')).status, 200);
    assert.equal((await http.publish('acme', 'user', '1.0.1', userSpec({ id: 'string' }))).status, 201);
    const versions = (await http.request('GET', '/services/acme/user/versions')).json;
    assert.deepEqual(
      versions.map((v: { version: string }) => v.version),
      ['1.0.0', '1.0.1'],
    );
  } finally {
    await running.close(1000);
    await proxy.cut();
    await database.dispose();
  }
});

test('publishes waiting for a service lock leave reads and healthchecks answering', {
  timeout: 60_000,
}, async () => {
  const database = await temporaryDatabase('postgres', 'waits');
  const name = `canon-waits-${database.schema}`;
  const running = await startRegistry({
    db: `${database.db}&application_name=${name}`,
    adminToken: ADMIN,
    log: () => {},
  });
  const blocker = new pg.Client({
    connectionString: TEST_POSTGRES_URL,
    options: `-c search_path=${database.schema}`,
  });
  await blocker.connect();
  try {
    const http = new Http(running.url);
    assert.equal((await http.publish('acme', 'user', '1.0.0', userSpec({ id: 'string' }))).status, 201);
    await blocker.query("BEGIN; SELECT id FROM services WHERE key = 'user' FOR UPDATE");
    const publishes = Array.from({ length: 6 }, (_, i) =>
      http.publish('acme', 'user', `1.0.${i + 1}`, userSpec({ id: 'string' })),
    );
    // Every write connection (4) is now waiting for the lock: the state the reads must survive.
    // (Asked on another connection: inside a transaction, pg_stat_activity is a snapshot.)
    await onTestDatabase(async (client) => {
      for (;;) {
        const waiting = await client.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'",
          [name],
        );
        if (waiting.rows[0].n >= 4) return;
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    assert.equal((await http.request('GET', '/_internal_/healthcheck')).status, 200);
    assert.equal((await http.request('GET', '/services/acme/user/versions/latest')).json.version, '1.0.0');
    await blocker.query('COMMIT');
    const answers = await Promise.all(publishes);
    assert.deepEqual(
      answers.map((a) => a.status),
      [201, 201, 201, 201, 201, 201],
    );
    assert.equal((await http.request('GET', '/services/acme/user/versions/latest')).json.version, '1.0.6');
  } finally {
    await blocker.end();
    await running.close(1000);
    await database.dispose();
  }
});
