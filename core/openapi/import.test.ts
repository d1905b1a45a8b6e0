import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../diagnostic.js';
import type { Model, Service, TypeRef } from '../ir.js';
import { loadSpec } from '../load.js';
import { exportOpenApi } from './export.js';
import { importOpenApi } from './import.js';

/** A minimal OpenAPI 3.0 document around the given components and paths. */
function doc(parts: {
  schemas?: object;
  paths?: object;
  extra?: object;
  version?: string;
}): Record<string, unknown> {
  return {
    openapi: parts.version ?? '3.0.3',
    info: { title: 'Test API', version: '1.2.0' },
    paths: parts.paths ?? {},
    components: { schemas: parts.schemas ?? {} },
    ...parts.extra,
  };
}

const model = (s: Service, name: string): Model => {
  const found = s.models.find((m) => m.name === name);
  assert.ok(found, `model ${name} among ${s.models.map((m) => m.name).join(', ')}`);
  return found;
};
const fieldType = (s: Service, m: string, f: string): TypeRef =>
  model(s, m).fields.find((x) => x.name === f)!.type;
const codes = (ds: Diagnostic[], severity?: 'warning') =>
  ds.filter((d) => (severity ? d.severity === severity : d.severity !== 'warning')).map((d) => d.code);
const named = (kind: string, name: string) => ({ kind, name, namespace: 'test.api.v1' });

interface Case {
  description: string;
  input: Record<string, unknown>;
  check(service: Service, diagnostics: Diagnostic[]): void;
}

