import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Operation, Service } from '../ir.js';
import { parseApiJson } from './api-json.js';
import { pluralize } from './plural.js';

const parse = (doc: Record<string, unknown>): Service => parseApiJson(doc, new Map()).service;
const ops = (service: Service): Operation[] => service.resources.flatMap((r) => r.operations);

describe('api.json authoring defaults', () => {
  const service = parse({
    name: 'Example Shop',
    enums: { color: { values: [{ name: 'red' }, { name: 'dark_blue', value: 'dark-blue' }] } },
    models: {
      person: {
        fields: [
          { name: 'id', type: 'long' },
          { name: 'nick', type: 'string', required: false },
        ],
      },
      order_summary: {
        fields: [
          { name: 'guid', type: 'uuid' },
          { name: 'count', type: 'integer', default: 1 },
        ],
      },
    },
    unions: {
      animal: {
        discriminator: 'kind',
        types: [
          { type: 'cat', fields: [{ name: 'id', type: 'uuid' }] },
          { type: 'dog', discriminator_value: 'DOG', fields: [{ name: 'id', type: 'uuid' }] },
        ],
      },
    },
    resources: {
      person: {
        operations: [
          { method: 'GET', path: '/:id' },
          { method: 'POST', parameters: [{ name: 'nick', type: 'string' }] },
          {
            method: 'PUT',
            path: '/:id',
            body: { type: 'person' },
            parameters: [{ name: 'dry_run', type: 'boolean', required: false }],
          },
          {
            method: 'GET',
            path: '/by-color/:color',
            parameters: [{ name: 'color', type: 'color' }],
            responses: { '200': { type: '[person]' } },
          },
        ],
      },
      animal: { operations: [{ method: 'GET', path: '/:id' }] },
      order_summary: { path: '/orders', operations: [{ method: 'DELETE', path: '/:guid' }] },
    },
  });

  const cases: { description: string; actual: () => unknown; expected: unknown }[] = [
    {
      description: 'application key from the name',
      actual: () => service.application.key,
      expected: 'example-shop',
    },
    {
      description: 'namespace from key and major version',
      actual: () => service.namespace,
      expected: 'example.shop.v0',
    },
    {
      description: 'irregular plural',
      actual: () => service.models.find((m) => m.name === 'person')?.plural,
      expected: 'people',
    },
    {
      description: 'resource path from the plural',
      actual: () => service.resources.find((r) => r.plural === 'people')?.path,
      expected: '/people',
    },
    {
      description: 'y → ies',
      actual: () => service.models.find((m) => m.name === 'order_summary')?.plural,
      expected: 'order_summaries',
    },
    {
      description: 'explicit resource path wins',
      actual: () => ops(service).find((o) => o.method === 'DELETE')?.path,
      expected: '/orders/:guid',
    },
    {
      description: 'required defaults to true',
      actual: () => service.models.find((m) => m.name === 'person')?.fields.map((f) => f.required),
      expected: [true, false],
    },
    {
      description: 'default becomes wire text',
      actual: () => service.models.find((m) => m.name === 'order_summary')?.fields[1]?.default,
      expected: '1',
    },
    {
      description: 'enum value defaults to name',
      actual: () => service.enums[0]?.values.map((v) => v.value),
      expected: ['red', 'dark-blue'],
    },
    {
      description: 'union member models are created',
      actual: () => service.models.map((m) => m.name),
      expected: ['cat', 'dog', 'order_summary', 'person'],
    },
    {
      description: 'discriminator value defaults to the type name',
      actual: () => service.unions[0]?.types.map((t) => t.discriminatorValue),
      expected: ['cat', 'DOG'],
    },
    {
      description: 'default 204 unit response',
      actual: () => ops(service)[1]?.responses,
      expected: [{ code: 204, type: { kind: 'primitive', name: 'unit' }, headers: [], attributes: [] }],
    },
    {
      description: 'path parameter type from the resource model field',
      actual: () => ops(service).find((o) => o.path === '/people/:id')?.parameters[0],
      expected: {
        name: 'id',
        type: { kind: 'primitive', name: 'long' },
        location: 'path',
        required: true,
        attributes: [],
      },
    },
    {
      description: 'path parameter type shared by all union member models',
      actual: () => ops(service).find((o) => o.path === '/animals/:id')?.parameters[0]?.type,
      expected: { kind: 'primitive', name: 'uuid' },
    },
    {
      description: 'POST without body: parameters default to form',
      actual: () => ops(service).find((o) => o.method === 'POST')?.parameters[0]?.location,
      expected: 'form',
    },
    {
      description: 'PUT with body: path first, then query',
      actual: () =>
        ops(service)
          .find((o) => o.method === 'PUT')
          ?.parameters.map((p) => `${p.name}:${p.location}`),
      expected: ['id:path', 'dry_run:query'],
    },
    {
      description: 'declared parameter named in the path moves to the path',
      actual: () =>
        ops(service)
          .find((o) => o.path === '/people/by-color/:color')
          ?.parameters.map((p) => `${p.name}:${p.location}:${p.type.kind}`),
      expected: ['color:path:enum'],
    },
    {
      description: 'resources sorted by type name',
      actual: () => service.resources.map((r) => r.plural),
      expected: ['animals', 'order_summaries', 'people'],
    },
  ];
  for (const c of cases) it(c.description, () => assert.deepEqual(c.actual(), c.expected));
});

describe('api.json types and imports', () => {
  it('parses lists, maps and qualified names once, into structures', () => {
    const service = parse({
      name: 'x',
      models: {
        a: {
          fields: [
            { name: 'f', type: 'map[[io.other.v0.models.thing]]' },
            { name: 'g', type: 'map' },
          ],
        },
      },
    });
    assert.deepEqual(
      service.models[0]?.fields.map((f) => f.type),
      [
        { kind: 'map', of: { kind: 'list', of: { kind: 'model', name: 'thing', namespace: 'io.other.v0' } } },
        { kind: 'map', of: { kind: 'primitive', name: 'string' } },
      ],
    );
  });

  it('reports unresolved imports and malformed types with their pointers', () => {
    const { diagnostics } = parseApiJson(
      {
        name: 'x',
        imports: [{ uri: 'https://example.invalid/acme/common/1.0.0/service.json' }],
        models: { a: { fields: [{ name: 'f', type: '[string' }] } },
      },
      new Map(),
    );
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.path]),
      [
        ['invalid-type', '/models/a/fields/0/type'],
        ['unresolved-import', '/imports/0/uri'],
      ],
    );
  });
});

describe('pluralize', () => {
  const cases: [string, string][] = [
    ['user', 'users'],
    ['address', 'addresses'],
    ['company', 'companies'],
    ['key', 'keys'],
    ['echo', 'echoes'],
    ['memo', 'memos'],
    ['person', 'people'],
    ['sheep', 'sheep'],
    ['order_details', 'order_detailses'],
    ['shipping_notes', 'shipping_notes'],
    ['metadata', 'metadata'],
    ['box', 'boxes'],
    ['half', 'halves'],
    ['church', 'churches'],
    ['wish', 'wishes'],
    ['quiz', 'quizes'],
    ['day', 'days'],
    ['radio', 'radios'],
    ['y', 'ys'],
    ['o', 'os'],
  ];
  for (const [word, plural] of cases) it(`${word} → ${plural}`, () => assert.equal(pluralize(word), plural));
});
