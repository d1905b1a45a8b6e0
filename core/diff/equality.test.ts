import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deepEqual } from './equality.js';

describe('deepEqual', () => {
  const cases: { a: unknown; b: unknown; equal: boolean; why: string }[] = [
    { a: { x: [1, { y: 'z' }] }, b: { x: [1, { y: 'z' }] }, equal: true, why: 'nested objects and lists' },
    { a: { x: 1, y: 2 }, b: { y: 2, x: 1 }, equal: true, why: 'key order does not matter' },
    { a: { x: 1 }, b: { x: 1, y: 2 }, equal: false, why: 'an extra key' },
    { a: { x: undefined }, b: {}, equal: false, why: 'a key holding undefined is still a key' },
    { a: { x: undefined }, b: { y: undefined }, equal: false, why: 'different keys holding undefined' },
    { a: { toString: 'x' }, b: {}, equal: false, why: 'a key the other has only by inheritance' },
    { a: JSON.parse('{"__proto__": {}}'), b: {}, equal: false, why: 'an own __proto__ key' },
    {
      a: JSON.parse('{"__proto__": {}}'),
      b: { y: 1 },
      equal: false,
      why: 'an own __proto__ key, same count',
    },
    { a: [1, 2], b: { 0: 1, 1: 2 }, equal: false, why: 'a list is not an object' },
    { a: null, b: {}, equal: false, why: 'null is not an object' },
    { a: [{}], b: [null], equal: false, why: 'an object is not null' },
  ];
  for (const c of cases) {
    it(c.why, () => {
      assert.equal(deepEqual(c.a, c.b), c.equal);
      assert.equal(deepEqual(c.b, c.a), c.equal);
    });
  }
});
