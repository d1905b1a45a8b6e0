import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { corpusPath } from '../../test/paths.js';
import type { Service } from '../ir.js';
import { loadSpec } from '../load.js';
import { exportOpenApi } from './export.js';
import { importOpenApi } from './import.js';
import { openApi31Errors, openApiStructureErrors } from './testing.js';

const ns = 'io.example.shop.v1';
const t = (kind: 'model' | 'enum' | 'union', name: string) => ({ kind, name, namespace: ns });
const str = { kind: 'primitive', name: 'string' } as const;

/** A small service with every kind of element and API Builder's three union wire forms. */
const shop: Service = {
  name: 'shop',
  organization: { key: 'example' },
  application: { key: 'shop' },
  namespace: ns,
  version: '1.0.0',
  info: { license: { name: 'MIT' } },
  baseUrl: 'https://shop.example.com',
  headers: [{ name: 'X-Shop', type: str, required: false, attributes: [] }],
  imports: [],
  enums: [
    {
      name: 'size',
      plural: 'sizes',
      values: [
        { name: 'small', value: 'S', attributes: [] },
        { name: 'large', value: 'large', attributes: [] },
      ],
      attributes: [],
    },
  ],
  interfaces: [
    {
      name: 'item',
      plural: 'items',
      fields: [{ name: 'id', type: str, required: true, annotations: [], attributes: [] }],
      attributes: [],
    },
  ],
  models: [
    {
      name: 'shirt',
      plural: 'shirts',
      interfaces: ['item'],
      fields: [
        { name: 'id', type: str, required: true, annotations: ['personal_data'], attributes: [] },
        {
          name: 'size',
          type: t('enum', 'size'),
          required: false,
          default: 'S',
          annotations: [],
          attributes: [],
        },
        {
          name: 'count',
          type: { kind: 'primitive', name: 'long' },
          required: true,
          default: '1',
          minimum: 0,
          annotations: [],
          attributes: [],
          deprecation: { description: 'use quantity' },
        },
        {
          name: 'price',
          type: { kind: 'primitive', name: 'decimal' },
          required: false,
          default: '1.50',
          annotations: [],
          attributes: [],
        },
      ],
      attributes: [{ name: 'db', value: { table: 'shirts' } }],
    },
    { name: 'hat', plural: 'hats', interfaces: [], fields: [], attributes: [] },
  ],
  unions: [
    {
      name: 'garment',
      plural: 'garments',
      discriminator: 'type',
      types: [
        { type: t('model', 'shirt'), discriminatorValue: 'shirt', default: true, attributes: [] },
        { type: str, discriminatorValue: 'note', default: false, attributes: [] },
      ],
      interfaces: [],
      attributes: [],
    },
    {
      name: 'wrapped',
      plural: 'wrappeds',
      types: [
        { type: t('model', 'hat'), discriminatorValue: 'hat', default: false, attributes: [] },
        {
          type: { kind: 'primitive', name: 'integer' },
          discriminatorValue: 'integer',
          default: false,
          attributes: [],
        },
      ],
      interfaces: [],
      attributes: [],
    },
  ],
  resources: [
    {
      type: t('model', 'shirt'),
      plural: 'shirts',
      path: '/shirts',
      operations: [
        {
          method: 'GET',
          path: '/shirts/:id',
          parameters: [
            { name: 'id', type: str, location: 'path', required: true, attributes: [] },
            {
              name: 'limit',
              type: { kind: 'primitive', name: 'integer' },
              location: 'query',
              required: true,
              default: '10',
              maximum: 100,
              attributes: [],
            },
          ],
          responses: [
            {
              code: 200,
              type: t('model', 'shirt'),
              headers: [{ name: 'ETag', type: str, required: true, attributes: [] }],
              attributes: [],
            },
            { code: 404, type: { kind: 'primitive', name: 'unit' }, headers: [], attributes: [] },
            { code: 'default', type: t('union', 'garment'), headers: [], attributes: [] },
          ],
          attributes: [],
        },
        {
          method: 'POST',
          path: '/shirts',
          body: { type: t('model', 'shirt'), attributes: [] },
          parameters: [],
          responses: [{ code: 201, type: t('model', 'shirt'), headers: [], attributes: [] }],
          attributes: [],
        },
        {
          method: 'PUT',
          path: '/shirts/:id/size',
          parameters: [
            { name: 'id', type: str, location: 'path', required: true, attributes: [] },
            { name: 'size', type: t('enum', 'size'), location: 'form', required: true, attributes: [] },
          ],
          responses: [{ code: 204, type: { kind: 'primitive', name: 'unit' }, headers: [], attributes: [] }],
          attributes: [],
        },
      ],
      attributes: [],
    },
  ],
  annotations: [{ name: 'personal_data' }],
  attributes: [],
};

