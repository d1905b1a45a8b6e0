import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import express from 'express';
import { loadSpec } from '../../core/load.js';
import { corpusPath, repoPath } from '../../test/paths.js';
import type { GeneratedFile } from '../contract.js';
import { driverTypeOptions, importGenerated, transpileGeneratedSets } from '../dao-shared/testing.js';
import { typeCheck } from '../testing/compile.js';
import { checkGolden } from '../testing/golden.js';
import { injectedCalls } from '../testing/injection.js';
import { hostileService } from '../testing/sample-services.js';
import { generator as typesGenerator } from '../typescript-types/index.js';
import { expressPath, routeOrder } from './express-path.js';
import { generator } from './index.js';
import { PROBE_SPEC } from './probe-spec.js';

async function generate(text: string, file: string, scaffolding = false): Promise<GeneratedFile[]> {
  const loaded = await loadSpec(text, { file });
  assert.ok(loaded.service, JSON.stringify(loaded.diagnostics.slice(0, 3)));
  const input = { service: loaded.service, imports: loaded.imports };
  return [
    ...typesGenerator.generate({ ...input, options: {} }),
    ...generator.generate({ ...input, options: { scaffolding } }),
  ];
}

test('routes for the example user service match the golden files and compile strictly', async () => {
  const path = repoPath('specs', 'examples', 'user.json');
  const files = await generate(readFileSync(path, 'utf8'), path, true);
  checkGolden(
    'generators/express-routes/golden/user',
    files.filter((f) => f.path !== 'types.ts'),
  );
  assert.equal(files.find((f) => f.path === 'services/users.ts')?.scaffolding, true);
  const { errors } = typeCheck(new Map([['out', files]]), driverTypeOptions());
  assert.deepEqual(errors, []);
});

test('an implementation missing an operation or returning an undeclared status fails tsc', async () => {
  const path = repoPath('specs', 'examples', 'user.json');
  const files = await generate(readFileSync(path, 'utf8'), path);
  const implementation = (getById: string, withPut: boolean): string =>
    [
      "import { createRouter, type UsersService } from './routes.js';",
      'const users: UsersService = {',
      '  get: () => ({ status: 200, body: [] }),',
      `  getById: () => (${getById}),`,
      "  post: (_p, body) => ({ status: 201, body: { id: 'x', email: body.email, status: body.status } }),",
      ...(withPut ? ['  putById: () => ({ status: 404 }),'] : []),
      '  deleteById: () => ({ status: 204 }),',
      '};',
      'export const router = createRouter({ users });',
    ].join('\n');
  const usage: GeneratedFile[] = [
    { path: 'missing.ts', contents: implementation('{ status: 404 }', false) },
    { path: 'wrong.ts', contents: implementation('{ status: 418 }', true) },
  ];
  const { errors } = typeCheck(new Map([['out', [...files, ...usage]]]), driverTypeOptions());
  const text = errors.join('\n');
  assert.match(text, /missing\.ts.*putById/);
  assert.match(text, /wrong\.ts.*418/);
  assert.equal(errors.length, 2, text);
});

const CORPUS_DIRS = ['apibuilder-generator', 'flow', join('apibuilder', 'spec')];

test('routes for every corpus spec with operations (flow-api-service.json included) compile and start', async () => {
  const sets = new Map<string, GeneratedFile[]>();
  for (const dir of CORPUS_DIRS) {
    for (const name of readdirSync(corpusPath(dir)).filter((f) => f.endsWith('.json'))) {
      const path = corpusPath(dir, name);
      const loaded = await loadSpec(readFileSync(path, 'utf8'), { file: path });
      if (!loaded.service || loaded.service.resources.length === 0) continue;
      const input = { service: loaded.service, imports: loaded.imports };
      sets.set(`${dir}/${name}`.replaceAll('/', '_'), [
        ...typesGenerator.generate({ ...input, options: {} }),
        ...generator.generate({ ...input, options: { scaffolding: true } }),
      ]);
    }
  }
  assert.ok(sets.has('flow_flow-api-service.json'));
  assert.ok(sets.size >= 15, `only ${sets.size} corpus specs with operations`);
  const { errors } = typeCheck(sets, driverTypeOptions());
  assert.deepEqual(errors.slice(0, 5), []);
  // Compiled at start, every body and parameter validator: a bad schema or $ref would throw here.
  const root = transpileGeneratedSets(sets);
  for (const name of sets.keys()) {
    const mod = (await import(pathToFileURL(join(root, name, 'routes.js')).href)) as RoutesModule;
    assert.doesNotThrow(() => mod.createRouter({}, { compileValidators: 'start' }), name);
  }
});

