import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadSpec } from '../load.js';
import { LINT_RULES, type LintConfig, lint, parseLintConfig } from './index.js';

type Json = Record<string, unknown>;
interface Case {
  description: string;
  spec: Json;
  config?: LintConfig;
  allowDiagnostics?: string[];
  expected: string[];
}

const field = (name: string, type: string, extra: Json = {}) => ({ name, type, ...extra });
const eventHeader = [field('event_id', 'string'), field('timestamp', 'date-time-iso8601')];
const PAGING = [
  { name: 'limit', type: 'long', default: 25, minimum: 1, maximum: 100 },
  { name: 'offset', type: 'long', default: 0, minimum: 0 },
];
/** A resource `user` whose operations follow every convention unless a case overrides them. */
function users(operations: Json[], models: Json = {}): Json {
  return {
    name: 'test',
    models: {
      user: { fields: [field('id', 'string'), field('name', 'string')] },
      user_form: { fields: [field('name', 'string')] },
      ...models,
    },
    resources: { user: { operations } },
  };
}
const get = (extra: Json = {}) => ({
  method: 'GET',
  path: '/:id',
  responses: { 200: { type: 'user' }, 401: { type: 'unit' } },
  ...extra,
});
const list = (parameters: Json[] = PAGING) => ({
  method: 'GET',
  parameters,
  responses: { 200: { type: '[user]' }, 401: { type: 'unit' } },
});
const post = (body = 'user_form') => ({
  method: 'POST',
  body: { type: body },
  responses: { 201: { type: 'user' }, 401: { type: 'unit' }, 422: { type: 'unit' } },
});
function events(models: Json, members: string[], union = 'test_event'): Json {
  return {
    name: 'test',
    models,
    unions: { [union]: { discriminator: 'discriminator', types: members.map((type) => ({ type })) } },
  };
}
const upserted = { fields: [...eventHeader, field('user', 'user')] };
const deleted = { fields: [...eventHeader, field('id', 'string')] };
const user = { fields: [field('id', 'string')] };

