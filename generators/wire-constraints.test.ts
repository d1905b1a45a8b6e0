/**
 * Every constraint the IR holds, through the whole pipeline: an OpenAPI property is parsed into
 * the IR, the routes' JSON Schemas accept a valid value and reject an invalid one, the mock
 * generates only valid values, the diff judges a tightening by direction, the types document it
 * and the export writes the keyword back.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Ajv } from 'ajv';
import formatsModule from 'ajv-formats';
import express from 'express';
import { diff } from '../core/diff/index.js';
import type { Field, Service } from '../core/ir.js';
import { loadSpec } from '../core/load.js';
import { exportOpenApi } from '../core/openapi/export.js';
import type { GeneratedFile } from './contract.js';
import { importGenerated } from './dao-shared/testing.js';
import { generator as routesGenerator } from './express-routes/index.js';
import { bodySchemas } from './shared/json-schemas.js';
import { generator as clientGenerator } from './typescript-client/index.js';
import { generator as mockGenerator } from './typescript-mock-client/index.js';
import { generator as typesGenerator } from './typescript-types/index.js';

interface Row {
  /** The property, named after what it tests. */
  property: string;
  schema: Record<string, unknown>;
  /** What the IR field holds besides name, type, required and the lists. */
  ir: Partial<Field>;
  valid: unknown;
  invalid: unknown;
  /** A looser schema: going from it to `schema` tightens the constraint. */
  looser: Record<string, unknown>;
  /** The line the types' JSDoc carries. */
  note: string;
}

const strings = { type: 'array', items: { type: 'string' } };
const ROWS: Row[] = [
  {
    property: 'min_value',
    schema: { type: 'integer', format: 'int32', minimum: 3 },
    ir: { minimum: 3 },
    valid: 3,
    invalid: 2,
    looser: { type: 'integer', format: 'int32', minimum: 2 },
    note: 'Minimum: 3',
  },
  {
    property: 'max_value',
    schema: { type: 'integer', format: 'int32', maximum: 9 },
    ir: { maximum: 9 },
    valid: 9,
    invalid: 10,
    looser: { type: 'integer', format: 'int32' },
    note: 'Maximum: 9',
  },
  {
    property: 'min_length',
    schema: { type: 'string', minLength: 2 },
    ir: { minimum: 2 },
    valid: 'ab',
    invalid: 'a',
    looser: { type: 'string', minLength: 1 },
    note: 'Minimum: 2',
  },
  {
    property: 'max_length',
    schema: { type: 'string', maxLength: 4 },
    ir: { maximum: 4 },
    valid: 'abcd',
    invalid: 'abcde',
    looser: { type: 'string', maxLength: 5 },
    note: 'Maximum: 4',
  },
  {
    property: 'min_items',
    schema: { ...strings, minItems: 1 },
    ir: { minimum: 1 },
    valid: ['a'],
    invalid: [],
    looser: strings,
    note: 'Minimum: 1',
  },
  {
    property: 'max_items',
    schema: { ...strings, maxItems: 2 },
    ir: { maximum: 2 },
    valid: ['a', 'b'],
    invalid: ['a', 'b', 'c'],
    looser: { ...strings, maxItems: 3 },
    note: 'Maximum: 2',
  },
  {
    property: 'unique',
    schema: { ...strings, uniqueItems: true },
    ir: { uniqueItems: true },
    valid: ['a', 'b'],
    invalid: ['a', 'a'],
    looser: strings,
    note: 'Unique items',
  },
  {
    property: 'above',
    schema: { type: 'number', exclusiveMinimum: 0 },
    ir: { exclusiveMinimum: 0 },
    valid: 0.5,
    invalid: 0,
    looser: { type: 'number', exclusiveMinimum: -1 },
    note: 'Greater than: 0',
  },
  {
    property: 'below',
    schema: { type: 'number', exclusiveMaximum: 1 },
    ir: { exclusiveMaximum: 1 },
    valid: 0.5,
    invalid: 1,
    looser: { type: 'number' },
    note: 'Less than: 1',
  },
  {
    property: 'step',
    schema: { type: 'integer', format: 'int32', multipleOf: 5 },
    ir: { multipleOf: 5 },
    valid: 10,
    invalid: 7,
    looser: { type: 'integer', format: 'int32' },
    note: 'Multiple of: 5',
  },
  {
    property: 'code',
    schema: { type: 'string', pattern: '^[A-Z]{3}$' },
    ir: { pattern: '^[A-Z]{3}$' },
    valid: 'ABC',
    invalid: 'abc',
    looser: { type: 'string' },
    note: 'Pattern: ^[A-Z]{3}$',
  },
  {
    property: 'email',
    schema: { type: 'string', format: 'email' },
    ir: { format: 'email' },
    valid: 'a@example.com',
    invalid: 'not an address',
    looser: { type: 'string' },
    note: 'Format: email',
  },
  {
    property: 'fixed',
    schema: { type: 'number', const: 1 },
    ir: { const: 1 },
    valid: 1,
    invalid: 2,
    looser: { type: 'number' },
    note: 'Constant: 1',
  },
  {
    property: 'maybe',
    schema: { type: ['string', 'null'] },
    ir: { nullable: true },
    valid: null,
    invalid: 5,
    looser: { type: ['string', 'null'] },
    note: '',
  },
];

