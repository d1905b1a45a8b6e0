import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { locatePointers } from './json-locate.js';

const text = `{
  "name": "quote \\" and brace } inside",
  "models": {
    "a/b": { "fields": [
      { "name": "x" },
      { "name": "y", "type": "[string]" }
    ] },
    "c~d": {}
  },
  "tail": [1, 2, {"deep": [[[]]]}]
}`;

describe('locatePointers', () => {
  const cases: { pointer: string; line: number; column: number; why: string }[] = [
    { pointer: '', line: 1, column: 1, why: 'the root' },
    { pointer: '/name', line: 2, column: 11, why: 'a string value' },
    {
      pointer: '/models/a~1b/fields/1/type',
      line: 6,
      column: 30,
      why: 'through ~1, an array index, after an escaped quote',
    },
    { pointer: '/models/c~0d', line: 8, column: 12, why: '~0 for a tilde' },
    { pointer: '/tail/2/deep', line: 10, column: 27, why: 'after skipped nested arrays' },
    { pointer: '/models/a~1b/fields/7', line: 4, column: 24, why: 'missing index: its nearest ancestor' },
  ];
  for (const c of cases) {
    it(`${c.why} (${c.pointer || 'root'})`, () => {
      assert.deepEqual(locatePointers(text, [c.pointer]).get(c.pointer), { line: c.line, column: c.column });
    });
  }

  it('finds many pointers in one scan, whatever their order', () => {
    const pointers = ['/tail/2/deep', '/name', '/models/c~0d'];
    const found = locatePointers(text, pointers);
    assert.deepEqual(
      pointers.map((p) => found.get(p)?.line),
      [10, 2, 8],
    );
  });
});

describe('locatePointers on unusual pointers', () => {
  it('reads a pointer that is not spelled canonically by its text (an unknown ~ escape)', () => {
    // `~2` is no escape: the scan never meets it, so its text is cut back to `/models`.
    assert.deepEqual(locatePointers(text, ['/models/c~2d']).get('/models/c~2d'), { line: 3, column: 13 });
  });

  it('maps a pointer without a leading slash to the root', () => {
    assert.deepEqual(locatePointers(text, ['models']).get('models'), { line: 1, column: 1 });
  });

  it('matches keys written with escapes', () => {
    const escaped = '{\n  "a\\u002fb": {\n    "x": 1\n  }\n}';
    assert.deepEqual(locatePointers(escaped, ['/a~1b/x']).get('/a~1b/x'), { line: 3, column: 10 });
  });

  it('skips strings holding brackets, quotes and backslashes', () => {
    const tricky = '{"a": ["]", "\\\\", "\\"}", {"b": "{["}], "c": 1}';
    assert.deepEqual(locatePointers(tricky, ['/c']).get('/c'), { line: 1, column: 45 });
  });
});
