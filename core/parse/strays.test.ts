import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { serviceJsonSchema } from '../schema/service-json-schema.js';
import { validateServiceJsonStructure } from '../validate/structure.js';
import { isObject, type Json } from './read.js';
import { parseServiceJson } from './service-json.js';

// loadSpec skips the service.json schema check when the parser met no stray value. That is only
// right if every document the schema rejects makes the parser count at least one stray; these
// tests break a document covering every element kind in every place the schema constrains.

const described = {
  description: 'd',
  deprecation: { description: 'old' },
  attributes: [{ name: 'a', value: { x: 1 }, description: 'd', deprecation: {} }],
};

const everyElement: Json = {
  name: 'shop',
  organization: { key: 'acme' },
  application: { key: 'shop' },
  namespace: 'io.acme.shop.v0',
  version: '1.0.0',
  info: { contact: { name: 'A' }, license: { name: 'MIT' } },
  base_url: 'https://shop.invalid',
  description: 'd',
  headers: [{ name: 'X-Id', type: 'string', required: false, default: 'x', ...described }],
  imports: [
    {
      uri: 'https://specs.invalid/common.json',
      namespace: 'io.acme.common.v0',
      organization: { key: 'acme' },
      application: { key: 'common' },
      version: '1.0.0',
      enums: ['color'],
      interfaces: [],
      unions: [],
      models: ['money'],
      annotations: [{ name: 'pii', ...described }],
    },
  ],
  enums: [
    { name: 'size', plural: 'sizes', values: [{ name: 'small', value: 'S', ...described }], ...described },
  ],
  interfaces: [{ name: 'named', plural: 'nameds', fields: [{ name: 'name', type: 'string' }], ...described }],
  models: [
    {
      name: 'item',
      plural: 'items',
      interfaces: ['named'],
      fields: [
        { name: 'name', type: 'string' },
        {
          name: 'count',
          type: 'integer',
          required: false,
          default: '1',
          example: '2',
          minimum: 0,
          maximum: 9,
          annotations: ['pii'],
          ...described,
        },
      ],
      ...described,
    },
  ],
  unions: [
    {
      name: 'thing',
      plural: 'things',
      discriminator: 'kind',
      interfaces: [],
      types: [{ type: 'item', default: true, discriminator_value: 'item', ...described }],
      ...described,
    },
  ],
  resources: [
    {
      type: 'item',
      plural: 'items',
      path: '/items',
      operations: [
        {
          method: 'POST',
          path: '/items/:name',
          body: { type: 'item', ...described },
          parameters: [
            {
              name: 'name',
              type: 'string',
              location: 'Path',
              required: true,
              default: 'x',
              minimum: 1,
              maximum: 2,
              example: 'x',
              ...described,
            },
          ],
          responses: [
            {
              code: { integer: { value: 201 } },
              type: 'item',
              headers: [{ name: 'Location', type: 'string' }],
              ...described,
            },
          ],
          ...described,
        },
      ],
      ...described,
    },
  ],
  annotations: [{ name: 'pii', ...described }],
  attributes: [{ name: 'a', value: {} }],
};

/** Every property name the schema constrains anywhere. */
function schemaKeys(): string[] {
  const keys = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (isObject(node)) {
      if (isObject(node.properties)) for (const key of Object.keys(node.properties)) keys.add(key);
      Object.values(node).forEach(walk);
    }
  };
  walk(serviceJsonSchema);
  return [...keys].sort();
}

const WRONG_VALUES: unknown[] = [
  undefined,
  null,
  42,
  1.5,
  '',
  ' ',
  'x',
  'true',
  true,
  [],
  ['x'],
  [42],
  [{}],
  {},
  { key: 1 },
  { name: 1 },
];

/** Calls `check` with the document after each mutation, restoring it after each. */
function eachMutation(doc: Json, keys: string[], check: (where: string) => void): number {
  let count = 0;
  const visit = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => {
        for (const wrong of [42, 'x', null, []]) {
          node[i] = wrong;
          check(`${path}/${i} = ${JSON.stringify(wrong)}`);
          count++;
        }
        node[i] = item;
        visit(item, `${path}/${i}`);
      });
      return;
    }
    if (!isObject(node)) return;
    for (const key of keys) {
      const had = Object.hasOwn(node, key);
      const original = node[key];
      for (const wrong of WRONG_VALUES) {
        if (wrong === undefined) delete node[key];
        else node[key] = wrong;
        check(`${path}/${key} = ${wrong === undefined ? '(missing)' : JSON.stringify(wrong)}`);
        count++;
      }
      if (had) node[key] = original;
      else delete node[key];
    }
    for (const [key, value] of Object.entries(node)) visit(value, `${path}/${key}`);
  };
  visit(doc, '');
  return count;
}

function strays(doc: Json): number {
  return parseServiceJson(doc, new Map()).strays;
}

describe('stray values in service.json', () => {
  it('a document of every element kind has none, and passes the schema', () => {
    assert.deepEqual(validateServiceJsonStructure(everyElement), []);
    assert.equal(strays(everyElement), 0);
  });

  it('every mutation the schema rejects is counted as a stray', () => {
    const doc = structuredClone(everyElement);
    const missed: string[] = [];
    let rejected = 0;
    const cases = eachMutation(doc, schemaKeys(), (where) => {
      if (validateServiceJsonStructure(doc).length === 0) return;
      rejected++;
      if (strays(doc) === 0) missed.push(where);
    });
    assert.deepEqual(missed, []);
    // The mutations must really exercise the schema, not just pass through it.
    assert.ok(cases > 10_000 && rejected > 2_000, `${rejected} of ${cases} mutations rejected`);
    assert.deepEqual(doc, everyElement, 'the mutations were all undone');
  });

  for (const file of [
    'apibuilder-generator/reference-api__service.json',
    'apibuilder-generator/reference-service.json',
    'apibuilder-generator/examples__union-types-discriminator__api__service.json',
    'flow/flow-api-service.json',
  ]) {
    it(`${file} has none and passes the schema`, () => {
      const path = fileURLToPath(new URL(`../../../fixtures/corpus/${file}`, import.meta.url));
      const doc = JSON.parse(readFileSync(path, 'utf8')) as Json;
      assert.deepEqual(validateServiceJsonStructure(doc), []);
      assert.equal(strays(doc), 0);
    });
  }
});