function roundTrip(service: Service, imports: Service[] = []) {
  const doc = JSON.parse(JSON.stringify(exportOpenApi(service, imports))) as Record<string, unknown>;
  return { doc, back: importOpenApi(doc, {}) };
}

describe('exportOpenApi', () => {
  it('writes a valid OpenAPI 3.1 document that imports back to the same IR', () => {
    const { doc, back } = roundTrip(shop);
    assert.deepEqual(openApi31Errors(doc), []);
    assert.deepEqual(openApiStructureErrors(doc), []);
    assert.deepEqual(back.diagnostics, []);
    assert.deepEqual(JSON.parse(JSON.stringify(back.service)), JSON.parse(JSON.stringify(shop)));
  });

  it('spells out union wire forms and typed defaults for other tools', () => {
    const { doc } = roundTrip(shop);
    const schemas = (doc.components as { schemas: Record<string, Record<string, unknown>> }).schemas;
    assert.deepEqual(schemas.garment!.discriminator, {
      propertyName: 'type',
      mapping: { shirt: '#/components/schemas/shirt' },
    });
    assert.deepEqual((schemas.garment!.oneOf as unknown[])[1], {
      type: 'object',
      properties: { type: { const: 'note' }, value: { type: 'string' } },
      required: ['type', 'value'],
    });
    assert.deepEqual((schemas.wrapped!.oneOf as unknown[])[0], {
      type: 'object',
      properties: { hat: { $ref: '#/components/schemas/hat' } },
      required: ['hat'],
      additionalProperties: false,
    });
    const shirt = schemas.shirt!.properties as Record<string, Record<string, unknown>>;
    assert.equal(shirt.count!.default, 1);
    assert.equal(shirt.price!.default, 1.5);
    assert.deepEqual(shirt.price!['x-canon'], { default: '1.50' });
    const paths = doc.paths as Record<string, Record<string, Record<string, unknown>>>;
    assert.deepEqual(Object.keys(paths), ['/shirts/{id}', '/shirts', '/shirts/{id}/size']);
    assert.ok((paths['/shirts/{id}/size']!.put!.requestBody as { content: object }).content);
  });

  it('carries the imported types a service uses under their qualified names, transitively', () => {
    const common: Service = {
      ...shop,
      name: 'common',
      namespace: 'io.example.common.v0',
      headers: [],
      enums: [
        {
          name: 'currency',
          plural: 'currencies',
          values: [{ name: 'EUR', value: 'EUR', attributes: [] }],
          attributes: [],
        },
      ],
      models: [
        {
          name: 'money',
          plural: 'money',
          interfaces: [],
          fields: [
            {
              name: 'currency',
              type: { kind: 'enum', name: 'currency', namespace: 'io.example.common.v0' },
              required: true,
              annotations: [],
              attributes: [],
            },
          ],
          attributes: [],
        },
      ],
      unions: [],
      interfaces: [],
      resources: [],
      annotations: [],
    };
    const priced: Service = {
      ...shop,
      models: [
        {
          name: 'price',
          plural: 'prices',
          interfaces: [],
          fields: [
            {
              name: 'amount',
              type: { kind: 'model', name: 'money', namespace: 'io.example.common.v0' },
              required: true,
              annotations: [],
              attributes: [],
            },
          ],
          attributes: [],
        },
      ],
      enums: [],
      unions: [],
      interfaces: [],
      resources: [],
    };
    const { doc, back } = roundTrip(priced, [common]);
    const schemas = (doc.components as { schemas: Record<string, Record<string, unknown>> }).schemas;
    assert.deepEqual(Object.keys(schemas).sort(), [
      'io.example.common.v0.enums.currency',
      'io.example.common.v0.models.money',
      'price',
    ]);
    assert.deepEqual(openApi31Errors(doc), []);
    assert.deepEqual(openApiStructureErrors(doc), []);
    assert.deepEqual(JSON.parse(JSON.stringify(back.service)), JSON.parse(JSON.stringify(priced)));
  });

  const files = ['apibuilder/spec', 'apibuilder-generator', 'flow'].flatMap((dir) =>
    readdirSync(corpusPath(dir))
      .filter((f) => f.endsWith('.json'))
      .map((f) => `${dir}/${f}`),
  );
  for (const file of files) {
    it(`round-trips ${file}: api.json → OpenAPI 3.1 (valid) → IR equals the original`, async () => {
      const loaded = await loadSpec(readFileSync(corpusPath(file), 'utf8'), { file });
      assert.ok(loaded.service);
      const { doc, back } = roundTrip(loaded.service, loaded.imports);
      assert.deepEqual(openApi31Errors(doc), []);
      assert.deepEqual(openApiStructureErrors(doc).slice(0, 5), []);
      assert.deepEqual(JSON.parse(JSON.stringify(back.service)), JSON.parse(JSON.stringify(loaded.service)));
    });
  }
});
