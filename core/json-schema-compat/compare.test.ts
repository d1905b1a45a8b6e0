import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DIFFERENCE_CASES, NOT_PRODUCED } from './difference-cases.js';
import {
  COMPATIBLE_ONLY_UNDER_LENIENT,
  COMPATIBLE_UNDER_STRICT,
  INCOMPATIBLE,
  isCompatibleDifference,
} from './difference-types.js';
import { backwardIncompatibilities, compareSchemas, toChange } from './index.js';

describe('JSON Schema differences (Confluent types) and verdicts under STRICT and LENIENT', () => {
  for (const c of DIFFERENCE_CASES) {
    it(c.description, () => {
      const before = { schema: c.before, ...(c.reservedBefore ? { reserved: c.reservedBefore } : {}) };
      const after = { schema: c.after, ...(c.reservedAfter ? { reserved: c.reservedAfter } : {}) };
      const found = compareSchemas(before, after).map((d) => `${d.type} ${d.path}`);
      assert.deepEqual(found, c.differences);
      assert.equal(
        backwardIncompatibilities(before, after, 'STRICT').length === 0,
        c.strict,
        'STRICT verdict',
      );
      assert.equal(
        backwardIncompatibilities(before, after, 'LENIENT').length === 0,
        c.lenient,
        'LENIENT verdict',
      );
    });
  }

  it('covers every one of the 132 difference types', () => {
    const all = [...COMPATIBLE_UNDER_STRICT, ...COMPATIBLE_ONLY_UNDER_LENIENT, ...INCOMPATIBLE];
    assert.equal(new Set(all).size, 132);
    const produced = new Set(DIFFERENCE_CASES.flatMap((c) => c.differences.map((d) => d.split(' ')[0])));
    const missing = all.filter((t) => !produced.has(t) && !NOT_PRODUCED.includes(t));
    assert.deepEqual(missing, []);
    for (const type of NOT_PRODUCED) assert.equal(isCompatibleDifference(type as never, 'LENIENT'), false);
  });

  it('reports a difference as a Canon change: rule id, level, pointer, one line', () => {
    const [difference] = compareSchemas(
      { schema: { type: 'number', maximum: 150 } },
      { schema: { type: 'number', maximum: 120 } },
    );
    assert.deepEqual(toChange(difference!), {
      rule: 'maximum-decreased',
      level: 'breaking',
      path: '#/maximum',
      message: 'maximum decreased at #/maximum (150 → 120); data the old schema accepted may be refused',
      before: '150',
      after: '120',
    });
    assert.equal(
      toChange({ type: 'OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', path: '#/properties/b' }, 'LENIENT')
        .level,
      'info',
    );
  });
});
