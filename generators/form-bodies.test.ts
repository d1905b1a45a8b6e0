/**
 * Request bodies declared `application/x-www-form-urlencoded` or `multipart/form-data` (417 of
 * Stripe's operations) travel as declared: the generated client encodes them, with bracket keys
 * for nested values, and the generated routes read url-encoded ones back, typed.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import type { Service } from '../core/ir.js';
import { loadSpec } from '../core/load.js';
import { exportOpenApi } from '../core/openapi/export.js';
import type { GeneratedFile } from './contract.js';
import { importGenerated } from './dao-shared/testing.js';
import { generator as routesGenerator } from './express-routes/index.js';
import { generator as clientGenerator } from './typescript-client/index.js';
import { generator as typesGenerator } from './typescript-types/index.js';

const form = (schema: object, encoding: object) => ({
  required: true,
  content: { 'application/x-www-form-urlencoded': { schema, encoding } },
});
// As Stripe declares its nested fields; a field without an entry (tags) takes OpenAPI's default.
const deep = { style: 'deepObject', explode: true };
const ok = { '200': { description: 'ok' } };

const DOC = {
  openapi: '3.0.3',
  info: { title: 'billing', version: '1.0.0' },
  paths: {
    '/customers': {
      post: {
        operationId: 'PostCustomers',
        requestBody: form(
          {
            type: 'object',
            required: ['email'],
            properties: {
              email: { type: 'string' },
              balance: { type: 'integer' },
              metadata: { type: 'object', additionalProperties: { type: 'string' } },
              expand: { type: 'array', items: { type: 'string' } },
              tags: { type: 'array', items: { type: 'string' } },
              items: {
                type: 'array',
                items: {
                  title: 'item',
                  type: 'object',
                  properties: { price: { type: 'string' }, quantity: { type: 'integer' } },
                },
              },
            },
          },
          { metadata: deep, expand: deep, items: deep },
        ),
        responses: ok,
      },
    },
    '/files': {
      post: {
        operationId: 'PostFiles',
        requestBody: {
          required: true,
          content: {
            'multipart/form-data': {
              schema: {
                type: 'object',
                properties: { purpose: { type: 'string' }, file: { type: 'string', format: 'binary' } },
              },
            },
          },
        },
        responses: ok,
      },
    },
  },
};

interface Seen {
  type: string | undefined;
  body: string;
}

let service: Service;
let files: GeneratedFile[];
let raw: Server;
let rawBase = '';
const seen: Seen[] = [];
let routes: ReturnType<express.Express['listen']>;
let routesBase = '';
const received: unknown[] = [];

type Client = {
  customers: { postCustomers(params: object): Promise<unknown> };
  files: { postFiles(params: object): Promise<unknown> };
};
const client = async (baseUrl: string) =>
  (await importGenerated<{ createClient(o: object): Client }>(files, 'client.js')).createClient({ baseUrl });

before(async () => {
  const loaded = await loadSpec(JSON.stringify(DOC), { file: 'billing.json' });
  assert.deepEqual(
    loaded.diagnostics.map((d) => d.code),
    ['multipart-body'],
  );
  service = loaded.service!;
  const input = { service, imports: [], options: {} };
  files = [
    ...typesGenerator.generate(input),
    ...clientGenerator.generate(input),
    ...routesGenerator.generate({ ...input, options: { scaffolding: false } }),
  ];
  raw = createServer((req, res) => {
    let body = '';
    req.setEncoding('latin1');
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      seen.push({ type: req.headers['content-type'], body });
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
  rawBase = `http://127.0.0.1:${(raw.address() as AddressInfo).port}`;
  const mod = await importGenerated<{ createRouter(services: unknown): express.Router }>(files, 'routes.js');
  const app = express().use(
    mod.createRouter({
      customers: {
        postCustomers: (params: unknown) => {
          received.push(params);
          return { status: 200 };
        },
      },
      files: { postFiles: () => ({ status: 200 }) },
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

const customer = {
  email: 'a@example.com',
  balance: 5,
  metadata: { plan: 'pro' },
  expand: ['default_source'],
  tags: ['vip', 'eu'],
  items: [{ price: 'price_1', quantity: 2 }],
};

describe('form bodies as declared', () => {
  it('the IR says how the form travels, and the export writes the same media type back', () => {
    const encodings = service.resources.flatMap((r) => r.operations.map((o) => o.formEncoding));
    assert.deepEqual(encodings.sort(), ['multipart', 'urlencoded']);
    const exported = exportOpenApi(service, []) as {
      paths: Record<string, { post: { requestBody: { content: object } } }>;
    };
    assert.deepEqual(Object.keys(exported.paths['/files']!.post.requestBody.content), [
      'multipart/form-data',
    ]);
  });

  it("the IR keeps each form field's encoding, and the export writes it back", () => {
    const op = service.resources.flatMap((r) => r.operations).find((o) => o.path === '/customers');
    assert.deepEqual(
      op?.parameters.map((p) => [p.name, p.style, p.explode]),
      [
        ['email', undefined, undefined],
        ['balance', undefined, undefined],
        ['metadata', 'deepObject', true],
        ['expand', 'deepObject', true],
        ['tags', undefined, undefined],
        ['items', 'deepObject', true],
      ],
    );
    const exported = exportOpenApi(service, []) as {
      paths: Record<string, { post: { requestBody: { content: Record<string, { encoding?: object }> } } }>;
    };
    assert.deepEqual(
      {
        ...exported.paths['/customers']!.post.requestBody.content['application/x-www-form-urlencoded']!
          .encoding,
      },
      { metadata: deep, expand: deep, items: deep },
    );
  });

  it('the client url-encodes form parameters in their encodings: deepObject with bracket keys, the default form with repeated keys', async () => {
    await (await client(rawBase)).customers.postCustomers(customer);
    const last = seen.at(-1)!;
    assert.equal(last.type, 'application/x-www-form-urlencoded');
    assert.equal(
      decodeURIComponent(last.body),
      'email=a@example.com&balance=5&metadata[plan]=pro&expand[]=default_source&tags=vip&tags=eu&items[0][price]=price_1&items[0][quantity]=2',
    );
  });

  it('the client sends multipart/form-data with a Blob as a file part', async () => {
    const file = new Blob(['hello'], { type: 'text/plain' });
    await (await client(rawBase)).files.postFiles({ purpose: 'dispute_evidence', file });
    const last = seen.at(-1)!;
    assert.match(last.type ?? '', /^multipart\/form-data; boundary=/);
    assert.match(last.body, /name="purpose"\r\n\r\ndispute_evidence\r\n/);
    assert.match(last.body, /name="file"; filename="blob"\r\nContent-Type: text\/plain\r\n\r\nhello\r\n/);
  });

  it('the generated routes read what the generated client url-encodes, typed', async () => {
    await (await client(routesBase)).customers.postCustomers(customer);
    assert.deepEqual(received.at(-1), customer);
  });

  it('the routes refuse a url-encoded value of the wrong type, naming the form field', async () => {
    const response = await fetch(`${routesBase}/customers`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a&items[0][quantity]=many',
    });
    assert.equal(response.status, 400);
    const body = (await response.json()) as { errors: { path: string }[] };
    assert.deepEqual(
      body.errors.map((e) => e.path),
      ['/form/items/0/quantity'],
    );
  });
});
