import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  COMPATIBILITY_LEVELS,
  type CompatibilityLevel,
  type CompatibilityPolicy,
  checkCompatibility,
  compareSchemas,
  type JsonSchema,
  type PriorVersion,
  SchemaReferenceError,
  versionsChecked,
} from './index.js';

const history = (...schemas: JsonSchema[]): PriorVersion[] =>
  schemas.map((schema, i) => ({ version: i + 1, schema: { schema } }));
const closed = (properties: Record<string, JsonSchema>): JsonSchema => ({
  type: 'object',
  properties,
  additionalProperties: false,
});
const limited = (maxLength: number): JsonSchema => ({ type: 'string', maxLength });

/** What a level says about a candidate: the versions it fails against, with the direction. */
const verdict = (
  level: CompatibilityLevel,
  policy: CompatibilityPolicy,
  candidate: JsonSchema,
  prior: PriorVersion[],
) => [
  ...new Set(
    checkCompatibility(level, policy, { schema: candidate }, prior).map(
      (i) => `${i.direction} v${i.againstVersion}`,
    ),
  ),
];

describe('compatibility levels', () => {
  it('checks the latest version for plain levels, every version (newest first) for transitive ones, none for NONE', () => {
    const prior = history(limited(1), limited(2), limited(3));
    const checked = (level: CompatibilityLevel) => versionsChecked(level, prior).map((p) => p.version);
    assert.deepEqual(checked('NONE'), []);
    for (const level of ['BACKWARD', 'FORWARD', 'FULL'] as const) assert.deepEqual(checked(level), [3]);
    for (const level of ['BACKWARD_TRANSITIVE', 'FORWARD_TRANSITIVE', 'FULL_TRANSITIVE'] as const) {
      assert.deepEqual(checked(level), [3, 2, 1]);
    }
    assert.equal(COMPATIBILITY_LEVELS.length, 7);
  });

  // maxLength 10, then 20; the candidate allows 15: it reads v1's data but not v2's, and v2 (not v1) reads its data.
  const prior = history(limited(10), limited(20));
  const table: [CompatibilityLevel, string[]][] = [
    ['NONE', []],
    ['BACKWARD', ['backward v2']],
    ['BACKWARD_TRANSITIVE', ['backward v2']],
    ['FORWARD', []],
    ['FORWARD_TRANSITIVE', ['forward v1']],
    ['FULL', ['backward v2']],
    ['FULL_TRANSITIVE', ['backward v2', 'forward v1']],
  ];
  for (const [level, expected] of table) {
    it(`${level} on a three-version history: direction and versions`, () => {
      assert.deepEqual(verdict(level, 'STRICT', limited(15), prior), expected);
    });
  }

  describe('the transitive pitfall: a field deleted in v2 and re-added with another type in v3', () => {
    const v1 = closed({ id: { type: 'string' }, amount: { type: 'string' } });
    const v2 = closed({ id: { type: 'string' } });
    const v3 = closed({ id: { type: 'string' }, amount: { type: 'number' } });
    it('v2 passes BACKWARD under LENIENT (and fails under STRICT: a closed model lost a property)', () => {
      assert.deepEqual(verdict('BACKWARD', 'LENIENT', v2, history(v1)), []);
      assert.deepEqual(verdict('BACKWARD', 'STRICT', v2, history(v1)), ['backward v1']);
    });
    it('v3 passes BACKWARD against v2 alone', () => {
      assert.deepEqual(verdict('BACKWARD', 'LENIENT', v3, history(v1, v2)), []);
    });
    it('v3 fails BACKWARD_TRANSITIVE: v1 data carries amount as a string', () => {
      assert.deepEqual(verdict('BACKWARD_TRANSITIVE', 'LENIENT', v3, history(v1, v2)), ['backward v1']);
      const [found] = checkCompatibility('BACKWARD_TRANSITIVE', 'LENIENT', { schema: v3 }, history(v1, v2));
      assert.deepEqual(found?.difference, {
        type: 'TYPE_CHANGED',
        path: '#/properties/amount',
        before: 'string',
        after: 'number',
      });
    });
    it('FORWARD passes against v2, FORWARD_TRANSITIVE and FULL_TRANSITIVE fail against v1', () => {
      assert.deepEqual(verdict('FORWARD', 'LENIENT', v3, history(v1, v2)), []);
      assert.deepEqual(verdict('FORWARD_TRANSITIVE', 'LENIENT', v3, history(v1, v2)), ['forward v1']);
      assert.deepEqual(verdict('FULL', 'LENIENT', v3, history(v1, v2)), []);
      assert.deepEqual(verdict('FULL_TRANSITIVE', 'LENIENT', v3, history(v1, v2)), [
        'backward v1',
        'forward v1',
      ]);
    });
  });
});

describe('references', () => {
  const address = (maxLength: number): JsonSchema => ({
    type: 'object',
    properties: { street: limited(maxLength) },
  });
  const order: JsonSchema = { type: 'object', properties: { ship_to: { $ref: 'address.json' } } };

  it('follows $ref into referenced schemas by name, with the path where the reference is used', () => {
    const differences = compareSchemas(
      { schema: order, references: new Map([['address.json', address(40)]]) },
      { schema: order, references: new Map([['address.json', address(30)]]) },
    );
    assert.deepEqual(
      differences.map((d) => `${d.type} ${d.path}`),
      ['MAX_LENGTH_DECREASED #/properties/ship_to/properties/street/maxLength'],
    );
  });

  it('refuses a reference that names no referenced schema, and one that points at nothing', () => {
    assert.throws(
      () => compareSchemas({ schema: order }, { schema: order }),
      (e: unknown) => e instanceof SchemaReferenceError && /names no referenced schema/.test(e.message),
    );
    const dangling: JsonSchema = { properties: { a: { $ref: '#/$defs/missing' } } };
    assert.throws(() => compareSchemas({ schema: dangling }, { schema: dangling }), /points at nothing/);
  });

  it('refuses a chain of references that leads back to itself', () => {
    const loop: JsonSchema = {
      $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } },
      properties: { x: { $ref: '#/$defs/a' } },
    };
    assert.throws(() => compareSchemas({ schema: loop }, { schema: loop }), /leads back to itself/);
  });

  it('compares mutually recursive schemas across a reference without looping', () => {
    const tree = (leaf: JsonSchema): JsonSchema => ({
      $defs: {
        node: {
          type: 'object',
          properties: { leaf, children: { type: 'array', items: { $ref: '#/$defs/node' } } },
        },
      },
      $ref: '#/$defs/node',
    });
    const found = compareSchemas({ schema: tree(limited(5)) }, { schema: tree(limited(9)) });
    assert.deepEqual(
      found.map((d) => `${d.type} ${d.path}`),
      ['MAX_LENGTH_INCREASED #/properties/leaf/maxLength'],
    );
  });
});