test('a hostile spec gives routes that compile, inject nothing and still serve', async () => {
  const input = { service: hostileService, imports: [] };
  const files = [
    ...typesGenerator.generate({ ...input, options: {} }),
    ...generator.generate({ ...input, options: { scaffolding: true } }),
  ];
  assert.deepEqual(typeCheck(new Map([['hostile', files]]), driverTypeOptions()).errors, []);
  for (const file of files) assert.deepEqual(injectedCalls(file.contents), [], file.path);
  assert.match(
    files.find((f) => f.path === 'routes.ts')!.contents,
    /process\.exit/,
    'the hostile text is there, inert',
  );
  const mod = await importGenerated<RoutesModule>(files, 'routes.js');
  const seen: unknown[] = [];
  const app = express().use(
    mod.createRouter({
      constructor_: {
        getByProto: (params: unknown) => {
          seen.push(params);
          return { status: 200, body: {} };
        },
        delete: () => ({ status: 204 }),
      },
    }),
  );
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const response = await fetch(`${url}/constructor/x?${encodeURIComponent("'; process.exit(1); //")}=1`);
    // Express cannot name a route parameter __proto__, so the router answers 400 for it — but
    // nothing crashes, nothing is injected, and no prototype changes.
    assert.ok(response.status === 200 || response.status === 400, `status ${response.status}`);
    assert.equal(Object.getPrototypeOf({}), Object.prototype);
    for (const params of seen) assert.equal(Object.getPrototypeOf(params), Object.prototype);
  } finally {
    server.close();
  }
});

test('spec paths become exact Express routes; static segments mount before parameters', () => {
  assert.equal(expressPath('/users/:id'), '/users/:id');
  assert.equal(expressPath('/orders/{number}/lines(all)'), '/orders/:number/lines\\(all\\)');
  assert.equal(expressPath('/a/:user-id'), '/a/:"user-id"');
  // Twilio: a parameter followed by static text in its segment keeps its declared name.
  assert.equal(expressPath('/Accounts/:Sid.json', ['Sid']), '/Accounts/:Sid.json');
  assert.equal(expressPath('/compare/:base...:head', ['base', 'head']), '/compare/:base...:head');
  assert.equal(expressPath('/files/{name}_v2', ['name']), '/files/:"name"_v2');
  assert.equal(expressPath('/a/:user-id/(x)', ['user-id']), '/a/:"user-id"/\\(x\\)');
  const op = (path: string) => ({
    method: 'GET' as const,
    path,
    parameters: [],
    responses: [],
    attributes: [],
  });
  const ordered = routeOrder([op('/users/:id'), op('/users/me'), op('/users'), op('/users/:id/x')]);
  assert.deepEqual(
    ordered.map((o) => o.path),
    ['/users', '/users/me', '/users/:id', '/users/:id/x'],
  );
});

// ---- behaviour over a real socket ----------------------------------------------------------

interface RoutesModule {
  createRouter(services: unknown, options?: unknown): express.Router;
}

type Call = { method: string; params: Record<string, unknown>; body?: unknown };
const calls: Call[] = [];
const unexpected: unknown[] = [];
let healthy = true;
let base = '';
let server: ReturnType<express.Express['listen']> | undefined;

const item = { id: 1, name: 'one', color: 'red', price: 2 };
const services = {
  items: {
    getById: (params: Record<string, unknown>) => {
      calls.push({ method: 'getById', params });
      return params.id === 1 ? { status: 200, body: item } : { status: 404 };
    },
    getBoom: () => {
      throw new Error('secret database password in this message');
    },
    get: (params: Record<string, unknown>) => {
      calls.push({ method: 'get', params });
      return { status: 200, body: [item] };
    },
    putById: (_params: unknown, body: unknown) => ({ status: 200, body }),
    postNotesById: (params: Record<string, unknown>) => {
      calls.push({ method: 'postNotesById', params });
      return { status: 204 };
    },
    post: (params: Record<string, unknown>, body: { id: number }) => {
      calls.push({ method: 'post', params, body });
      return body.id === 9 ? { status: 409, body: { code: 'taken', existing_id: 9 } } : { status: 201, body };
    },
  },
};

before(async () => {
  const files = await generate(JSON.stringify(PROBE_SPEC), 'probe.json');
  const mod = await importGenerated<RoutesModule>(files, 'routes.js');
  const app = express();
  app.use(
    mod.createRouter(services, {
      bodyLimit: '1kb',
      healthcheck: () => {
        if (!healthy) throw new Error('database down');
      },
      onError: (error: unknown) => unexpected.push(error),
    }),
  );
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
});

after(() => {
  server?.close();
});

