/**
 * OpenAPI's untagged unions and parameter styles as they are on the wire, in Stripe's shapes:
 * a response that is `Customer | DeletedCustomer`, a query parameter `created` that is
 * `RangeQuerySpecs | number` in `deepObject` style, `expand[]` lists, delimited lists. The
 * generated client calls the generated routes over a socket; a plain server records the raw URL.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Ajv } from 'ajv';
import express from 'express';
import type { Service } from '../core/ir.js';
import { loadSpec } from '../core/load.js';
import type { GeneratedFile } from './contract.js';
import { driverTypeOptions, importGenerated } from './dao-shared/testing.js';
import { generator as routesGenerator } from './express-routes/index.js';
import { bodySchemas } from './shared/json-schemas.js';
import { typeCheck } from './testing/compile.js';
import { generator as clientGenerator } from './typescript-client/index.js';
import { generator as mockGenerator } from './typescript-mock-client/index.js';
import { generator as typesGenerator } from './typescript-types/index.js';

const json = (schema: unknown) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const strings = { type: 'array', items: { type: 'string' } };

const SHOP = {
  openapi: '3.0.3',
  info: { title: 'shop', version: '1.0.0' },
  paths: {
    '/customers': {
      get: {
        operationId: 'GetCustomers',
        parameters: [
          {
            name: 'created',
            in: 'query',
            style: 'deepObject',
            explode: true,
            schema: {
              anyOf: [
                {
                  title: 'range_query_specs',
                  type: 'object',
                  properties: { gt: { type: 'integer' }, gte: { type: 'integer' } },
                },
                { type: 'integer' },
              ],
            },
          },
          { name: 'expand', in: 'query', style: 'deepObject', explode: true, schema: strings },
          { name: 'ids', in: 'query', style: 'pipeDelimited', explode: false, schema: strings },
          { name: 'tags', in: 'query', style: 'form', explode: false, schema: strings },
          { name: 'words', in: 'query', style: 'spaceDelimited', explode: false, schema: strings },
          { name: 'limit', in: 'query', style: 'form', schema: { type: 'integer' } },
        ],
        responses: { '200': { description: 'ok', content: json({ type: 'array', items: ref('customer') }) } },
      },
    },
    '/customers/{customer}': {
      get: {
        operationId: 'GetCustomersCustomer',
        parameters: [{ name: 'customer', in: 'path', required: true, schema: { type: 'string' } }],
        responses: {
          '200': {
            description: 'ok',
            content: json({ anyOf: [ref('customer'), ref('deleted_customer')] }),
          },
        },
      },
    },
  },
  components: {
    schemas: {
      customer: {
        type: 'object',
        required: ['id', 'email'],
        properties: { id: { type: 'string' }, email: { type: 'string', nullable: true } },
      },
      deleted_customer: {
        type: 'object',
        required: ['id', 'deleted'],
        properties: { id: { type: 'string' }, deleted: { type: 'boolean' } },
      },
    },
  },
};

let service: Service;
let files: GeneratedFile[];

before(async () => {
  const loaded = await loadSpec(JSON.stringify(SHOP), { file: 'shop.json' });
  assert.deepEqual(loaded.diagnostics, [], 'untagged unions and these styles import without a warning');
  service = loaded.service!;
  const input = { service, imports: [], options: {} };
  files = [
    ...typesGenerator.generate(input),
    ...clientGenerator.generate(input),
    ...mockGenerator.generate(input),
    ...routesGenerator.generate({ ...input, options: { scaffolding: false } }),
  ];
});

type Client = {
  customers: {
    getCustomers(params: object): Promise<unknown>;
    getCustomersCustomer(params: object): Promise<unknown>;
  };
};

describe('untagged unions are typed as their bare members', () => {
  it('the IR says untagged; the types print Customer | DeletedCustomer and RangeQuerySpecs | number', () => {
    assert.equal(
      service.unions.every((u) => u.untagged === true),
      true,
    );
    const types = files.find((f) => f.path === 'types.ts')!.contents;
    assert.match(types, /export type GetCustomersCustomerResponse200 = Customer \| DeletedCustomer;/);
    assert.match(types, /export type GetCustomersCreated = RangeQuerySpecs \| number;/);
    assert.match(types, /\n {2}email: string \| null;/);
  });

  it('a strict consumer reads c.email after narrowing, without a cast; the wrapped form no longer compiles', () => {
    const consumer = [
      "import { createClient } from './client.js';",
      "const client = createClient({ baseUrl: 'http://127.0.0.1:1' });",
      'export async function email(id: string): Promise<string | null | undefined> {',
      '  const c = await client.customers.getCustomersCustomer({ customer: id });',
      "  if ('deleted' in c) return undefined;",
      '  return c.email;',
      '}',
      'export function query(): Promise<unknown> {',
      '  return client.customers.getCustomers({ created: { gte: 1 }, expand: ["a"] }).then(() =>',
      '    client.customers.getCustomers({ created: 1700000000 }),',
      '  );',
      '}',
    ].join('\n');
    const wrapped = [
      "import type { GetCustomersCustomerResponse200 } from './types.js';",
      'export const read = (c: GetCustomersCustomerResponse200) => c.customer.email;',
    ].join('\n');
    const ok = typeCheck(new Map([['out', [...files, { path: 'consumer.ts', contents: consumer }]]]), {
      ...driverTypeOptions(),
    });
    assert.deepEqual(ok.errors, []);
    const bad = typeCheck(new Map([['out', [...files, { path: 'wrapped.ts', contents: wrapped }]]]), {
      ...driverTypeOptions(),
    });
    assert.match(bad.errors.join('\n'), /wrapped\.ts.*customer/);
  });

  it('the mock client answers with bare members the JSON Schema accepts', async () => {
    const mod = await importGenerated<{
      MockClient: new (o: { seed: number }) => { sampleOf(type: string, salt: string): unknown };
    }>(files, 'mock-client.js');
    const name = 'GetCustomersCustomer_response_200';
    const ajv = new Ajv({ strict: false });
    const roots = [{ kind: 'union' as const, name, namespace: service.namespace }];
    ajv.addSchema(bodySchemas(service, [], roots) as object, 'canon');
    const validate = ajv.compile({ $ref: `canon#/$defs/${service.namespace}.unions.${name}` });
    const shapes = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const value = new mod.MockClient({ seed }).sampleOf(name, 'x') as Record<string, unknown>;
      assert.equal(validate(value), true, JSON.stringify(value));
      assert.equal(typeof value.id, 'string', 'a member, not a wrapper');
      shapes.add('deleted' in value ? 'deleted_customer' : 'customer');
    }
    assert.deepEqual([...shapes].sort(), ['customer', 'deleted_customer']);
  });
});

describe('query parameters in their declared styles', () => {
  let raw: Server;
  let rawBase = '';
  const urls: string[] = [];
  let routes: ReturnType<express.Express['listen']>;
  let routesBase = '';
  const received: unknown[] = [];

  before(async () => {
    raw = createServer((req, res) => {
      urls.push(req.url!);
      res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    rawBase = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
    const mod = await importGenerated<{ createRouter(services: unknown): express.Router }>(
      files,
      'routes.js',
    );
    const app = express().use(
      mod.createRouter({
        customers: {
          getCustomers: (params: unknown) => {
            received.push(params);
            return { status: 200, body: [] };
          },
          getCustomersCustomer: () => ({ status: 200, body: { id: 'cus_1', email: null } }),
        },
      }),
    );
    await new Promise<void>((resolve) => {
      routes = app.listen(0, '127.0.0.1', () => resolve());
    });
    routesBase = `http://127.0.0.1:${(routes.address() as AddressInfo).port}`;
  });
  after(() => {
    raw.close();
    routes.close();
  });

  const client = async (baseUrl: string) =>
    (await importGenerated<{ createClient(o: object): Client }>(files, 'client.js')).createClient({
      baseUrl,
    });

  it('the client writes deepObject, delimited and form lists exactly as declared', async () => {
    const c = await client(rawBase);
    await c.customers.getCustomers({
      created: { gte: 1700000000 },
      expand: ['data.customer', 'data.invoice'],
      ids: ['a', 'b'],
      tags: ['x', 'y'],
      words: ['p', 'q'],
      limit: 3,
    });
    await c.customers.getCustomers({ created: 1700000000 });
    assert.deepEqual(urls.map(decodeURIComponent), [
      '/customers?created[gte]=1700000000&expand[]=data.customer&expand[]=data.invoice&ids=a|b&tags=x,y&words=p+q&limit=3',
      '/customers?created=1700000000',
    ]);
  });

  it('the generated routes read what the generated client writes, typed', async () => {
    const c = await client(routesBase);
    await c.customers.getCustomers({
      created: { gte: 1700000000, gt: 5 },
      expand: ['data.customer'],
      ids: ['a', 'b'],
      tags: ['x', 'y'],
      words: ['p', 'q'],
      limit: 3,
    });
    await c.customers.getCustomers({ created: 1700000000 });
    assert.deepEqual(received, [
      {
        created: { gte: 1700000000, gt: 5 },
        expand: ['data.customer'],
        ids: ['a', 'b'],
        tags: ['x', 'y'],
        words: ['p', 'q'],
        limit: 3,
      },
      { created: 1700000000 },
    ]);
    assert.deepEqual(await c.customers.getCustomersCustomer({ customer: 'cus_1' }), {
      id: 'cus_1',
      email: null,
    });
  });

  it('the routes refuse a structured parameter that fits no member, saying where', async () => {
    const response = await fetch(`${routesBase}/customers?created[gte]=soon`);
    assert.equal(response.status, 400);
    const body = (await response.json()) as { errors: { path: string }[] };
    assert.ok(
      body.errors.some((e) => e.path.startsWith('/query/created')),
      JSON.stringify(body),
    );
  });
});
