/**
 * Constraints of list items and map values (a field's `items`), found by the wire conformance
 * suite on Kubernetes' `data` maps of `format: byte`: the routes' JSON Schemas check them and the
 * mock client answers values that keep them.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';
import express from 'express';
import type { Service } from '../core/ir.js';
import { loadSpec } from '../core/load.js';
import type { GeneratedFile } from './contract.js';
import { importGenerated } from './dao-shared/testing.js';
import { generator as routesGenerator } from './express-routes/index.js';
import { bodySchemas } from './shared/json-schemas.js';
import { generator as clientGenerator } from './typescript-client/index.js';
import { generator as mockGenerator } from './typescript-mock-client/index.js';
import { generator as typesGenerator } from './typescript-types/index.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const DOC = {
  openapi: '3.0.3',
  info: { title: 'config', version: '1.0.0' },
  paths: {
    '/maps': {
      get: {
        operationId: 'ListMaps',
        parameters: [{ name: 'tag', in: 'query', schema: { type: 'array', maxItems: 2, items: ref('tag') } }],
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { type: 'array', items: ref('config_map') } } },
          },
        },
      },
      post: {
        operationId: 'CreateMap',
        requestBody: { required: true, content: { 'application/json': { schema: ref('config_map') } } },
        responses: {
          '200': { description: 'ok', content: { 'application/json': { schema: ref('config_map') } } },
        },
      },
    },
  },
  components: {
    schemas: {
      config_map: {
        type: 'object',
        required: ['data', 'tags'],
        properties: {
          data: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } },
          tags: { type: 'array', items: ref('tag') },
        },
      },
      tag: { type: 'string', minLength: 2, maxLength: 8, pattern: '^[a-z]+$' },
    },
  },
};

type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats: FormatsPlugin =
  (formatsModule as unknown as { default?: FormatsPlugin }).default ??
  (formatsModule as unknown as FormatsPlugin);

let service: Service;
let files: GeneratedFile[];
let server: ReturnType<express.Express['listen']>;
let base = '';

before(async () => {
  const loaded = await loadSpec(JSON.stringify(DOC), { file: 'config.json' });
  service = loaded.service!;
  const input = { service, imports: [], options: {} };
  files = [
    ...typesGenerator.generate(input),
    ...clientGenerator.generate(input),
    ...mockGenerator.generate(input),
    ...routesGenerator.generate({ ...input, options: { scaffolding: false } }),
  ];
  const mod = await importGenerated<{ createRouter(services: unknown): express.Router }>(files, 'routes.js');
  const app = express().use(
    mod.createRouter({
      maps: {
        createMap: (_p: unknown, body: unknown) => ({ status: 200, body }),
        listMaps: () => ({ status: 200, body: [] }),
      },
    }),
  );
  await new Promise<void>((resolve) => {
    server = app.listen(0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => server.close());

describe('constraints of list items and map values', () => {
  it('the routes refuse an item or a value that breaks them, naming it', async () => {
    const post = (body: object) =>
      fetch(`${base}/maps`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    assert.equal((await post({ data: { a: 'YWRh' }, tags: ['ok'] })).status, 200);
    const bad = await post({ data: { a: 'not base64!' }, tags: ['ok', 'UPPER', 'x'] });
    assert.equal(bad.status, 422);
    const { errors } = (await bad.json()) as { errors: { path: string }[] };
    assert.deepEqual(errors.map((e) => e.path).sort(), ['/body/data/a', '/body/tags/1', '/body/tags/2']);
  });

  it("the routes check each item of a list parameter, and the list's own count", async () => {
    assert.deepEqual(service.resources[0]?.operations[0]?.parameters[0]?.items, {
      minimum: 2,
      maximum: 8,
      pattern: '^[a-z]+$',
    });
    assert.equal((await fetch(`${base}/maps?tag=ab&tag=cd`)).status, 200);
    const bad = await fetch(`${base}/maps?tag=ab&tag=X&tag=toolongtag`);
    assert.equal(bad.status, 400);
    const { errors } = (await bad.json()) as { errors: { path: string }[] };
    assert.deepEqual(errors.map((e) => e.path).sort(), ['/query/tag', '/query/tag/1', '/query/tag/2']);
  });

  it('the mock client answers values that keep them', async () => {
    const mod = await importGenerated<{
      MockClient: new (o: { seed: number }) => { sampleOf(type: string, salt: string): unknown };
    }>(files, 'mock-client.js');
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    const roots = [{ kind: 'model' as const, name: 'config_map', namespace: service.namespace }];
    ajv.addSchema(bodySchemas(service, [], roots) as object, 'canon');
    const validate = ajv.compile({ $ref: `canon#/$defs/${service.namespace}.models.config_map` });
    for (let seed = 1; seed <= 20; seed++) {
      const value = new mod.MockClient({ seed }).sampleOf('config_map', 'x');
      assert.equal(validate(value), true, `${JSON.stringify(value)} ${JSON.stringify(validate.errors)}`);
    }
  });
});