function document(
  rows: readonly Row[],
  pick: (row: Row, model: string) => Record<string, unknown>,
): Record<string, unknown> {
  const model = (name: string) => ({
    type: 'object',
    required: rows.map((r) => r.property),
    properties: Object.fromEntries(rows.map((r) => [r.property, pick(r, name)])),
  });
  const json = (schema: unknown) => ({ 'application/json': { schema } });
  return {
    openapi: '3.1.0',
    info: { title: 'wire', version: '1.0.0' },
    paths: {
      '/things': {
        get: {
          operationId: 'listThings',
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 50, multipleOf: 5 } },
            { name: 'code', in: 'query', schema: { type: 'string', pattern: '^[A-Z]{3}$' } },
            {
              name: 'ids',
              in: 'query',
              schema: { type: 'array', items: { type: 'string' }, maxItems: 2, uniqueItems: true },
            },
          ],
          responses: {
            '200': {
              description: 'the things',
              content: json({ type: 'array', items: { $ref: '#/components/schemas/thing' } }),
            },
          },
        },
        post: {
          operationId: 'createThing',
          requestBody: { required: true, content: json({ $ref: '#/components/schemas/thing_form' }) },
          responses: {
            '201': { description: 'created', content: json({ $ref: '#/components/schemas/thing' }) },
          },
        },
      },
    },
    components: { schemas: { thing: model('thing'), thing_form: model('thing_form') } },
  };
}

async function load(doc: unknown): Promise<Service> {
  const loaded = await loadSpec(JSON.stringify(doc), { file: 'wire.json' });
  assert.deepEqual(
    loaded.diagnostics.filter((d) => d.code !== 'security'),
    [],
    'the document imports cleanly',
  );
  assert.ok(loaded.service);
  return loaded.service;
}

const field = (service: Service, model: string, name: string): Field => {
  const found = service.models.find((m) => m.name === model)?.fields.find((f) => f.name === name);
  assert.ok(found, `${model}.${name}`);
  return found;
};

type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats =
  (formatsModule as unknown as { default?: FormatsPlugin }).default ??
  (formatsModule as unknown as FormatsPlugin);

/** The routes' validator of one model: the same schemas, the same Ajv settings. */
function validatorOf(service: Service, model: string) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const roots = [{ kind: 'model' as const, name: model, namespace: service.namespace }];
  ajv.addSchema(bodySchemas(service, [], roots) as object, 'canon');
  return ajv.compile({ $ref: `canon#/$defs/${service.namespace}.models.${model}` });
}

const baseline = document(ROWS, (r) => r.schema);

