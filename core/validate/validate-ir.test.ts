import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Service } from '../ir.js';
import { validateService } from './index.js';
import {
  field,
  importRecord,
  model,
  NS,
  named,
  operation,
  resource,
  service,
  str,
  union,
} from './test-service.js';

/** IR built by hand, validated without source pointers: paths fall back to names. */
interface Case {
  description: string;
  service: Service;
  imports?: Service[];
  expected: [code: string, path: string][];
}

const user = named('model', 'user');
const unit = { kind: 'primitive', name: 'unit' } as const;

const cases: Case[] = [
  {
    description: 'a resource twice (service.json can say so)',
    service: service({
      models: [model('user')],
      resources: [
        resource(user, [operation('GET', '/users')]),
        resource(user, [operation('GET', '/users/:id')]),
      ],
    }),
    expected: [['duplicate-resource', '/resources/user']],
  },
  {
    description: 'two resources with one plural',
    service: service({
      models: [model('user'), model('person')],
      resources: [
        resource(user, [operation('GET', '/a')], 'people'),
        resource(named('model', 'person'), [operation('GET', '/b')], 'people'),
      ],
    }),
    expected: [['duplicate-resource', '/resources/person/plural']],
  },
  {
    description: 'a response code twice',
    service: service({
      models: [model('user')],
      resources: [
        resource(user, [
          operation('GET', '/users', {
            responses: [
              { code: 200, type: user, headers: [], attributes: [] },
              { code: 200, type: user, headers: [], attributes: [] },
            ],
          }),
        ]),
      ],
    }),
    expected: [['duplicate-response-code', '/resources/user/operations/0/responses/200']],
  },
  {
    description: 'a model name twice (service.json can say so)',
    service: service({ models: [model('user'), model('user')] }),
    expected: [['duplicate-type-name', '/models/user']],
  },
  {
    description: 'import records list the names a service.json may use',
    service: service({
      imports: [importRecord('acme.v0', { models: ['thing'] })],
      models: [
        model('user', [
          field('a', named('model', 'thing', 'acme.v0')),
          field('b', named('model', 'other', 'acme.v0')),
          field('c', named('enum', 'thing', 'acme.v0')),
        ]),
      ],
    }),
    expected: [
      ['unknown-type', '/models/user/fields/1/type'],
      ['unknown-type', '/models/user/fields/2/type'],
    ],
  },
  {
    description: 'a resolved import: its definitions decide, and enum defaults are checked against it',
    service: service({
      imports: [importRecord('acme.v0', { enums: ['color'] })],
      models: [
        model('user', [
          field('a', named('enum', 'color', 'acme.v0'), { default: 'red' }),
          field('b', named('enum', 'color', 'acme.v0'), { default: 'blue' }),
        ]),
      ],
    }),
    imports: [
      service({
        namespace: 'acme.v0',
        enums: [
          {
            name: 'color',
            plural: 'colors',
            values: [{ name: 'red', value: 'red', attributes: [] }],
            attributes: [],
          },
        ],
      }),
    ],
    expected: [['invalid-default', '/models/user/fields/1/default']],
  },
  {
    description: 'an imported type as a union member',
    service: service({
      imports: [importRecord('acme.v0', { models: ['thing'] })],
      models: [model('user')],
      unions: [union('party', [user, named('model', 'thing', 'acme.v0')])],
    }),
    expected: [['imported-union-member', '/unions/party/types/1/type']],
  },
  {
    description: 'a union member of unknown kind',
    service: service({ unions: [union('party', [{ kind: 'unknown', name: 'ghost' }])] }),
    expected: [['unknown-type', '/unions/party/types/0/type']],
  },
  {
    description: 'an interface from a resolved import is checked for conformance',
    service: service({
      imports: [importRecord('acme.v0', { interfaces: ['named'] })],
      models: [model('user', [field('id')], ['acme.v0.interfaces.named'])],
    }),
    imports: [
      service({
        namespace: 'acme.v0',
        interfaces: [{ name: 'named', plural: 'nameds', fields: [field('name')], attributes: [] }],
      }),
    ],
    expected: [['interface-field-missing', '/models/user/interfaces/0']],
  },
  {
    description: 'a union containing itself directly',
    service: service({ unions: [union('a', [named('union', 'a')])] }),
    expected: [['recursive-union', '/unions/a']],
  },
  {
    description: 'a unit response on 204 and 304 passes; a map resource does not',
    service: service({
      models: [model('user')],
      resources: [
        resource(user, [
          operation('DELETE', '/users/:id', {
            responses: [{ code: 304, type: unit, headers: [], attributes: [] }],
          }),
        ]),
        resource({ kind: 'map', of: str }, [operation('GET', '/maps')]),
      ],
    }),
    expected: [['invalid-resource-type', '/resources/map[string]']],
  },
];

describe('validateService on hand-built IR', () => {
  for (const c of cases) {
    it(c.description, () => {
      const actual = validateService(c.service, { pointers: new Map(), imports: c.imports ?? [] }).map(
        (d) => [d.code, d.path],
      );
      assert.deepEqual(actual, c.expected);
    });
  }

  it('uses the parser pointers when it has them', () => {
    const bad = model('user', [field('id', { kind: 'unknown', name: 'nope' })]);
    const pointers = new Map<object, string>([
      [bad, '/models/3'],
      [bad.fields[0]!, '/models/3/fields/0'],
    ]);
    const [finding] = validateService(service({ models: [bad] }), { pointers, imports: [] });
    assert.deepEqual([finding?.code, finding?.path], ['unknown-type', '/models/3/fields/0/type']);
    assert.match(finding?.message ?? '', /Model\[user\] Field\[id\] type\[nope\] not found/);
  });

  it('suggests a local name that differs only in case', () => {
    const [finding] = validateService(
      service({
        models: [model('user'), model('order', [field('buyer', { kind: 'unknown', name: 'User' })])],
      }),
      {
        pointers: new Map(),
        imports: [],
      },
    );
    assert.match(finding?.message ?? '', /Did you mean 'user'\?/);
  });

  it('an unknown type left by a parse error (empty name) is not reported twice', () => {
    const findings = validateService(
      service({ models: [model('user', [field('id', { kind: 'unknown', name: '' })])] }),
      { pointers: new Map(), imports: [] },
    );
    assert.deepEqual(findings, []);
  });

  it(`namespaces are compared exactly (${NS})`, () => {
    const findings = validateService(
      service({ models: [model('user', [field('a', named('model', 'user', 'other.v0'))])] }),
      { pointers: new Map(), imports: [] },
    );
    assert.deepEqual(
      findings.map((d) => d.code),
      ['unknown-type'],
    );
  });
});
