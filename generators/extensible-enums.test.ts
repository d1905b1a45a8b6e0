/**
 * `x-extensible-enum` (Zalando's guideline, oasdiff's rules): the listed values are the known ones
 * and consumers must accept others. Parsed into an extensible enum, exported back as it was, typed
 * so that known values complete and any other string still compiles, and accepted by the routes.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import type { Service } from '../core/ir.js';
import { loadSpec } from '../core/load.js';
import { writeApiJson } from '../core/openapi/api-json-writer.js';
import { exportOpenApi } from '../core/openapi/export.js';
import type { GeneratedFile } from './contract.js';
import { driverTypeOptions, importGenerated } from './dao-shared/testing.js';
import { generator as routesGenerator } from './express-routes/index.js';
import { typeCheck } from './testing/compile.js';
import { generator as typesGenerator } from './typescript-types/index.js';

const DOC = {
  openapi: '3.0.3',
  info: { title: 'shop', version: '1.0.0' },
  paths: {
    '/orders': {
      post: {
        operationId: 'CreateOrder',
        parameters: [{ name: 'channel', in: 'query', schema: { $ref: '#/components/schemas/channel' } }],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/order' } } },
        },
        responses: { '204': { description: 'accepted' } },
      },
    },
  },
  components: {
    schemas: {
      order: {
        type: 'object',
        required: ['status'],
        properties: { status: { type: 'string', 'x-extensible-enum': ['open', 'paid'] } },
      },
      channel: { type: 'string', 'x-extensible-enum': ['web', 'store'] },
    },
  },
};

let service: Service;
let files: GeneratedFile[];
let server: ReturnType<express.Express['listen']>;
let base = '';
const received: unknown[] = [];

before(async () => {
  const loaded = await loadSpec(JSON.stringify(DOC), { file: 'shop.json' });
  assert.deepEqual(loaded.diagnostics, []);
  service = loaded.service!;
  const input = { service, imports: [], options: {} };
  files = [
    ...typesGenerator.generate(input),
    ...routesGenerator.generate({ ...input, options: { scaffolding: false } }),
  ];
  const mod = await importGenerated<{ createRouter(services: unknown): express.Router }>(files, 'routes.js');
  const app = express().use(
    mod.createRouter({
      orders: {
        createOrder: (params: unknown, body: unknown) => {
          received.push({ params, body });
          return { status: 204 };
        },
      },
    }),
  );
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => server.close());

describe('x-extensible-enum', () => {
  it('is an extensible enum in the IR, written back as x-extensible-enum', () => {
    assert.deepEqual(
      service.enums.map((e) => [e.name, e.values.map((v) => v.value), e.extensible]),
      [
        ['order_status', ['open', 'paid'], true],
        ['channel', ['web', 'store'], true],
      ],
    );
    const exported = exportOpenApi(service, []) as { components: { schemas: Record<string, object> } };
    assert.deepEqual(exported.components.schemas.channel, {
      type: 'string',
      'x-extensible-enum': ['web', 'store'],
      'x-canon': { plural: 'channels' },
    });
  });

  it('canon convert --to api.json keeps it open through the openapi attribute', async () => {
    const back = await loadSpec(JSON.stringify(writeApiJson(service)), { file: 'shop-api.json' });
    assert.deepEqual(
      back.service?.enums.map((e) => [e.name, e.extensible]),
      [
        ['channel', true],
        ['order_status', true],
      ],
    );
  });

  it('types the known values and accepts any other string', () => {
    const types = files.find((f) => f.path === 'types.ts')!.contents;
    assert.match(types, /export type Channel = 'web' \| 'store' \| \(string & \{\}\);/);
    const consumer = `import type { Channel, OrderStatus } from './types.js';
export const known: Channel = 'web';
export const other: Channel = 'phone';
export const status: OrderStatus = 'shipped';
`;
    const checked = typeCheck(new Map([['out', [...files, { path: 'consumer.ts', contents: consumer }]]]), {
      ...driverTypeOptions(),
    });
    assert.deepEqual(checked.errors, []);
  });

  it('the routes accept values the enum does not list, in the body and in the query', async () => {
    const response = await fetch(`${base}/orders?channel=phone`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'shipped' }),
    });
    assert.equal(response.status, 204);
    assert.deepEqual(received.at(-1), { params: { channel: 'phone' }, body: { status: 'shipped' } });
  });
});