const cases: Case[] = [
  { description: 'a conventional resource is clean', spec: users([get(), list(), post()]), expected: [] },
  {
    description: 'a conventional event union is clean',
    spec: events({ user, user_upserted: upserted, user_deleted: deleted }, ['user_upserted', 'user_deleted']),
    expected: [],
  },
  {
    description: 'a union holding only events must be named *_event',
    spec: events(
      { user, user_upserted: upserted, user_deleted: deleted },
      ['user_upserted', 'user_deleted'],
      'changes',
    ),
    expected: ['event-union-name warning unions/changes'],
  },
  {
    description: 'an upserted event without its deleted event',
    spec: events({ user, user_upserted: upserted }, ['user_upserted']),
    expected: ['event-upserted-has-deleted error models/user_upserted'],
  },
  {
    description: 'versioned events pair by version',
    spec: events({ user, user_upserted_v2: upserted, user_deleted: deleted }, [
      'user_upserted_v2',
      'user_deleted',
    ]),
    expected: ['event-upserted-has-deleted error models/user_upserted_v2'],
  },
  {
    description: 'event fields must start with event_id then timestamp',
    spec: events(
      {
        user,
        user_upserted: {
          fields: [
            field('timestamp', 'date-time-iso8601'),
            field('event_id', 'string'),
            field('user', 'user'),
          ],
        },
        user_deleted: deleted,
      },
      ['user_upserted', 'user_deleted'],
    ),
    expected: ['event-field-order error models/user_upserted'],
  },
  {
    description: 'the timestamp must be a date-time',
    spec: events(
      {
        user,
        user_upserted: upserted,
        user_deleted: {
          fields: [field('event_id', 'string'), field('timestamp', 'string'), field('id', 'string')],
        },
      },
      ['user_upserted', 'user_deleted'],
    ),
    expected: ['event-field-order error models/user_deleted'],
  },
  {
    description: 'a deleted event must carry the id',
    spec: events(
      {
        user,
        user_upserted: upserted,
        user_deleted: { fields: [...eventHeader, field('reason', 'string')] },
      },
      ['user_upserted', 'user_deleted'],
    ),
    expected: ['event-deleted-has-id error models/user_deleted'],
  },
  {
    description: 'a deleted event may carry the deleted model instead of its id',
    spec: events(
      { user, user_upserted: upserted, user_deleted: { fields: [...eventHeader, field('user', 'user')] } },
      ['user_upserted', 'user_deleted'],
    ),
    expected: [],
  },
  {
    description: 'an upserted event must carry a payload model',
    spec: events(
      { user, user_upserted: { fields: [...eventHeader, field('name', 'string')] }, user_deleted: deleted },
      ['user_upserted', 'user_deleted'],
    ),
    expected: ['event-upserted-payload-has-id error models/user_upserted'],
  },
  {
    description: 'the upserted payload model must have an id',
    spec: events(
      { user: { fields: [field('name', 'string')] }, user_upserted: upserted, user_deleted: deleted },
      ['user_upserted', 'user_deleted'],
    ),
    expected: ['event-upserted-payload-has-id error models/user_upserted'],
  },
  {
    description: 'a union without a discriminator',
    spec: {
      name: 'test',
      models: { a: user, b: user },
      unions: { thing: { types: [{ type: 'a' }, { type: 'b' }] } },
    },
    expected: ['union-discriminator warning unions/thing'],
  },
  {
    description: 'a union with an unconventional discriminator name',
    spec: {
      name: 'test',
      models: { a: user, b: user },
      unions: { thing: { discriminator: 'kind', types: [{ type: 'a' }, { type: 'b' }] } },
    },
    expected: ['union-discriminator warning unions/thing'],
  },
  {
    description: 'names must be snake_case',
    spec: { name: 'test', models: { UserProfile: { fields: [field('firstName', 'string')] } } },
    expected: [
      'snake-case-names warning models/UserProfile',
      'snake-case-names warning models/UserProfile/fields/firstName',
    ],
  },
  {
    description: 'header parameters and enum values are exempt from snake_case',
    spec: {
      name: 'test',
      enums: { incoterm: { values: [{ name: 'EXW' }] } },
      ...users([
        get({ parameters: [{ name: 'X-Trace', type: 'string', location: 'header', required: false }] }),
      ]),
    },
    expected: [],
  },
  {
    description: 'inclusive terminology in names, enum values and paths',
    spec: {
      ...users([
        get(),
        { method: 'GET', path: '/master', responses: { 200: { type: 'user' }, 401: { type: 'unit' } } },
      ]),
      enums: { list_kind: { values: [{ name: 'white_list' }, { name: 'mastercard' }] } },
    },
    expected: [
      'inclusive-terminology warning enums/list_kind/values/white_list',
      'inclusive-terminology warning resources/user/operations/GET /users/master',
    ],
  },
  {
    description: 'create and update bodies are forms',
    spec: users([
      get(),
      post('user'),
      {
        method: 'PUT',
        path: '/:id',
        body: { type: 'user' },
        responses: { 200: { type: 'user' }, 401: { type: 'unit' }, 422: { type: 'unit' } },
      },
    ]),
    expected: [
      'form-naming warning resources/user/operations/POST /users/body',
      'form-naming warning resources/user/operations/PUT /users/:id/body',
    ],
  },
  {
    description: 'bodies of other actions may be named freely',
    spec: users([
      get(),
      {
        method: 'POST',
        path: '/:id/actions',
        body: { type: 'user' },
        responses: { 200: { type: 'user' }, 401: { type: 'unit' }, 422: { type: 'unit' } },
      },
    ]),
    expected: [],
  },
  {
    description: 'paths must be lower case',
    spec: { ...users([get(), list(), post()]), resources: { user: { path: '/Users', operations: [get()] } } },
    expected: ['lower-case-paths error resources/user/operations/GET /Users/:id'],
  },
  {
    description: 'paths have no trailing slash',
    spec: users([get({ path: '/:id/' })]),
    expected: ['no-trailing-slash error resources/user/operations/GET /users/:id/'],
  },
  {
    description: 'two operations with the same method and URL pattern',
    spec: {
      ...users([get()]),
      resources: {
        user: { operations: [get()] },
        user_form: { path: '/users', operations: [get({ path: '/:name' })] },
      },
    },
    // Validation reports it too (duplicate-operation); lint keeps it for specs read without validation.
    allowDiagnostics: ['duplicate-operation'],
    expected: ['duplicate-method-path error resources/user_form/operations/GET /users/:name'],
  },
  {
    description: 'a literal suffix after a parameter makes another pattern',
    spec: users([get(), get({ path: '/:id.html' })]),
    expected: [],
  },
  {
    description: 'standard response codes per method',
    spec: users([
      get({ responses: { 200: { type: 'user' } } }),
      { method: 'DELETE', path: '/:id', responses: { 204: { type: 'unit' }, 401: { type: 'unit' } } },
    ]),
    expected: [
      'standard-response-codes warning resources/user/operations/GET /users/:id',
      'standard-response-codes warning resources/user/operations/DELETE /users/:id',
    ],
  },
  {
    description: 'healthchecks are exempt from response codes and paging',
    spec: {
      name: 'test',
      models: { healthcheck: { fields: [field('status', 'string')] } },
      resources: {
        healthcheck: {
          path: '/_internal_/healthcheck',
          operations: [{ method: 'GET', responses: { 200: { type: '[healthcheck]' } } }],
        },
      },
    },
    expected: [],
  },
  {
    description: 'list operations need limit and offset',
    spec: users([get(), list([])]),
    expected: [
      'list-paging-parameters warning resources/user/operations/GET /users',
      'list-paging-parameters warning resources/user/operations/GET /users',
    ],
  },
  {
    description: 'limit must be long with default 25 and bounds 1..100',
    spec: users([get(), list([{ ...PAGING[0], maximum: 1000 }, PAGING[1]!])]),
    expected: ['list-paging-parameters warning resources/user/operations/GET /users/parameters/limit'],
  },
  {
    description: 'config turns a rule off',
    spec: users([get(), list([])]),
    config: { rules: { 'list-paging-parameters': 'off' } },
    expected: [],
  },
  {
    description: 'config changes a level',
    spec: users([get({ path: '/:id/' })]),
    config: { rules: { 'no-trailing-slash': 'warning' } },
    expected: ['no-trailing-slash warning resources/user/operations/GET /users/:id/'],
  },
  {
    description: 'config ignores paths with wildcards, and everything inside them',
    spec: {
      name: 'test',
      models: { LegacyA: { fields: [field('X', 'string')] }, LegacyB: user, Other: user },
    },
    config: { ignore: ['models/Legacy*'] },
    expected: ['snake-case-names warning models/Other'],
  },
  {
    description: 'a canon-lint attribute silences a rule on the element and inside it',
    spec: {
      name: 'test',
      models: {
        BadModel: {
          attributes: [{ name: 'canon-lint', value: { ignore: ['snake-case-names'] } }],
          fields: [field('BadField', 'string')],
        },
        OtherModel: user,
      },
    },
    expected: ['snake-case-names warning models/OtherModel'],
  },
  {
    description: "Flow's linter attribute keeps its exemptions",
    spec: users([get(), { ...list([]), attributes: [{ name: 'linter', value: { ignore: ['get'] } }] }]),
    expected: [],
  },
];

