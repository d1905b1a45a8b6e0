import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isError } from '../diagnostic.js';
import { loadSpec } from '../load.js';

/** One api.json document and the exact findings (code and JSON pointer) it must produce. */
interface Case {
  description: string;
  spec: Record<string, unknown>;
  expected: [code: string, path: string][];
}

const user = { fields: [{ name: 'id', type: 'string' }] };
const get = (extra: Record<string, unknown> = {}) => ({ method: 'GET', ...extra });

const cases: Case[] = [
  { description: 'a valid spec has no findings', spec: { models: { user } }, expected: [] },
  {
    description: 'base_url ending in /',
    spec: { base_url: 'https://api.example.com/' },
    expected: [['base-url-trailing-slash', '/base_url']],
  },
  {
    description: 'service name must start with a letter',
    spec: { name: '1 service' },
    expected: [['invalid-name', '/name']],
  },
  {
    description: 'model and field names with bad characters',
    spec: { models: { '1user': { fields: [{ name: 'first name', type: 'string' }] } } },
    expected: [
      ['invalid-name', '/models/1user'],
      ['invalid-name', '/models/1user/fields/0/name'],
    ],
  },
  {
    description: 'hostile names: quotes, comment end, backtick, template, NUL, U+2028',
    spec: {
      models: {
        'a"b': user,
        'c*/d': user,
        'e`f': user,
        'g${h}': user,
        'i\u0000j': user,
        'k\u2028l': user,
      },
    },
    expected: [
      ['invalid-name', '/models/a"b'],
      ['invalid-name', '/models/c*~1d'],
      ['invalid-name', '/models/e`f'],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a hostile name, on purpose
      ['invalid-name', '/models/g${h}'],
      ['invalid-name', '/models/i\u0000j'],
      ['invalid-name', '/models/k\u2028l'],
    ],
  },
  {
    description: 'union discriminator with a bad name',
    spec: { models: { user }, unions: { party: { discriminator: 'the kind', types: [{ type: 'user' }] } } },
    expected: [['invalid-name', '/unions/party/discriminator']],
  },
  {
    description: 'a type name used by a model and an enum (case-insensitive)',
    spec: { models: { user }, enums: { User: { values: [{ name: 'a' }] } } },
    expected: [['duplicate-type-name', '/enums/User']],
  },
  {
    description: 'a union may share its name with an interface it lists',
    spec: {
      interfaces: { party: { fields: [] } },
      models: { user: { ...user, interfaces: ['party'] } },
      unions: { party: { interfaces: ['party'], types: [{ type: 'user' }] } },
    },
    expected: [],
  },
  {
    description: 'a field declared twice',
    spec: { models: { user: { fields: [user.fields[0], { name: 'id', type: 'long' }] } } },
    expected: [['duplicate-field', '/models/user/fields/1']],
  },
  {
    description: 'enum values: a name twice, a wire value twice',
    spec: { enums: { status: { values: [{ name: 'a' }, { name: 'a' }, { name: 'b', value: 'a' }] } } },
    expected: [
      ['duplicate-enum-value', '/enums/status/values/1'],
      ['duplicate-enum-value', '/enums/status/values/2'],
    ],
  },
  {
    description: 'an annotation twice on a field, and one never declared',
    spec: {
      annotations: { personal_data: {} },
      models: {
        user: {
          fields: [
            { name: 'email', type: 'string', annotations: ['personal_data', 'personal_data', 'secret'] },
          ],
        },
      },
    },
    expected: [
      ['duplicate-annotation', '/models/user/fields/0/annotations/1'],
      ['undefined-annotation', '/models/user/fields/0/annotations/2'],
    ],
  },
  {
    description: 'unknown local and imported types',
    spec: {
      models: {
        user: {
          fields: [
            { name: 'a', type: 'usr' },
            { name: 'b', type: '[map[nothing]]' },
            { name: 'c', type: 'io.example.v0.models.thing' },
          ],
        },
      },
    },
    expected: [
      ['unknown-type', '/models/user/fields/0/type'],
      ['unknown-type', '/models/user/fields/1/type'],
      ['unknown-type', '/models/user/fields/2/type'],
    ],
  },
  {
    description: 'an undeclared path parameter typed from a bad field: reported once, at the field',
    spec: {
      models: { user: { fields: [{ name: 'id', type: 'uid' }] } },
      resources: { user: { operations: [get({ path: '/:id' })] } },
    },
    expected: [['unknown-type', '/models/user/fields/0/type']],
  },
  {
    description: 'names from an unresolved import pass (only the import is reported)',
    spec: {
      imports: [{ uri: 'https://example.com/acme/thing/latest/service.json' }],
      models: {
        user: { fields: [{ name: 'c', type: 'io.example.v0.models.thing', annotations: ['anything'] }] },
      },
    },
    expected: [['unresolved-import', '/imports/0/uri']],
  },
  {
    description: 'an interface used as a field, body and response type',
    spec: {
      interfaces: { person: { fields: [] } },
      models: { user: { fields: [{ name: 'p', type: 'person' }] } },
      resources: {
        user: {
          operations: [
            { method: 'POST', body: { type: 'person' }, responses: { 200: { type: '[person]' } } },
          ],
        },
      },
    },
    expected: [
      ['interface-as-type', '/models/user/fields/0/type'],
      ['interface-as-type', '/resources/user/operations/0/body/type'],
      ['interface-as-type', '/resources/user/operations/0/responses/200/type'],
    ],
  },
  {
    description: 'defaults that are not values of their type',
    spec: {
      enums: { status: { values: [{ name: 'active' }] } },
      models: {
        user: {
          fields: [
            { name: 'a', type: 'boolean', default: 'yes' },
            { name: 'b', type: 'integer', default: '2147483648' },
            { name: 'c', type: 'long', default: '1.5' },
            { name: 'd', type: 'uuid', default: 'not-a-uuid' },
            { name: 'e', type: 'date-iso8601', default: '2024-02-30' },
            { name: 'f', type: 'date-time-iso8601', default: 'yesterday' },
            { name: 'g', type: 'status', default: 'retired' },
            { name: 'h', type: '[integer]', default: '[1, "x"]' },
            { name: 'i', type: 'map[string]', default: '[]' },
            { name: 'j', type: 'json', default: '{' },
            { name: 'k', type: 'decimal', default: '1,5' },
            { name: 'l', type: 'user', required: false, default: '{}' },
          ],
        },
      },
    },
    expected: 'abcdefghijkl'.split('').map((_, i) => ['invalid-default', `/models/user/fields/${i}/default`]),
  },
  {
    description: 'valid defaults of every kind pass',
    spec: {
      enums: { status: { values: [{ name: 'active', value: 'ACTIVE' }] } },
      models: {
        user: {
          fields: [
            { name: 'a', type: 'boolean', default: false },
            { name: 'b', type: 'integer', default: -5 },
            { name: 'c', type: 'long', default: '9223372036854775807' },
            { name: 'd', type: 'uuid', default: '4fc2b2a0-1a3b-4bd2-9c3a-1f2e3d4c5b6a' },
            { name: 'e', type: 'date-iso8601', default: '2024-02-29' },
            { name: 'f', type: 'date-time-iso8601', default: '2024-02-29T12:30:00.000Z' },
            { name: 'g', type: 'status', default: 'ACTIVE' },
            { name: 'h', type: '[integer]', default: [1, 2] },
            { name: 'i', type: 'map[string]', default: { a: 'b' } },
            { name: 'j', type: 'json', default: 'null' },
            { name: 'k', type: 'double', default: '1.5e3' },
          ],
        },
      },
    },
    expected: [],
  },
  {
    description: 'minimum above maximum, and defaults outside the range',
    spec: {
      models: {
        user: {
          fields: [
            { name: 'a', type: 'integer', minimum: 10, maximum: 1 },
            { name: 'b', type: 'integer', default: 1000, maximum: 100 },
            { name: 'c', type: 'string', default: 'ab', minimum: 3 },
          ],
        },
      },
    },
    expected: [
      ['minimum-above-maximum', '/models/user/fields/0/minimum'],
      ['default-out-of-range', '/models/user/fields/1/default'],
      ['default-out-of-range', '/models/user/fields/2/default'],
    ],
  },
  {
    description:
      'one problem, one finding: a missing list, name or member type is not echoed by other checks',
    spec: {
      enums: { status: {} },
      models: { user: { fields: [{ type: 'string' }] } },
      unions: { party: { types: [{}] } },
    },
    expected: [
      ['missing-key', '/models/user/fields/0'],
      ['invalid-type', '/unions/party/types/0/type'],
      ['empty-enum', '/enums/status'],
    ],
  },
  {
    description: 'an enum without values',
    spec: { enums: { status: { values: [] } } },
    expected: [['empty-enum', '/enums/status']],
  },
  {
    description: 'a union without types',
    spec: { unions: { party: { types: [] } } },
    expected: [['empty-union', '/unions/party']],
  },
  {
    description: 'reserved discriminator words',
    spec: {
      models: { user, admin: user },
      unions: {
        a: { discriminator: 'value', types: [{ type: 'user' }] },
        b: { discriminator: 'implicit', types: [{ type: 'admin' }] },
      },
    },
    expected: [
      ['reserved-discriminator', '/unions/a/discriminator'],
      ['reserved-discriminator', '/unions/b/discriminator'],
    ],
  },
  {
    description: 'unit as a union member',
    spec: { models: { user }, unions: { party: { types: [{ type: 'user' }, { type: 'unit' }] } } },
    expected: [['unit-union-member', '/unions/party/types/1/type']],
  },
  {
    description: 'a member type twice, a discriminator value twice',
    spec: {
      models: { user, admin: user, guest: user },
      unions: {
        party: { types: [{ type: 'user' }, { type: 'user' }] },
        role: {
          types: [
            { type: 'admin', discriminator_value: 'x' },
            { type: 'guest', discriminator_value: 'x' },
          ],
        },
      },
    },
    expected: [
      ['duplicate-union-member', '/unions/party/types/1/type'],
      ['duplicate-discriminator-value', '/unions/role/types/1/discriminator_value'],
    ],
  },
  {
    description: 'default member without a discriminator; two defaults with one',
    spec: {
      models: { user, admin: user, guest: user },
      unions: {
        a: { types: [{ type: 'user', default: true }] },
        b: {
          discriminator: 'kind',
          types: [
            { type: 'admin', default: true },
            { type: 'guest', default: true },
          ],
        },
      },
    },
    expected: [
      ['default-member-without-discriminator', '/unions/a/types/0/default'],
      ['multiple-default-members', '/unions/b/types/1/default'],
    ],
  },
  {
    description: 'a member already has a field named like the discriminator',
    spec: {
      models: { user: { fields: [{ name: 'kind', type: 'string' }] } },
      unions: { party: { discriminator: 'kind', types: [{ type: 'user' }] } },
    },
    expected: [['discriminator-field-clash', '/unions/party/discriminator']],
  },
  {
    description: 'a union that contains itself through another union',
    spec: {
      models: { user },
      unions: { a: { types: [{ type: 'b' }, { type: 'user' }] }, b: { types: [{ type: 'a' }] } },
    },
    expected: [['recursive-union', '/unions/a']],
  },
  {
    description: 'a model in two unions with different discriminators',
    spec: {
      models: { user },
      unions: {
        a: { discriminator: 'kind', types: [{ type: 'user' }] },
        b: { discriminator: 'type', types: [{ type: 'user' }] },
      },
    },
    expected: [['conflicting-discriminator', '/unions/b/types/0/type']],
  },
  {
    description: 'a nested union with another discriminator',
    spec: {
      models: { user },
      unions: {
        a: { discriminator: 'kind', types: [{ type: 'b' }] },
        b: { discriminator: 'type', types: [{ type: 'user' }] },
      },
    },
    expected: [['conflicting-discriminator', '/unions/a']],
  },
  {
    description: 'interface conformance: unknown interface, missing field, optional vs required, type',
    spec: {
      interfaces: {
        person: {
          fields: [
            { name: 'id', type: 'string' },
            { name: 'name', type: 'string' },
            { name: 'age', type: 'integer' },
          ],
        },
      },
      models: {
        user: {
          interfaces: ['person', 'ghost'],
          fields: [
            { name: 'id', type: 'string', required: false },
            { name: 'age', type: 'long' },
          ],
        },
      },
    },
    expected: [
      ['interface-field-required-mismatch', '/models/user/fields/0/required'],
      ['interface-field-missing', '/models/user/interfaces/0'],
      ['interface-field-type-mismatch', '/models/user/fields/1/type'],
      ['unknown-interface', '/models/user/interfaces/1'],
    ],
  },
  {
    description: 'a resource without operations',
    spec: { models: { user }, resources: { user: { operations: [] } } },
    expected: [['empty-resource', '/resources/user']],
  },
  {
    description: 'a resource keyed by a primitive',
    spec: { resources: { string: { operations: [get()] } } },
    expected: [['invalid-resource-type', '/resources/string']],
  },
  {
    description: 'a body on GET',
    spec: { models: { user }, resources: { user: { operations: [get({ body: { type: 'user' } })] } } },
    expected: [['body-not-allowed', '/resources/user/operations/0/body']],
  },
  {
    description: 'the same method and path twice (path parameters compared by position)',
    spec: {
      models: { user },
      resources: { user: { operations: [get({ path: '/:id' }), get({ path: '/:guid' })] } },
    },
    expected: [['duplicate-operation', '/resources/user/operations/1']],
  },
  {
    description: 'a parameter declared twice',
    spec: {
      models: { user },
      resources: {
        user: {
          operations: [
            get({
              parameters: [
                { name: 'q', type: 'string' },
                { name: 'q', type: 'string' },
              ],
            }),
          ],
        },
      },
    },
    expected: [['duplicate-parameter', '/resources/user/operations/0/parameters/1']],
  },
  {
    description: 'path parameters: not in the path, optional, of a type that cannot be in a URL',
    spec: {
      models: { user },
      resources: {
        user: {
          operations: [
            get({ path: '/a', parameters: [{ name: 'id', type: 'string', location: 'path' }] }),
            get({
              path: '/b/:id',
              parameters: [{ name: 'id', type: 'string', location: 'path', required: false }],
            }),
            get({ path: '/c/:id', parameters: [{ name: 'id', type: 'object', location: 'path' }] }),
          ],
        },
      },
    },
    expected: [
      ['path-parameter-not-in-path', '/resources/user/operations/0/parameters/0'],
      ['optional-path-parameter', '/resources/user/operations/1/parameters/0/required'],
      ['invalid-path-parameter-type', '/resources/user/operations/2/parameters/0/type'],
    ],
  },
  {
    description: 'query parameters: maps, models and lists of models are refused; lists of primitives pass',
    spec: {
      models: { user },
      resources: {
        user: {
          operations: [
            get({
              parameters: [
                { name: 'a', type: 'map[string]' },
                { name: 'b', type: 'user' },
                { name: 'c', type: '[user]' },
                { name: 'd', type: '[long]' },
              ],
            }),
          ],
        },
      },
    },
    expected: [
      ['invalid-query-parameter-type', '/resources/user/operations/0/parameters/0/type'],
      ['invalid-query-parameter-type', '/resources/user/operations/0/parameters/1/type'],
      ['invalid-query-parameter-type', '/resources/user/operations/0/parameters/2/type'],
    ],
  },
  {
    description: 'responses: code below 100, 204 with a body, differing 2xx types',
    spec: {
      models: { user, admin: user },
      resources: {
        user: {
          operations: [
            get({ path: '/a', responses: { 99: { type: 'unit' } } }),
            get({ path: '/b', responses: { 204: { type: 'user' } } }),
            get({ path: '/c', responses: { 200: { type: 'user' }, 201: { type: 'admin' } } }),
          ],
        },
      },
    },
    expected: [
      ['response-code-out-of-range', '/resources/user/operations/0/responses/99'],
      ['response-must-be-unit', '/resources/user/operations/1/responses/204/type'],
      ['conflicting-success-types', '/resources/user/operations/2/responses/201/type'],
    ],
  },
  {
    description: 'headers: a model type, a name twice',
    spec: {
      models: { user },
      headers: [
        { name: 'X-User', type: 'user' },
        { name: 'X-Id', type: 'string' },
        { name: 'x-id', type: '[string]' },
      ],
    },
    expected: [
      ['invalid-header-type', '/headers/0/type'],
      ['duplicate-header', '/headers/2'],
    ],
  },
];

describe('validateService, through loadSpec (api.json)', () => {
  for (const c of cases) {
    it(c.description, async () => {
      const result = await loadSpec(JSON.stringify({ name: 'test', ...c.spec }));
      const actual = result.diagnostics.filter(isError).map((d) => [d.code, d.path]);
      assert.deepEqual(actual, c.expected);
    });
  }

  it('every message names the element and says what to do, without raw control characters', async () => {
    const result = await loadSpec(JSON.stringify({ name: 'test', models: { 'i\u0000j\u2028': user } }));
    const [first] = result.diagnostics;
    assert.ok(first);
    assert.match(first.message, /Model name\[i\\u0000j\\u2028\]/);
    assert.doesNotMatch(first.message, /[\u0000\u2028]/);
  });

  it('enum value names with spaces are a warning, not an error (older specs have them)', async () => {
    const result = await loadSpec(
      JSON.stringify({ name: 'test', enums: { answer: { values: [{ name: 'Not Yet' }] } } }),
    );
    assert.deepEqual(
      result.diagnostics.map((d) => [d.code, d.path, d.severity]),
      [['invalid-name', '/enums/answer/values/0/name', 'warning']],
    );
  });
});
