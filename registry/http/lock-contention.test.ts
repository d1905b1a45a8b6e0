import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { type RawAnswer, rawPublishBody, rawRequest } from '../../test/raw-http.js';
import { ADMIN, userSpec, withRegistry } from '../../test/registry-harness.js';

const admin = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };

/** Another process's writer, as far as SQLite can tell: its own connection holding the write lock. */
function holdWriteLock(dir: string): { release(): void } {
  const other = new Database(join(dir, 'registry.db'));
  other.exec('BEGIN IMMEDIATE');
  return {
    release() {
      other.exec('COMMIT');
      other.close();
    },
  };
}

test('a publish waiting for the lock leaves the registry answering, and is stored once the lock is free', async () => {
  await withRegistry(
    async ({ url, dir, server }) => {
      const lock = holdWriteLock(dir);
      let settled: RawAnswer | undefined;
      const arrived = new Promise((resolve) => server.once('request', resolve));
      const publish = rawRequest(
        url,
        'PUT',
        '/services/acme/user/versions/1.0.0',
        admin,
        rawPublishBody(userSpec({ id: 'string' })),
      );
      void publish.then((answer) => (settled = answer));
      await arrived;
      // Each round trip lets the publish go on; with a blocking wait for the lock, the first of
      // them would never be answered (the lock is released only after them).
      for (let i = 0; i < 5; i++) {
        const health = await rawRequest(url, 'GET', '/_internal_/healthcheck');
        assert.equal(health.status, 200);
        assert.equal((await rawRequest(url, 'GET', '/services')).status, 200);
      }
      assert.equal(settled, undefined, 'the publish still waits for the lock');
      lock.release();
      const answer = await publish;
      assert.equal(answer.status, 201, answer.text);
    },
    { lockWaitMs: 60_000 },
  );
});

test('a publish that cannot get the lock in time is a 503 with Retry-After, and stores nothing', async () => {
  await withRegistry(
    async ({ url, dir }) => {
      const lock = holdWriteLock(dir);
      const body = rawPublishBody(userSpec({ id: 'string' }));
      const busy = await rawRequest(url, 'PUT', '/services/acme/user/versions/1.0.0', admin, body);
      const policy = await rawRequest(url, 'PUT', '/services/acme/user/policy', admin, '{"policy":"none"}');
      lock.release();
      assert.equal(busy.status, 503);
      assert.equal(busy.headers['retry-after'], '1');
      assert.equal(busy.json.errors[0].code, 'database-busy');
      assert.match(busy.json.errors[0].message, /Nothing was stored; retry after 1 s/);
      assert.equal(policy.status, 503);
      assert.equal((await rawRequest(url, 'GET', '/services/acme/user')).status, 404, 'nothing stored');
      assert.equal(
        (await rawRequest(url, 'PUT', '/services/acme/user/versions/1.0.0', admin, body)).status,
        201,
      );
    },
    { lockWaitMs: 20 },
  );
});