describe('lint', () => {
  for (const c of cases) {
    it(c.description, async () => {
      const result = await loadSpec(JSON.stringify(c.spec));
      const errors = result.diagnostics.filter(
        (d) => d.severity !== 'warning' && !c.allowDiagnostics?.includes(d.code),
      );
      assert.deepEqual(errors, [], 'the test spec must be valid');
      assert.ok(result.service);
      const findings = lint(result.service, c.config).map((f) => `${f.rule} ${f.level} ${f.path}`);
      assert.deepEqual(findings.sort(), [...c.expected].sort());
    });
  }

  it('has a table case for every rule', () => {
    const covered = new Set(cases.flatMap((c) => c.expected.map((e) => e.split(' ')[0])));
    assert.deepEqual(
      LINT_RULES.map((r) => r.id).filter((id) => !covered.has(id)),
      [],
    );
  });
});

describe('parseLintConfig', () => {
  const ids = LINT_RULES.map((r) => r.id);
  it('accepts rules and ignore', () => {
    assert.deepEqual(parseLintConfig({ rules: { 'form-naming': 'off' }, ignore: ['models/x'] }, ids), {
      config: { rules: { 'form-naming': 'off' }, ignore: ['models/x'] },
      problems: [],
    });
  });
  it('names every problem', () => {
    const { problems } = parseLintConfig(
      { rules: { 'no-such-rule': 'off', 'form-naming': 'loud' }, ignore: 'x', extra: 1 },
      ids,
    );
    assert.equal(problems.length, 4);
    assert.match(problems.join('\n'), /no-such-rule/);
    assert.match(problems.join('\n'), /"loud"/);
  });
});