const cases: Case[] = [
  {
    description:
      'an object schema becomes a model with wire-named fields, required, descriptions and deprecation',
    input: doc({
      schemas: {
        User: {
          type: 'object',
          description: 'A person',
          required: ['id'],
          properties: {
            id: { type: 'string', format: 'uuid' },
            age: { type: 'integer', format: 'int32', minimum: 0, maximum: 200 },
            '+1': { type: 'integer', deprecated: true, description: 'votes' },
            born: { type: 'string', format: 'date' },
            seen: { type: 'string', format: 'date-time', default: '2020-01-01T00:00:00Z' },
            score: { type: 'number' },
            price: { type: 'number', format: 'decimal' },
            ok: { type: 'boolean', example: true },
            tags: { type: 'array', items: { type: 'string' } },
            extra: {},
            blob: { type: 'object' },
          },
        },
      },
    }),
    check(s, ds) {
      assert.deepEqual(codes(ds), []);
      const m = model(s, 'User');
      assert.equal(m.description, 'A person');
      assert.equal(m.plural, 'Users');
      assert.deepEqual(
        m.fields.map((f) => [f.name, f.type.kind === 'primitive' ? f.type.name : f.type.kind, f.required]),
        [
          ['id', 'uuid', true],
          ['age', 'integer', false],
          ['+1', 'long', false],
          ['born', 'date-iso8601', false],
          ['seen', 'date-time-iso8601', false],
          ['score', 'double', false],
          ['price', 'decimal', false],
          ['ok', 'boolean', false],
          ['tags', 'list', false],
          ['extra', 'json', false],
          ['blob', 'object', false],
        ],
      );
      const age = m.fields[1]!;
      assert.equal(age.minimum, 0);
      assert.equal(age.maximum, 200);
      assert.deepEqual(m.fields[2]!.deprecation, {});
      assert.equal(m.fields[4]!.default, '2020-01-01T00:00:00Z');
      assert.equal(m.fields[7]!.example, 'true');
    },
  },
  {
    description: 'a string enum becomes an enum; odd wire values keep their value and get valid names',
    input: doc({ schemas: { Status: { type: 'string', enum: ['active', 'in progress', '+1', 'active'] } } }),
    check(s) {
      assert.deepEqual(
        s.enums[0]!.values.map((v) => [v.name, v.value]),
        [
          ['active', 'active'],
          ['in_progress', 'in progress'],
          ['_1', '+1'],
        ],
      );
    },
  },
  {
    description: 'oneOf with a discriminator and mapping becomes a discriminated union with the mapped tags',
    input: doc({
      schemas: {
        Pet: {
          oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }],
          discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat' } },
        },
        Cat: { type: 'object', properties: { kind: { type: 'string' }, lives: { type: 'integer' } } },
        Dog: { type: 'object', properties: { kind: { type: 'string' } } },
      },
    }),
    check(s, ds) {
      const u = s.unions[0]!;
      assert.equal(u.discriminator, 'kind');
      assert.deepEqual(
        u.types.map((t) => [t.type, t.discriminatorValue]),
        [
          [named('model', 'Cat'), 'cat'],
          [named('model', 'Dog'), 'Dog'],
        ],
      );
      assert.deepEqual(codes(ds, 'warning'), []);
    },
  },
  {
    description: 'anyOf/oneOf without a discriminator is an untagged union (bare members), with no warning',
    input: doc({
      schemas: {
        Id: {
          anyOf: [{ type: 'string' }, { type: 'integer' }, { type: 'array', items: { type: 'string' } }],
        },
        One: { oneOf: [{ type: 'string' }, { type: 'boolean' }] },
      },
    }),
    check(s, ds) {
      const u = s.unions.find((x) => x.name === 'Id')!;
      assert.equal(u.discriminator, undefined);
      assert.equal(u.untagged, true);
      assert.deepEqual(
        u.types.map((t) => t.discriminatorValue),
        ['string', 'long', 'string_list'],
      );
      assert.deepEqual(u.attributes, []);
      const one = s.unions.find((x) => x.name === 'One')!;
      assert.deepEqual(one.attributes, [{ name: 'openapi', value: { keyword: 'oneOf' } }]);
      assert.deepEqual(codes(ds, 'warning'), []);
    },
  },
  {
    description: 'allOf merges the parts into one model; required applies across parts',
    input: doc({
      schemas: {
        Base: { type: 'object', properties: { id: { type: 'string' } } },
        Full: {
          allOf: [
            { $ref: '#/components/schemas/Base' },
            { type: 'object', required: ['id', 'name'], properties: { name: { type: 'string' } } },
          ],
        },
      },
    }),
    check(s) {
      assert.deepEqual(
        model(s, 'Full').fields.map((f) => [f.name, f.required]),
        [
          ['id', true],
          ['name', true],
        ],
      );
    },
  },
  {
    description: "nullable (3.0) is the field's nullable, independent of required, with no warning",
    input: doc({
      schemas: {
        A: {
          type: 'object',
          required: ['x'],
          properties: {
            x: { type: 'string', nullable: true },
            y: { anyOf: [{ $ref: '#/components/schemas/B' }, { type: 'null' }] },
            z: { type: 'string' },
          },
        },
        B: { type: 'object', properties: { id: { type: 'string' } } },
      },
    }),
    check(s, ds) {
      const [x, y, z] = model(s, 'A').fields;
      assert.deepEqual([x!.required, x!.nullable, x!.attributes], [true, true, []]);
      assert.deepEqual([y!.required, y!.nullable, y!.type], [false, true, named('model', 'B')]);
      assert.equal('nullable' in z!, false);
      assert.deepEqual(codes(ds, 'warning'), []);
    },
  },
  {
    description:
      'a $ref to a component declared nullable (GitHub nullable-simple-user) makes the field nullable, also through a one-part allOf',
    input: doc({
      schemas: {
        A: {
          type: 'object',
          required: ['owner'],
          properties: {
            owner: { $ref: '#/components/schemas/nullable-user' },
            via: { allOf: [{ $ref: '#/components/schemas/nullable-user' }] },
            user: { $ref: '#/components/schemas/user' },
          },
        },
        'nullable-user': { type: 'object', nullable: true, properties: { id: { type: 'string' } } },
        user: { type: 'object', properties: { id: { type: 'string' } } },
      },
    }),
    check(s) {
      assert.deepEqual(
        model(s, 'A').fields.map((f) => [f.name, f.required, f.nullable === true]),
        [
          ['owner', true, true],
          ['via', false, true],
          ['user', false, false],
        ],
      );
    },
  },
  {
    description:
      "a $ref to an alias component (GitHub's webhook-config-url) gives the field the alias's constraints; the field's own win",
    input: doc({
      schemas: {
        A: {
          type: 'object',
          properties: {
            url: { $ref: '#/components/schemas/config-url' },
            short: { $ref: '#/components/schemas/config-url', maxLength: 10 },
          },
        },
        'config-url': { type: 'string', format: 'uri', maxLength: 200 },
      },
    }),
    check(s) {
      const [url, short] = model(s, 'A').fields;
      assert.deepEqual([url!.format, url!.maximum], ['uri', 200]);
      assert.deepEqual([short!.format, short!.maximum], ['uri', 10]);
    },
  },
  {
    description:
      "constraints of list items and map values (Kubernetes' format: byte data maps) are the field's items, through aliases, and exported back",
    input: doc({
      schemas: {
        A: {
          type: 'object',
          properties: {
            data: { type: 'object', additionalProperties: { type: 'string', format: 'byte' } },
            tags: { type: 'array', minItems: 1, items: { $ref: '#/components/schemas/tag' } },
            plain: { type: 'array', items: { type: 'string' } },
          },
        },
        tag: { type: 'string', maxLength: 20, pattern: '^[a-z]+$' },
      },
    }),
    check(s) {
      const [data, tags, plain] = model(s, 'A').fields;
      assert.deepEqual(data!.items, { format: 'byte' });
      assert.deepEqual([tags!.minimum, tags!.items], [1, { maximum: 20, pattern: '^[a-z]+$' }]);
      assert.equal(plain!.items, undefined);
      const exported = exportOpenApi(s, []) as {
        components: { schemas: Record<string, { properties: Record<string, object> }> };
      };
      const props = exported.components.schemas.A!.properties;
      assert.deepEqual((props.data as { additionalProperties: object }).additionalProperties, {
        type: 'string',
        format: 'byte',
      });
      assert.deepEqual((props.tags as { items: object }).items, {
        type: 'string',
        maxLength: 20,
        pattern: '^[a-z]+$',
      });
    },
  },
  {
    description:
      '3.0 boolean exclusiveMinimum makes minimum exclusive; a keyword the type cannot hold stays in the attribute',
    input: doc({
      schemas: {
        A: {
          type: 'object',
          properties: {
            n: { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 1 },
            u: { oneOf: [{ type: 'string' }, { type: 'integer' }], maxLength: 3 },
            s: { anyOf: [{ type: 'string', maxLength: 8, pattern: '^a' }, { type: 'null' }] },
          },
        },
      },
    }),
    check(s) {
      const [n, u, str] = model(s, 'A').fields;
      assert.deepEqual([n!.exclusiveMinimum, n!.minimum, n!.maximum], [0, undefined, 1]);
      assert.deepEqual(u!.attributes, [{ name: 'openapi', value: { maxLength: 3 } }]);
      assert.deepEqual([str!.maximum, str!.pattern, str!.nullable], [8, '^a', true]);
    },
  },
  {
    description: '3.1 type arrays: [string, null] is a nullable string, [string, integer] a union',
    input: doc({
      version: '3.1.0',
      schemas: {
        A: {
          type: 'object',
          properties: { x: { type: ['string', 'null'] }, y: { type: ['string', 'integer'] } },
        },
      },
    }),
    check(s) {
      assert.deepEqual(fieldType(s, 'A', 'x'), { kind: 'primitive', name: 'string' });
      assert.equal(model(s, 'A').fields[0]!.nullable, true);
      assert.deepEqual(fieldType(s, 'A', 'y'), named('union', 'A_y'));
      assert.equal(s.unions[0]!.types.length, 2);
    },
  },
  {
    description: 'additionalProperties becomes a map; inline objects become models named <parent>_<property>',
    input: doc({
      schemas: {
        A: {
          type: 'object',
          properties: {
            counts: { type: 'object', additionalProperties: { type: 'integer', format: 'int64' } },
            address: { type: 'object', properties: { city: { type: 'string' } } },
            items: { type: 'array', items: { type: 'object', properties: { n: { type: 'integer' } } } },
          },
        },
      },
    }),
    check(s) {
      assert.deepEqual(fieldType(s, 'A', 'counts'), { kind: 'map', of: { kind: 'primitive', name: 'long' } });
      assert.deepEqual(fieldType(s, 'A', 'address'), named('model', 'A_address'));
      assert.deepEqual(fieldType(s, 'A', 'items'), { kind: 'list', of: named('model', 'A_items_item') });
      assert.deepEqual(
        model(s, 'A_address').fields.map((f) => f.name),
        ['city'],
      );
    },
  },
  {
    description: 'a recursive schema refers to itself by name',
    input: doc({
      schemas: {
        Node: {
          type: 'object',
          properties: { children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } },
        },
      },
    }),
    check(s, ds) {
      assert.deepEqual(fieldType(s, 'Node', 'children'), { kind: 'list', of: named('model', 'Node') });
      assert.deepEqual(ds, []);
    },
  },
  {
    description: 'a $ref cycle through allOf is reported, not followed forever',
    input: doc({
      schemas: {
        A: {
          allOf: [
            { $ref: '#/components/schemas/B' },
            { type: 'object', properties: { a: { type: 'string' } } },
          ],
        },
        B: {
          allOf: [
            { $ref: '#/components/schemas/A' },
            { type: 'object', properties: { b: { type: 'string' } } },
          ],
        },
      },
    }),
    check(s, ds) {
      assert.ok(codes(ds, 'warning').includes('ref-cycle'));
      assert.deepEqual(
        model(s, 'A')
          .fields.map((f) => f.name)
          .sort(),
        ['a', 'b'],
      );
    },
  },
  {
    description: 'an alias cycle ($ref to $ref back) is reported and typed json',
    input: doc({
      schemas: {
        A: { $ref: '#/components/schemas/B' },
        B: { $ref: '#/components/schemas/A' },
        C: { type: 'object', properties: { a: { $ref: '#/components/schemas/A' } } },
      },
    }),
    check(s, ds) {
      assert.ok(codes(ds, 'warning').includes('ref-cycle'));
      assert.deepEqual(fieldType(s, 'C', 'a'), { kind: 'primitive', name: 'json' });
    },
  },
  {
    description: 'a $ref to a missing target and one outside the document are errors with pointers',
    input: doc({
      schemas: {
        A: {
          type: 'object',
          properties: { gone: { $ref: '#/components/schemas/Nope' }, far: { $ref: 'other.yaml#/User' } },
        },
      },
    }),
    check(_s, ds) {
      const errors = ds.filter((d) => d.severity !== 'warning');
      assert.deepEqual(
        errors.map((d) => [d.code, d.path]),
        [
          ['missing-ref', '/components/schemas/A/properties/gone/$ref'],
          ['external-ref', '/components/schemas/A/properties/far/$ref'],
        ],
      );
    },
  },
  {
    description: 'keys with ~ and / are escaped as ~0 and ~1 in pointers and resolve in $refs',
    input: doc({
      schemas: {
        'a/b~c': { type: 'object', properties: { 'x/y': { type: 'string', pattern: '(' } } },
        U: { type: 'object', properties: { r: { $ref: '#/components/schemas/a~1b~0c' } } },
      },
    }),
    check(s, ds) {
      assert.deepEqual(fieldType(s, 'U', 'r'), named('model', 'a_b_c'));
      assert.deepEqual(
        ds.map((d) => [d.code, d.path]),
        [
          ['renamed', '/components/schemas/a~1b~0c'],
          ['invalid-pattern', '/components/schemas/a~1b~0c/properties/x~1y'],
        ],
      );
    },
  },
  {
    description:
      'invalid IR names become valid; valid ones (dots, dashes) stay; names that would collide as identifiers get _2',
    input: doc({
      schemas: {
        'Foo-Bar': { type: 'object', properties: { a: { type: 'string' } } },
        'baz.qux': { type: 'object', properties: { a: { type: 'string' } } },
        foo_bar: { type: 'object', properties: { a: { type: 'string' } } },
        $special: { type: 'object', properties: { a: { type: 'string' } } },
        '1st': { type: 'object', properties: { a: { type: 'string' } } },
      },
    }),
    check(s) {
      assert.deepEqual(
        s.models.map((m) => m.name),
        ['Foo-Bar', 'baz.qux', 'foo_bar_2', '_special', '_1st'],
      );
    },
  },
  {
    description: 'x-canon names and namespaces that are not valid are ignored, not trusted',
    input: doc({
      extra: { 'x-canon': { namespace: 'x; y', name: 'n' } },
      schemas: {
        'a b': {
          type: 'object',
          properties: { a: { type: 'string' } },
          'x-canon': { name: '*/evil', kind: 'model' },
        },
      },
    }),
    check(s) {
      assert.equal(s.namespace, 'n.v1');
      assert.deepEqual(
        s.models.map((m) => m.name),
        ['a_b'],
      );
    },
  },
  {
    description: '$ref keys inside examples are data and never followed',
    input: doc({
      schemas: {
        A: {
          type: 'object',
          properties: { a: { type: 'string' } },
          example: { $ref: 'https://example.com/x' },
        },
      },
      extra: { components: { schemas: {}, examples: { e: { value: { $ref: '#/nowhere' } } } } },
      paths: {
        '/a': {
          get: {
            responses: {
              200: {
                description: 'ok',
                content: {
                  'application/json': { schema: { type: 'string' }, example: { $ref: '#/missing' } },
                },
              },
            },
          },
        },
      },
    }),
    check(_s, ds) {
      assert.deepEqual(codes(ds), []);
    },
  },
  {
    description:
      'paths become operations: path parameters as :name, operationId kept, parameters merged, cookie reported',
    input: doc({
      paths: {
        '/users/{id}': {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          get: {
            operationId: 'getUser',
            summary: 'Get one',
            parameters: [
              { name: 'expand', in: 'query', schema: { type: 'array', items: { type: 'string' } } },
              { name: 'X-Trace', in: 'header', required: true, schema: { type: 'string' } },
              { name: 'session', in: 'cookie', schema: { type: 'string' } },
            ],
            responses: {
              200: {
                description: 'ok',
                content: {
                  'application/json': { schema: { type: 'object', properties: { id: { type: 'string' } } } },
                },
              },
              '4XX': { description: 'client error' },
              default: {
                description: 'other',
                content: { 'application/problem+json': { schema: { type: 'object' } } },
              },
            },
          },
        },
      },
    }),
    check(s, ds) {
      const op = s.resources[0]!.operations[0]!;
      assert.equal(s.resources[0]!.plural, 'users');
      assert.equal(op.path, '/users/:id');
      assert.equal(op.operationId, 'getUser');
      assert.equal(op.description, 'Get one');
      assert.deepEqual(
        op.parameters.map((p) => [p.name, p.location, p.required]),
        [
          ['id', 'path', true],
          ['expand', 'query', false],
          ['X-Trace', 'header', true],
        ],
      );
      assert.deepEqual(
        op.responses.map((r) => r.code),
        [200, 400, 'default'],
      );
      assert.deepEqual(op.responses[0]!.type, named('model', 'getUser_response_200'));
      assert.deepEqual(op.responses[1]!.type, { kind: 'primitive', name: 'unit' });
      assert.deepEqual(codes(ds, 'warning').sort(), ['cookie-parameter', 'status-range']);
      assert.equal(
        ds.find((d) => d.code === 'cookie-parameter')!.path,
        '/paths/~1users~1{id}/get/parameters/2',
      );
    },
  },
  {
    description:
      'request bodies: JSON to a body named <operation>_body, forms to form parameters, others reported',
    input: doc({
      paths: {
        '/a': {
          post: {
            operationId: 'create-thing',
            requestBody: {
              required: true,
              content: {
                'application/json': { schema: { type: 'object', properties: { n: { type: 'integer' } } } },
              },
            },
            responses: { 201: { description: 'made' } },
          },
          put: {
            requestBody: {
              required: true,
              content: {
                'application/x-www-form-urlencoded': {
                  schema: { type: 'object', required: ['n'], properties: { n: { type: 'string' } } },
                },
              },
            },
            responses: { 204: { description: 'done' } },
          },
          patch: {
            requestBody: {
              required: true,
              content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
            },
            responses: { 204: { description: 'done' } },
          },
        },
      },
    }),
    check(s, ds) {
      const [post, put, patch] = s.resources[0]!.operations;
      assert.deepEqual(post!.body?.type, named('model', 'create_thing_body'));
      assert.deepEqual(
        put!.parameters.map((p) => [p.name, p.location, p.required]),
        [['n', 'form', true]],
      );
      assert.equal(put!.formEncoding, 'urlencoded');
      assert.equal(post!.formEncoding, undefined);
      assert.deepEqual(patch!.body?.type, { kind: 'primitive', name: 'string' });
      assert.deepEqual(codes(ds, 'warning'), ['non-json-body']);
    },
  },
  {
    description: 'a component that is a primitive or array is inlined where used, with a warning',
    input: doc({
      schemas: {
        Ids: { type: 'array', items: { type: 'string' } },
        A: { type: 'object', properties: { ids: { $ref: '#/components/schemas/Ids' } } },
      },
    }),
    check(s, ds) {
      assert.deepEqual(fieldType(s, 'A', 'ids'), { kind: 'list', of: { kind: 'primitive', name: 'string' } });
      assert.deepEqual(codes(ds, 'warning'), ['alias-inlined']);
    },
  },
  {
    description: 'service identity from info, servers and security',
    input: doc({
      extra: {
        servers: [{ url: 'https://{region}.example.com/v1/', variables: { region: { default: 'eu' } } }],
        security: [{ key: [] }],
        components: {
          schemas: {},
          securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } },
        },
      },
    }),
    check(s, ds) {
      assert.equal(s.name, 'Test API');
      assert.equal(s.application.key, 'test-api');
      assert.equal(s.namespace, 'test.api.v1');
      assert.equal(s.version, '1.2.0');
      assert.equal(s.baseUrl, 'https://eu.example.com/v1');
      assert.deepEqual(codes(ds, 'warning'), ['security']);
      assert.ok(s.attributes[0]!.value.securitySchemes);
    },
  },
  {
    description: 'unsupported versions and non-objects are refused with one error',
    input: { openapi: '4.0.0' },
    check(_s, ds) {
      assert.deepEqual(codes(ds), ['unsupported-version']);
    },
  },
];

