import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { createApp, openStorage, type Storage, type StorageConfig } from '../src/app.js';
import { type Client, createClient, ResponseError } from '../src/generated/client.js';

/** The machine's PostgreSQL (trust authentication); the suite uses its own schema and drops it. */
const PG = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  database: process.env.PGDATABASE ?? 'test',
  user: process.env.PGUSER ?? 'postgres',
};

/** Starts the real service on 127.0.0.1 over the given storage and drives it with the generated client. */
function suite(label: string, configure: () => Promise<{ config: StorageConfig; cleanup: () => Promise<void> }>): void {
  describe(`user service over ${label}`, () => {
    let storage: Storage;
    let server: ReturnType<ReturnType<typeof createApp>['listen']>;
    let client: Client;
    let cleanup: () => Promise<void>;
    let baseUrl: string;

    before(async () => {
      const setup = await configure();
      cleanup = setup.cleanup;
      storage = await openStorage(setup.config);
      const app = createApp(storage);
      await new Promise<void>((resolve) => {
        server = app.listen(0, '127.0.0.1', () => resolve());
      });
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      client = createClient({ baseUrl, retries: 0 });
    });

    after(async () => {
      await new Promise((resolve) => server.close(resolve));
      await storage.close();
      await cleanup();
    });

    test('create, get, update, delete', async () => {
      const created = await client.users.post({ email: 'ada@example.com', name: 'Ada', status: 'active' });
      assert.match(created.id, /^usr-[0-9a-f]{32}$/);
      assert.deepEqual(created, { id: created.id, email: 'ada@example.com', name: 'Ada', status: 'active' });
      assert.deepEqual(await client.users.getById({ id: created.id }), created);
      const updated = await client.users.putById({ email: 'ada@example.com', status: 'suspended' }, { id: created.id });
      assert.deepEqual(updated, { id: created.id, email: 'ada@example.com', status: 'suspended' });
      await client.users.deleteById({ id: created.id });
      await assert.rejects(client.users.getById({ id: created.id }), (e: unknown) => e instanceof ResponseError && e.status === 404);
    });

    test('list with paging and a status filter, newest first', async () => {
      const made: string[] = [];
      for (let i = 0; i < 5; i++) {
        const user = await client.users.post({ email: `page${i}@example.com`, status: i === 2 ? 'inactive' : 'active' });
        made.push(user.id);
      }
      const first = await client.users.get({ limit: 2, offset: 0 });
      const second = await client.users.get({ limit: 2, offset: 2 });
      const rest = await client.users.get({ limit: 100, offset: 4 });
      const seen = [...first, ...second, ...rest].map((u) => u.id);
      assert.equal(first.length, 2);
      assert.equal(second.length, 2);
      assert.deepEqual(seen.filter((id) => made.includes(id)), [...made].reverse());
      assert.deepEqual((await client.users.get({ status: 'inactive' })).map((u) => u.id), [made[2]]);
    });

    test('404 on a random id', async () => {
      await assert.rejects(client.users.getById({ id: `usr-${randomUUID().replaceAll('-', '')}` }), (e: unknown) => e instanceof ResponseError && e.status === 404);
      await assert.rejects(client.users.deleteById({ id: 'usr-nobody' }), (e: unknown) => e instanceof ResponseError && e.status === 404);
    });

    test('422 on an empty email, and on an email already taken', async () => {
      await assert.rejects(client.users.post({ email: '', status: 'active' }), (e: unknown) => {
        assert.ok(e instanceof ResponseError && e.status === 422);
        assert.deepEqual((e.body as { path: string }[]).map((x) => x.path), ['/body/email']);
        return true;
      });
      await client.users.post({ email: 'taken@example.com', status: 'active' });
      await assert.rejects(client.users.post({ email: 'taken@example.com', status: 'active' }), (e: unknown) => {
        assert.ok(e instanceof ResponseError && e.status === 422);
        assert.equal((e.body as { code: string }[])[0]?.code, 'email-taken');
        return true;
      });
    });

    test('the healthcheck answers healthy', async () => {
      const response = await fetch(`${baseUrl}/_internal_/healthcheck`);
      assert.deepEqual(await response.json(), { status: 'healthy' });
    });
  });
}

suite('SQLite (the default)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'user-service-'));
  return {
    config: { kind: 'sqlite', file: join(dir, 'users.db') },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
});

suite('PostgreSQL (by configuration)', async () => {
  const schema = `user_service_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Pool({ ...PG, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  return {
    config: { kind: 'postgres', pool: { ...PG, options: `-c search_path=${schema}` } },
    cleanup: async () => {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
});
