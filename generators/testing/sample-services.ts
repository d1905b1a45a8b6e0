import { emptyService } from '../../core/empty-service.js';
import type { Field, Model, Operation, Parameter, Response, Service, TypeRef } from '../../core/ir.js';

/** Hand-built IR services for generator tests: small, but touching every feature. */

const NS = 'io.canon.people.v0';
const COMMON = 'io.canon.common.v0';

export const prim = (name: Extract<TypeRef, { kind: 'primitive' }>['name']): TypeRef => ({
  kind: 'primitive',
  name,
});
export const list = (of: TypeRef): TypeRef => ({ kind: 'list', of });
export const map = (of: TypeRef): TypeRef => ({ kind: 'map', of });
const model = (name: string, namespace = NS): TypeRef => ({ kind: 'model', name, namespace });
const enumRef = (name: string, namespace = NS): TypeRef => ({ kind: 'enum', name, namespace });
const unionRef = (name: string, namespace = NS): TypeRef => ({ kind: 'union', name, namespace });

export function field(name: string, type: TypeRef, required = true, extra: Partial<Field> = {}): Field {
  return { name, type, required, annotations: [], attributes: [], ...extra };
}

function modelOf(name: string, fields: Field[], extra: Partial<Model> = {}): Model {
  return { name, plural: `${name}s`, fields, interfaces: [], attributes: [], ...extra };
}

function param(
  name: string,
  type: TypeRef,
  location: Parameter['location'],
  required = true,
  extra: Partial<Parameter> = {},
): Parameter {
  return { name, type, location, required, attributes: [], ...extra };
}

function response(code: Response['code'], type: TypeRef): Response {
  return { code, type, headers: [], attributes: [] };
}

function op(method: Operation['method'], path: string, extra: Partial<Operation> = {}): Operation {
  return { method, path, parameters: [], responses: [response(200, prim('unit'))], attributes: [], ...extra };
}

function namedService(name: string, namespace: string): Service {
  return emptyService({
    name,
    organization: { key: 'canon' },
    application: { key: name },
    namespace,
    version: '1.2.3',
  });
}

/** An imported service: one model and one enum. */
export const commonService: Service = {
  ...namedService('common', COMMON),
  enums: [
    {
      name: 'currency',
      plural: 'currencies',
      values: ['EUR', 'USD'].map((value) => ({ name: value, value, attributes: [] })),
      attributes: [],
    },
  ],
  models: [
    modelOf('money', [field('amount', prim('decimal')), field('currency', enumRef('currency', COMMON))]),
  ],
};