async function call(path: string, init: RequestInit = {}): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${base}${path}`, init);
  const text = await response.text();
  return { status: response.status, body: text === '' ? undefined : JSON.parse(text) };
}

const post = (body: string): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body,
});
const paths = (body: unknown): string[] => (body as { errors: { path: string }[] }).errors.map((e) => e.path);

test('path parameters are coerced; declared 404 is sent without a body', async () => {
  assert.deepEqual(await call('/items/1'), { status: 200, body: item });
  assert.deepEqual(calls.at(-1), { method: 'getById', params: { id: 1 } });
  assert.deepEqual(await call('/items/2'), { status: 404, body: undefined });
  const bad = await call('/items/abc');
  assert.equal(bad.status, 400);
  assert.deepEqual(bad.body, {
    errors: [{ code: 'invalid-parameter', path: '/path/id', message: 'id must be an integer' }],
  });
  assert.deepEqual(paths((await call('/items/0')).body), ['/path/id']);
});

test('query parameters of every type, lists and headers are coerced; defaults filled in', async () => {
  const ref = '0b6c6f50-6d5c-4c2c-9f7e-0a3e43a3f1aa';
  const query = `color=green&tags=a&tags=b&active=true&since=2024-02-29&ratio=0.5&ref=${ref}`;
  const answer = await call(`/items?${query}`, { headers: { 'x-request-id': 'req-1' } });
  assert.equal(answer.status, 200);
  assert.deepEqual(calls.at(-1)?.params, {
    color: 'green',
    tags: ['a', 'b'],
    limit: 10,
    active: true,
    since: '2024-02-29',
    ratio: 0.5,
    ref,
    'X-Request-Id': 'req-1',
  });
  await call('/items?tags=solo', { headers: { 'x-request-id': 'r' } });
  assert.deepEqual(calls.at(-1)?.params.tags, ['solo']);
});

test('every invalid parameter is reported at once with its exact path', async () => {
  const answer = await call('/items?color=blue&limit=0&active=maybe&since=2024-13-01&ratio=x&ref=nope');
  assert.equal(answer.status, 400);
  assert.deepEqual(paths(answer.body), [
    '/query/color',
    '/query/limit',
    '/query/active',
    '/query/since',
    '/query/ratio',
    '/query/ref',
    '/header/X-Request-Id',
  ]);
});

test('bodies are validated with exact paths (422), defaults filled, declared errors typed', async () => {
  const created = await call('/items', post(JSON.stringify({ id: 5, name: 'five', price: 1.5 })));
  assert.deepEqual(created, { status: 201, body: { id: 5, name: 'five', price: 1.5, color: 'red' } });
  const invalid = await call(
    '/items',
    post(
      JSON.stringify({ id: 'x', name: '', price: -1, tags: ['a', 'b', 'c', 'd'], parts: [{ sku: '' }, {}] }),
    ),
  );
  assert.equal(invalid.status, 422);
  assert.deepEqual(paths(invalid.body).sort(), [
    '/body/id',
    '/body/name',
    '/body/parts/0/sku',
    '/body/parts/1/sku',
    '/body/price',
    '/body/tags',
  ]);
  const missing = await call('/items', post('{}'));
  assert.deepEqual(paths(missing.body).sort(), ['/body/id', '/body/name', '/body/price']);
  assert.deepEqual(await call('/items', post(JSON.stringify({ id: 9, name: 'n', price: 0 }))), {
    status: 409,
    body: { code: 'taken', existing_id: 9 },
  });
});

test('a 422 the spec declares as a list is answered with the bare list of problems', async () => {
  const answer = await call('/items/1', { ...post('{"id": 1}'), method: 'PUT' });
  assert.equal(answer.status, 422);
  assert.ok(Array.isArray(answer.body));
  assert.deepEqual((answer.body as { path: string }[]).map((p) => p.path).sort(), [
    '/body/name',
    '/body/price',
  ]);
});

test('form parameters are read from the JSON body and coerced', async () => {
  assert.equal(
    (await call('/items/3/notes', post(JSON.stringify({ note: 'hi', urgent: true })))).status,
    204,
  );
  assert.deepEqual(calls.at(-1), { method: 'postNotesById', params: { id: 3, note: 'hi', urgent: true } });
  const missing = await call('/items/3/notes', post(JSON.stringify({ urgent: 'maybe' })));
  assert.equal(missing.status, 400);
  assert.deepEqual(paths(missing.body), ['/form/note', '/form/urgent']);
});

test('malformed JSON is 400, a body over the limit 413', async () => {
  const malformed = await call('/items', post('{"id": '));
  assert.equal(malformed.status, 400);
  assert.deepEqual(paths(malformed.body), ['/body']);
  const big = await call('/items', post(JSON.stringify({ id: 1, name: 'x'.repeat(2000), price: 1 })));
  assert.equal(big.status, 413);
  assert.equal((big.body as { errors: { code: string }[] }).errors[0]?.code, 'body-too-large');
});

test('an unexpected exception is a 500 without internals; static routes win over parameters', async () => {
  const answer = await call('/items/boom');
  assert.equal(answer.status, 500);
  assert.doesNotMatch(JSON.stringify(answer.body), /secret|password|at /);
  assert.equal((answer.body as { errors: { code: string }[] }).errors[0]?.code, 'internal');
  assert.match(String(unexpected.at(-1)), /secret/);
});

test('the healthcheck of specs/common.json is mounted by default and runs the given check', async () => {
  assert.deepEqual(await call('/_internal_/healthcheck'), { status: 200, body: { status: 'healthy' } });
  healthy = false;
  assert.equal((await call('/_internal_/healthcheck')).status, 500);
  healthy = true;
});
