import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { emitJs } from '../testing/load-generated.js';
import { commonService, peopleService } from '../testing/sample-services.js';
import { generator as clientGenerator } from '../typescript-client/index.js';
import { generator as typesGenerator } from '../typescript-types/index.js';
import { generator } from './index.js';

/*
 * One consumer scenario, run twice: against the real client talking to an HTTP server on
 * 127.0.0.1 that keeps users in memory, and against the mock client in store mode. Both must
 * behave the same where the mock promises fidelity: create, read, list, update, delete, 404s.
 */

type AnyFn = (...args: unknown[]) => Promise<unknown>;
interface Users {
  users: Record<string, AnyFn>;
}
interface Loaded {
  client: {
    createClient(options: { baseUrl: string; retries: number }): Users;
    ResponseError: new (...a: never[]) => Error & { status: number };
  };
  mock: { MockClient: new (options: { store: boolean }) => Users };
}

let server: Server;
let baseUrl: string;
let loaded: Loaded;

before(async () => {
  const input = { service: peopleService, imports: [commonService], options: {} };
  const modules = emitJs([
    ...typesGenerator.generate(input),
    ...clientGenerator.generate(input),
    ...generator.generate(input),
  ]);
  loaded = {
    client: await modules.load('client.ts'),
    mock: await modules.load('mock-client.ts'),
  };
  const store = new Map<string, Record<string, unknown>>();
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x');
      const id = url.pathname.split('/')[2];
      const send = (status: number, value?: unknown) =>
        value === undefined
          ? res.writeHead(status).end()
          : res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (req.method === 'POST' && !id) {
        const user = { id: randomUUID(), created_at: new Date(0).toISOString(), ...JSON.parse(body) };
        store.set(user.id, user);
        return send(201, user);
      }
      if (req.method === 'GET' && !id) {
        const status = url.searchParams.get('status');
        return send(
          200,
          [...store.values()].filter((u) => status === null || u.status === status),
        );
      }
      const user = id === undefined ? undefined : store.get(id);
      if (!user) return send(404);
      if (req.method === 'GET') return send(200, user);
      if (req.method === 'PUT') {
        Object.assign(user, JSON.parse(body));
        return send(200, user);
      }
      if (req.method === 'DELETE') {
        store.delete(id!);
        return send(204);
      }
      send(405);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => server.close());

async function scenario(api: Users, ResponseError: Loaded['client']['ResponseError']) {
  const created = (await api.users.post!({ name: 'Ada', status: 'active', tags: ['x'] })) as Record<
    string,
    unknown
  >;
  assert.equal(created.name, 'Ada');
  assert.equal(typeof created.id, 'string');
  const id = created.id as string;
  assert.deepEqual(await api.users.getById!({ id }), created);
  assert.deepEqual(await api.users.get!(), [created]);
  assert.deepEqual(await api.users.get!({ status: 'blocked-by-admin' }), []);
  const updated = (await api.users.putById!(
    { name: 'Bea', status: 'blocked-by-admin', tags: [] },
    { id },
  )) as Record<string, unknown>;
  assert.equal(updated.name, 'Bea');
  assert.equal(updated.id, id);
  assert.deepEqual(await api.users.get!({ status: 'blocked-by-admin' }), [updated]);
  assert.equal(await api.users.deleteById!({ id }), undefined);
  for (const call of [() => api.users.getById!({ id }), () => api.users.deleteById!({ id })]) {
    await assert.rejects(call(), (error: unknown) => {
      assert.ok(error instanceof ResponseError);
      assert.equal(error.status, 404);
      return true;
    });
  }
  assert.deepEqual(await api.users.get!(), []);
}

test('the real client against a server on 127.0.0.1 passes the consumer scenario', async () => {
  await scenario(loaded.client.createClient({ baseUrl, retries: 0 }), loaded.client.ResponseError);
});

test('the mock client in store mode passes the same scenario', async () => {
  await scenario(new loaded.mock.MockClient({ store: true }), loaded.client.ResponseError);
});