describe('importOpenApi', () => {
  for (const c of cases) {
    it(c.description, () => {
      const { service, diagnostics } = importOpenApi(structuredClone(c.input));
      c.check(service, diagnostics);
    });
  }

  it('converts Swagger 2.0: definitions, body and formData parameters, host and basePath; pointers point into the 2.0 document', () => {
    const { service, diagnostics } = importOpenApi({
      swagger: '2.0',
      info: { title: 'Old', version: '2.0.0' },
      host: 'api.example.com',
      basePath: '/v2',
      schemes: ['https'],
      definitions: {
        Pet: {
          type: 'object',
          required: ['name'],
          properties: { name: { type: 'string' }, default: { $ref: '#/definitions/Tag' } },
        },
        Tag: {
          type: 'object',
          properties: { id: { type: 'integer', format: 'int64' }, parent: { $ref: '#/definitions/Gone' } },
        },
      },
      paths: {
        '/pets': {
          post: {
            parameters: [{ in: 'body', name: 'pet', required: true, schema: { $ref: '#/definitions/Pet' } }],
            responses: { 200: { description: 'ok', schema: { $ref: '#/definitions/Pet' } } },
          },
          put: {
            consumes: ['application/x-www-form-urlencoded'],
            parameters: [{ in: 'formData', name: 'name', type: 'string', required: true }],
            responses: { 204: { description: 'ok' } },
          },
        },
      },
    });
    assert.equal(service.baseUrl, 'https://api.example.com/v2');
    const [post, put] = service.resources[0]!.operations;
    assert.deepEqual(post!.body?.type, { kind: 'model', name: 'Pet', namespace: 'old.v2' });
    assert.deepEqual(post!.responses[0]!.type, { kind: 'model', name: 'Pet', namespace: 'old.v2' });
    assert.deepEqual(
      put!.parameters.map((p) => [p.name, p.location]),
      [['name', 'form']],
    );
    assert.equal(put!.formEncoding, 'urlencoded');
    assert.deepEqual(service.models.find((m) => m.name === 'Pet')!.fields[1]!.type, {
      kind: 'model',
      name: 'Tag',
      namespace: 'old.v2',
    });
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.path]),
      [['missing-ref', '/definitions/Tag/properties/parent/$ref']],
    );
  });

  it('keeps __proto__ and constructor as ordinary wire names through import, export and re-import', () => {
    const input = JSON.parse(
      '{"openapi":"3.0.3","info":{"title":"t","version":"1"},"paths":{},"components":{"schemas":{"A":{"type":"object","properties":{"__proto__":{"type":"string"},"constructor":{"type":"integer"}}}}}}',
    ) as unknown;
    const first = importOpenApi(input, {});
    assert.deepEqual(
      model(first.service, 'A').fields.map((f) => f.name),
      ['__proto__', 'constructor'],
    );
    const again = importOpenApi(JSON.parse(JSON.stringify(exportOpenApi(first.service, []))) as unknown, {});
    assert.deepEqual(
      model(again.service, 'A').fields.map((f) => f.name),
      ['__proto__', 'constructor'],
    );
    assert.equal(({} as { polluted?: unknown }).polluted, undefined);
  });

  it('cuts off schemas nested 10,000 deep with a warning, and refuses deeper allOf and Swagger 2.0 nesting without crashing', () => {
    let deep: object = { type: 'string' };
    for (let i = 0; i < 10_000; i++) deep = { type: 'object', properties: { a: deep } };
    const nested = importOpenApi(doc({ schemas: { Deep: deep } }));
    assert.deepEqual(codes(nested.diagnostics, 'warning'), ['too-deep']);
    assert.equal(nested.service.models.length, 201);

    let chain: object = { type: 'object', properties: { x: { type: 'string' } } };
    for (let i = 0; i < 20_000; i++)
      chain = { allOf: [chain, { type: 'object', properties: { [`p${i}`]: { type: 'string' } } }] };
    assert.deepEqual(codes(importOpenApi(doc({ schemas: { Chain: chain } })).diagnostics), ['too-deep']);
    const swagger = importOpenApi({
      swagger: '2.0',
      info: { title: 't', version: '1' },
      paths: {},
      definitions: { Deep: deep },
    });
    assert.ok(
      codes(swagger.diagnostics).includes('too-deep') ||
        codes(swagger.diagnostics, 'warning').includes('too-deep'),
    );
  });

  it('imports a 10,000-operation document', () => {
    const paths: Record<string, unknown> = {};
    for (let i = 0; i < 10_000; i++) {
      paths[`/things${i % 100}/{id}/part${i}`] = {
        get: {
          operationId: `getPart${i}`,
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          responses: {
            200: {
              description: 'ok',
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } },
            },
          },
        },
      };
    }
    const { service, diagnostics } = importOpenApi(
      doc({ paths, schemas: { Thing: { type: 'object', properties: { id: { type: 'string' } } } } }),
    );
    assert.equal(
      service.resources.reduce((n, r) => n + r.operations.length, 0),
      10_000,
    );
    assert.equal(service.resources.length, 100);
    assert.deepEqual(diagnostics, []);
  });

  it('is reached through loadSpec for YAML and JSON OpenAPI text', async () => {
    const yaml =
      'openapi: 3.1.0\ninfo: {title: Y, version: 1.0.0}\npaths:\n  /a:\n    get:\n      responses:\n        "204": {description: none}\n';
    const fromYaml = await loadSpec(yaml, { file: 'y.yaml' });
    assert.equal(fromYaml.format, 'openapi');
    assert.equal(fromYaml.service?.resources[0]?.operations[0]?.path, '/a');
    const fromJson = await loadSpec(JSON.stringify(doc({})), { file: 'x.json' });
    assert.equal(fromJson.service?.name, 'Test API');
  });
});