/** The main sample: users with every parameter location, unions of both wire shapes, an import. */
export const peopleService: Service = {
  ...namedService('people', NS),
  description: 'People and their pets.',
  baseUrl: 'https://api.example.com',
  imports: [
    {
      uri: 'https://example.com/common/service.json',
      namespace: COMMON,
      organization: { key: 'canon' },
      application: { key: 'common' },
      version: '1.0.0',
      enums: ['currency'],
      interfaces: [],
      unions: [],
      models: ['money'],
      annotations: [],
    },
  ],
  enums: [
    {
      name: 'user_status',
      plural: 'user_statuses',
      description: 'Whether a user may sign in.',
      values: [
        { name: 'active', value: 'active', attributes: [] },
        { name: 'blocked', value: 'blocked-by-admin', description: 'Blocked by an admin.', attributes: [] },
      ],
      attributes: [],
    },
  ],
  interfaces: [{ name: 'named', plural: 'nameds', fields: [field('name', prim('string'))], attributes: [] }],
  models: [
    modelOf(
      'user',
      [
        field('id', prim('uuid'), true, { description: 'Stable id.' }),
        field('name', prim('string'), true, { minimum: 1, maximum: 40 }),
        field('email', prim('string'), false),
        field('status', enumRef('user_status')),
        field('age', prim('integer'), false, { minimum: 0, maximum: 150 }),
        field('born_on', prim('date-iso8601'), false),
        field('created_at', prim('date-time-iso8601')),
        field('tags', list(prim('string'))),
        field('balance', model('money', COMMON), false),
        field('meta', map(prim('long')), false),
        field('first-name', prim('string'), false, { deprecation: { description: 'Use name.' } }),
      ],
      { description: 'A person who can sign in.', interfaces: ['named'] },
    ),
    modelOf('user_form', [
      field('name', prim('string')),
      field('email', prim('string'), false),
      field('status', enumRef('user_status'), true, { default: 'active' }),
      field('tags', list(prim('string'))),
    ]),
    modelOf('error', [field('code', prim('string')), field('message', prim('string'))]),
    modelOf('dog', [field('name', prim('string')), field('good', prim('boolean'))]),
    modelOf('cat', [
      field('name', prim('string')),
      field('lives', prim('integer'), true, { minimum: 1, maximum: 9 }),
    ]),
  ],
  unions: [
    {
      name: 'pet',
      plural: 'pets',
      discriminator: 'kind',
      types: [
        { type: model('dog'), discriminatorValue: 'dog', default: false, attributes: [] },
        { type: model('cat'), discriminatorValue: 'cat', default: false, attributes: [] },
        { type: prim('integer'), discriminatorValue: 'integer', default: false, attributes: [] },
      ],
      interfaces: [],
      attributes: [],
    },
    {
      name: 'contact',
      plural: 'contacts',
      description: 'A wrapped union: no discriminator.',
      types: [
        { type: model('user'), discriminatorValue: 'user', default: false, attributes: [] },
        { type: prim('string'), discriminatorValue: 'string', default: false, attributes: [] },
        { type: enumRef('user_status'), discriminatorValue: 'user_status', default: false, attributes: [] },
      ],
      interfaces: [],
      attributes: [],
    },
  ],
  resources: [
    {
      type: model('user'),
      plural: 'users',
      path: '/users',
      description: 'Users of the system.',
      attributes: [],
      operations: [
        op('GET', '/users', {
          description: 'Lists users.',
          parameters: [
            param('id', list(prim('uuid')), 'query', false),
            param('status', enumRef('user_status'), 'query', false),
            param('limit', prim('integer'), 'query', false, { default: '25', minimum: 1, maximum: 100 }),
            param('X-Trace', prim('string'), 'header', false),
          ],
          responses: [response(200, list(model('user'))), response(401, prim('unit'))],
        }),
        op('GET', '/users/:id', {
          parameters: [param('id', prim('uuid'), 'path')],
          responses: [response(200, model('user')), response(404, prim('unit'))],
        }),
        op('POST', '/users', {
          body: { type: model('user_form'), attributes: [] },
          responses: [response(201, model('user')), response(422, list(model('error')))],
        }),
        op('PUT', '/users/:id', {
          body: { type: model('user_form'), attributes: [] },
          parameters: [param('id', prim('uuid'), 'path')],
          responses: [
            response(200, model('user')),
            response(404, prim('unit')),
            response(422, list(model('error'))),
          ],
        }),
        op('DELETE', '/users/:id', {
          parameters: [param('id', prim('uuid'), 'path')],
          responses: [response(204, prim('unit')), response(404, prim('unit'))],
        }),
        op('GET', '/users/:id/pets/:pet_name', {
          parameters: [param('id', prim('uuid'), 'path'), param('pet_name', prim('string'), 'path')],
          responses: [response(200, unionRef('pet')), response('default', list(model('error')))],
        }),
        op('GET', '/users/:id/compare/:base...:head.json', {
          parameters: [
            param('id', prim('uuid'), 'path'),
            param('base', prim('string'), 'path'),
            param('head', prim('string'), 'path'),
          ],
          responses: [response(200, prim('string'))],
        }),
        op('POST', '/users/:id/block', {
          operationId: 'blockUser',
          parameters: [param('id', prim('uuid'), 'path'), param('reason', prim('string'), 'form', false)],
          responses: [response(200, model('user'))],
          deprecation: {},
        }),
      ],
    },
    {
      type: unionRef('contact'),
      plural: 'contacts',
      path: '/contacts',
      attributes: [],
      operations: [op('GET', '/contacts', { responses: [response(200, list(unionRef('contact')))] })],
    },
  ],
};

// biome-ignore lint/suspicious/noTemplateCurlyInString: hostile input on purpose
const EVIL = 'evil\' " ` ${process.exit(1)} */ /* \u2028 \u2029 \\ </script>';

/** Names and descriptions chosen to break naive generators. */
export const hostileService: Service = {
  ...namedService(`hostile ${EVIL}`, "io.evil'; process.exit(1); //.v0"),
  description: EVIL,
  enums: [
    {
      name: 'constructor',
      plural: 'constructors',
      description: EVIL,
      values: [
        { name: 'a', value: EVIL, attributes: [] },
        { name: 'b', value: '__proto__', attributes: [] },
        { name: 'c', value: 'delete', attributes: [] },
      ],
      attributes: [],
    },
  ],
  models: [
    modelOf(
      '__proto__',
      [
        field('constructor', prim('string'), true, { description: EVIL }),
        field('__proto__', prim('string')),
        field('delete', prim('integer'), false, { default: EVIL, example: EVIL }),
        field(EVIL, enumRef('constructor', "io.evil'; process.exit(1); //.v0")),
      ],
      { description: EVIL, deprecation: { description: EVIL } },
    ),
    modelOf('delete', [field('x', prim('string'))]),
    modelOf('object', [field('y', map(prim('string')))]),
    modelOf('record', [field('z', map(model('delete', "io.evil'; process.exit(1); //.v0")))]),
  ],
  unions: [
    {
      name: 'function',
      plural: 'functions',
      discriminator: EVIL,
      types: [
        {
          type: model('delete', "io.evil'; process.exit(1); //.v0"),
          discriminatorValue: EVIL,
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
      type: model('delete', "io.evil'; process.exit(1); //.v0"),
      plural: 'constructor',
      path: '/constructor',
      description: EVIL,
      attributes: [],
      operations: [
        op('GET', '/constructor/:__proto__', {
          description: EVIL,
          parameters: [
            param('__proto__', prim('string'), 'path'),
            param(EVIL, prim('string'), 'query', false),
          ],
          responses: [response(200, model('__proto__', "io.evil'; process.exit(1); //.v0"))],
        }),
        op('DELETE', '/constructor/:__proto__', {
          operationId: 'delete',
          parameters: [
            param('__proto__', prim('string'), 'path'),
            param('constructor', prim('string'), 'header'),
          ],
          responses: [response(204, prim('unit'))],
        }),
      ],
    },
  ],
};
