import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_NESTING, nestingBeyond } from './json-depth.js';

/** `depth` levels of `wrap` around a scalar: `nest(2, (v) => [v])` is `[[1]]`. */
function nest(depth: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 1;
  for (let level = 0; level < depth; level++) value = wrap(value);
  return value;
}

describe('nestingBeyond', () => {
  it('accepts a document nested exactly to the limit and reports the first level past it', () => {
    assert.equal(nestingBeyond(nest(MAX_NESTING, (v) => [v])), undefined);
    assert.equal(
      nestingBeyond(nest(MAX_NESTING + 1, (v) => [v])),
      `/${Array(MAX_NESTING).fill('0').join('/')}`,
    );
    assert.equal(nestingBeyond(nest(MAX_NESTING, (v) => ({ a: v }))), undefined);
    assert.equal(
      nestingBeyond(
        nest(3, (v) => ({ a: v })),
        2,
      ),
      '/a/a',
    );
  });

  it('counts only objects and arrays as levels: scalars and null at the limit pass', () => {
    assert.equal(nestingBeyond({ a: { b: 'text', c: null, d: 1, e: true } }, 2), undefined);
    assert.equal(nestingBeyond('scalar', 0), undefined);
    assert.equal(nestingBeyond({}, 0), '');
  });

  it('names the first too deep value in document order, with escaped keys', () => {
    const doc = { shallow: [1], 'a/b': { '~c': [[]] }, later: [[[]]] };
    assert.equal(nestingBeyond(doc, 3), '/a~1b/~0c/0');
  });

  it('answers for a value nested far deeper than the stack allows, without overflowing', () => {
    assert.equal(nestingBeyond(nest(200_000, (v) => [v]))?.split('/').length, MAX_NESTING + 1);
    assert.equal(nestingBeyond(nest(200_000, (v) => ({ k: v })))?.startsWith('/k/k/'), true);
  });
});