describe('constraints through parse, validation, mock data, diff and generation', () => {
  let service: Service;
  before(async () => {
    service = await load(baseline);
  });

  for (const row of ROWS) {
    it(`${row.property}: ${JSON.stringify(row.schema)}`, async () => {
      // parse: the IR holds it, nothing is left in the openapi attribute
      const parsed = field(service, 'thing_form', row.property);
      const held = Object.fromEntries(Object.keys(row.ir).map((k) => [k, parsed[k as keyof Field]]));
      assert.deepEqual(held, row.ir);
      assert.deepEqual(parsed.attributes, []);

      // validate: the routes' JSON Schema draws the same line
      const validate = validatorOf(service, 'thing_form');
      const sample = Object.fromEntries(ROWS.map((r) => [r.property, r.valid]));
      assert.equal(validate(sample), true, JSON.stringify(validate.errors));
      assert.equal(validate({ ...sample, [row.property]: row.invalid }), false);
      assert.deepEqual(
        validate.errors?.map((e) => e.instancePath.split('/')[1]),
        validate.errors?.map(() => row.property),
      );

      // diff: tightened on an input is breaking, on an output info
      if (JSON.stringify(row.looser) !== JSON.stringify(row.schema)) {
        const looser = await load(document(ROWS, (r) => (r === row ? r.looser : r.schema)));
        const changes = diff(looser, service).map((c) => `${c.rule} ${c.level} ${c.path}`);
        assert.deepEqual(changes.sort(), [
          `constraint-tightened info models/thing/fields/${row.property}`,
          `request-constraint-tightened breaking models/thing_form/fields/${row.property}`,
        ]);
        const loosened = diff(service, looser).map((c) => `${c.rule} ${c.level} ${c.path}`);
        assert.deepEqual(loosened.sort(), [
          `constraint-loosened info models/thing_form/fields/${row.property}`,
          `response-constraint-loosened warning models/thing/fields/${row.property}`,
        ]);
      }

      // generate: the types say it, the export writes the keyword back
      const types = typesGenerator.generate({ service, imports: [], options: {} });
      const text = types.find((f) => f.path === 'types.ts')!.contents;
      if (row.note !== '') assert.ok(text.includes(row.note), `types.ts mentions ${row.note}`);
      const exported = exportOpenApi(service, []) as {
        components: { schemas: Record<string, { properties: Record<string, Record<string, unknown>> }> };
      };
      const written = exported.components.schemas.thing_form!.properties[row.property]!;
      for (const [key, value] of Object.entries(row.schema)) assert.deepEqual(written[key], value, key);
    });
  }

  it('nullable prints as T | null, and required stays required', () => {
    const maybe = field(service, 'thing', 'maybe');
    assert.equal(maybe.required, true);
    const text = typesGenerator
      .generate({ service, imports: [], options: {} })
      .find((f) => f.path === 'types.ts')!.contents;
    assert.match(text, /\n {2}maybe: string \| null;/);
  });

  it('the mock client generates only values the routes accept, null included', async () => {
    const input = { service, imports: [], options: {} };
    const files: GeneratedFile[] = [
      ...typesGenerator.generate(input),
      ...clientGenerator.generate(input),
      ...mockGenerator.generate(input),
    ];
    const mod = await importGenerated<{
      MockClient: new (o: { seed: number }) => { sampleOf(type: string, salt: string): unknown };
    }>(files, 'mock-client.js');
    const validate = validatorOf(service, 'thing');
    const seen = new Set<unknown>();
    for (let i = 0; i < 40; i++) {
      const value = new mod.MockClient({ seed: i }).sampleOf('thing', String(i)) as Record<string, unknown>;
      assert.equal(validate(value), true, `${JSON.stringify(value)}: ${JSON.stringify(validate.errors)}`);
      seen.add(value.maybe === null ? null : typeof value.maybe);
    }
    assert.deepEqual([...seen].sort(), [null, 'string'].sort());
  });
});

describe('constraints on parameters and bodies in generated routes, over a socket', () => {
  let server: ReturnType<express.Express['listen']> | undefined;
  let base = '';
  before(async () => {
    const service = await load(baseline);
    const input = { service, imports: [], options: {} };
    const files = [
      ...typesGenerator.generate(input),
      ...routesGenerator.generate({ ...input, options: { scaffolding: false } }),
    ];
    const mod = await importGenerated<{ createRouter(services: unknown): express.Router }>(
      files,
      'routes.js',
    );
    const app = express().use(
      mod.createRouter({
        things: {
          listThings: () => ({ status: 200, body: [] }),
          createThing: (_params: unknown, body: unknown) => ({ status: 201, body }),
        },
      }),
    );
    await new Promise<void>((resolve) => {
      server = app.listen(0, '127.0.0.1', () => resolve());
    });
    base = `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
  });
  after(() => server?.close());

  const problems = async (response: Response) =>
    ((await response.json()) as { errors: { path: string; message: string }[] }).errors.map(
      (e) => `${e.path}: ${e.message}`,
    );

  it('accepts parameters within their constraints', async () => {
    const response = await fetch(`${base}/things?limit=45&code=ABC&ids=a&ids=b`);
    assert.equal(response.status, 200);
  });

  it('rejects each broken parameter constraint, all at once, with what was expected', async () => {
    const response = await fetch(`${base}/things?limit=7&code=abc&ids=a&ids=a&ids=b`);
    assert.equal(response.status, 400);
    assert.deepEqual(await problems(response), [
      '/query/limit: limit must be a multiple of 5',
      '/query/code: code must be text matching ^[A-Z]{3}$',
      '/query/ids: ids must have at most 2 values',
      '/query/ids: ids must have no repeated values',
    ]);
  });

  it('rejects a body that breaks a field constraint, naming the field', async () => {
    const valid = Object.fromEntries(ROWS.map((r) => [r.property, r.valid]));
    const post = (body: unknown) =>
      fetch(`${base}/things`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    assert.equal((await post(valid)).status, 201);
    const response = await post({ ...valid, code: 'abc', max_items: ['a', 'b', 'c'] });
    assert.equal(response.status, 422);
    const paths = (await problems(response)).map((p) => p.split(':')[0]);
    assert.deepEqual(paths.sort(), ['/body/code', '/body/max_items']);
  });
});
