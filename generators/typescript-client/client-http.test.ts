import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { emitJs } from '../testing/load-generated.js';
import { commonService, peopleService, prim } from '../testing/sample-services.js';
import { generator as typesGenerator } from '../typescript-types/index.js';
import { generator } from './index.js';

/* The generated client, run against a real HTTP server on 127.0.0.1. */

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type AnyFn = (...args: unknown[]) => Promise<unknown>;
interface ClientModule {
  createClient(options: Record<string, unknown>): {
    users: Record<string, AnyFn>;
    contacts: Record<string, AnyFn>;
  };
  ResponseError: new (...args: never[]) => Error & { status: number; body: unknown };
  UnexpectedStatusError: new (...args: never[]) => Error & { status: number; body: unknown };
  TimeoutError: new (...args: never[]) => Error;
}

const seen: Seen[] = [];
const attempts = new Map<string, number>();
let server: Server;
let baseUrl: string;
let mod: ClientModule;

const user = (id: string) => ({
  id,
  name: 'Ada',
  status: 'active',
  created_at: '2026-01-01T00:00:00Z',
  tags: [],
});

function reply(res: import('node:http').ServerResponse, status: number, body?: unknown) {
  if (body === undefined) {
    res.writeHead(status).end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

before(async () => {
  const files = [
    ...typesGenerator.generate({ service: peopleService, imports: [commonService], options: {} }),
  ];
  files.push(...generator.generate({ service: peopleService, imports: [commonService], options: {} }));
  mod = await emitJs(files).load<ClientModule>('client.ts');
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const url = new URL(req.url!, 'http://x');
      const key = `${req.method} ${url.pathname}`;
      const count = (attempts.get(key) ?? 0) + 1;
      attempts.set(key, count);
      const id = decodeURIComponent(url.pathname.split('/')[2] ?? '');
      if (req.method === 'GET' && url.pathname === '/users')
        return reply(res, 200, url.searchParams.getAll('id').map(user));
      if (id === 'missing') return reply(res, 404);
      if (id === 'teapot') return reply(res, 418, { short: 'and stout' });
      // Never answered, so the timeout and abort tests cannot race a reply on a loaded machine.
      if (id === 'hang') return;
      if (id === 'flaky' && count <= 2) return reply(res, 503, 'busy');
      if (req.method === 'GET' && url.pathname.includes('/pets/'))
        return reply(res, 500, [{ code: 'boom', message: 'no pets' }]);
      if (req.method === 'GET') return reply(res, 200, user(id));
      if (req.method === 'POST' && url.pathname === '/users') {
        const form = JSON.parse(body) as { name: string };
        return form.name === 'bad'
          ? reply(res, 422, [{ code: 'invalid', message: 'bad name' }])
          : reply(res, 201, user('new'));
      }
      if (req.method === 'POST') return reply(res, 200, user(id));
      if (req.method === 'PUT') return reply(res, 200, { ...user(id), ...JSON.parse(body) });
      if (req.method === 'DELETE') return reply(res, 204);
      reply(res, 405);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  server.closeAllConnections(); // the requests to 'hang' are still open
  server.close();
});

const client = (options: Record<string, unknown> = {}) =>
  mod.createClient({ baseUrl, retryDelayMs: 1, ...options });
const last = () => seen[seen.length - 1]!;

test('query lists repeat, enums and numbers print as text, headers from params, config and call', async () => {
  const users = await client({ headers: { authorization: 'Bearer t' } }).users.get!(
    { id: ['a', 'b c'], status: 'active', limit: 10, 'X-Trace': 'trace-1' },
    { headers: { 'x-call': 'yes' } },
  );
  assert.deepEqual(
    (users as { id: string }[]).map((u) => u.id),
    ['a', 'b c'],
  );
  assert.equal(last().url, '/users?id=a&id=b+c&status=active&limit=10');
  assert.equal(last().headers['x-trace'], 'trace-1');
  assert.equal(last().headers.authorization, 'Bearer t');
  assert.equal(last().headers['x-call'], 'yes');
  assert.equal(last().headers.accept, 'application/json');
  await client().users.get!();
  assert.equal(last().url, '/users');
});

test('path parameters are encoded', async () => {
  const found = (await client().users.getById!({ id: 'a b/c?d' })) as { id: string };
  assert.equal(last().url, '/users/a%20b%2Fc%3Fd');
  assert.equal(found.id, 'a b/c?d');
  await client().users.getPetsByIdAndPetName!({ id: 'u', pet_name: 'ré' }).catch(() => undefined);
  assert.equal(last().url, '/users/u/pets/r%C3%A9');
});

test('bodies are JSON; form parameters travel as a JSON object', async () => {
  const created = (await client().users.post!({ name: 'Ada', status: 'active', tags: ['x'] })) as {
    id: string;
  };
  assert.equal(created.id, 'new');
  assert.equal(last().headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(last().body), { name: 'Ada', status: 'active', tags: ['x'] });
  const updated = (await client().users.putById!(
    { name: 'Bea', status: 'active', tags: [] },
    { id: 'u1' },
  )) as { name: string };
  assert.equal(updated.name, 'Bea');
  await client().users.blockUser!({ id: 'u1', reason: 'spam' });
  assert.equal(last().method, 'POST');
  assert.equal(last().url, '/users/u1/block');
  assert.deepEqual(JSON.parse(last().body), { reason: 'spam' });
});

test('every declared status: success values, unit as undefined, typed errors with bodies', async () => {
  assert.equal(await client().users.deleteById!({ id: 'u1' }), undefined);
  await assert.rejects(client().users.getById!({ id: 'missing' }), (error: unknown) => {
    assert.ok(error instanceof mod.ResponseError);
    assert.equal(error.status, 404);
    assert.equal(error.body, undefined);
    return true;
  });
  await assert.rejects(
    client().users.post!({ name: 'bad', status: 'active', tags: [] }),
    (error: unknown) => {
      assert.ok(error instanceof mod.ResponseError);
      assert.equal(error.status, 422);
      assert.deepEqual(error.body, [{ code: 'invalid', message: 'bad name' }]);
      return true;
    },
  );
  await assert.rejects(
    client().users.getPetsByIdAndPetName!({ id: 'u', pet_name: 'rex' }),
    (error: unknown) => {
      assert.ok(error instanceof mod.ResponseError, 'a `default` response is a declared error');
      assert.equal(error.status, 500);
      return true;
    },
  );
});

test('an undeclared status raises UnexpectedStatusError with the parsed body', async () => {
  await assert.rejects(client().users.getById!({ id: 'teapot' }), (error: unknown) => {
    assert.ok(error instanceof mod.UnexpectedStatusError);
    assert.equal(error.status, 418);
    assert.deepEqual(error.body, { short: 'and stout' });
    assert.match(error.message, /users\.getById/);
    return true;
  });
});

test('timeouts raise TimeoutError; an aborted signal rejects with its reason', async () => {
  await assert.rejects(
    client({ timeoutMs: 50, retries: 0 }).users.getById!({ id: 'hang' }),
    mod.TimeoutError,
  );
  const controller = new AbortController();
  controller.abort(new Error('stop'));
  await assert.rejects(client().users.getById!({ id: 'u' }, { signal: controller.signal }), /stop/);
  const later = new AbortController();
  const pending = client().users.getById!({ id: 'hang' }, { signal: later.signal });
  setTimeout(() => later.abort(new Error('cancelled')), 20);
  await assert.rejects(pending, /cancelled/);
});

test('idempotent methods retry with backoff; POST never retries', async () => {
  attempts.clear();
  const flaky = (await client({ retries: 2 }).users.getById!({ id: 'flaky' })) as { id: string };
  assert.equal(flaky.id, 'flaky');
  assert.equal(attempts.get('GET /users/flaky'), 3);
  attempts.clear();
  await assert.rejects(client({ retries: 1 }).users.getById!({ id: 'flaky' }), mod.UnexpectedStatusError);
  assert.equal(attempts.get('GET /users/flaky'), 2);
  attempts.clear();
  await assert.rejects(client({ retries: 5 }).users.blockUser!({ id: 'flaky' }), mod.UnexpectedStatusError);
  assert.equal(attempts.get('POST /users/flaky/block'), 1);
});

test('fetch is injectable', async () => {
  const calls: string[] = [];
  const fetch = (input: string, init: RequestInit) => {
    calls.push(`${init.method} ${input}`);
    return globalThis.fetch(input, init);
  };
  await client({ fetch }).contacts.get!();
  assert.deepEqual(calls, [`GET ${baseUrl}/contacts`]);
});

test('path parameters inside a segment are found: `:base...:head.json`', async () => {
  await client().users.getCompareByIdAndBaseAndHead!({
    id: 'u 1',
    base: 'main',
    head: 'feature/x',
  }).catch(() => undefined);
  assert.equal(last().url, '/users/u%201/compare/main...feature%2Fx.json');
});

test('service-level headers are sent with every request, defaults filled in, config headers winning', async () => {
  const service = {
    ...peopleService,
    headers: [
      { name: 'X-Api-Key', type: prim('string'), required: true, attributes: [] },
      { name: 'X-Version', type: prim('integer'), required: true, default: '2', attributes: [] },
      { name: 'X-Tenant', type: prim('string'), required: false, attributes: [] },
    ],
  };
  const input = { service, imports: [commonService], options: {} };
  const files = [...typesGenerator.generate(input), ...generator.generate(input)];
  const withHeaders = await emitJs(files).load<ClientModule>('client.ts');
  const make = (options: Record<string, unknown>) =>
    withHeaders.createClient({ baseUrl, retryDelayMs: 1, ...options });

  await make({ serviceHeaders: { 'X-Api-Key': 'k' } }).users.getById!({ id: 'a' });
  assert.equal(last().headers['x-api-key'], 'k');
  assert.equal(last().headers['x-version'], '2');
  assert.equal(last().headers['x-tenant'], undefined);

  const overridden = make({
    serviceHeaders: { 'X-Api-Key': 'k', 'X-Version': 3, 'X-Tenant': 't' },
    headers: { 'x-api-key': 'from-config' },
  });
  await overridden.users.getById!({ id: 'a' }, { headers: { 'x-tenant': 'from-call' } });
  assert.equal(last().headers['x-api-key'], 'from-config');
  assert.equal(last().headers['x-version'], '3');
  assert.equal(last().headers['x-tenant'], 'from-call');
});
