import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { corpusPath } from '../../test/paths.js';
import { findDuplicateKeys } from './duplicate-keys.js';

const cases: { description: string; text: string; expected: string[] }[] = [
  { description: 'no duplicates', text: '{"a": 1, "b": {"a": 2}, "c": [{"a": 1}, {"a": 2}]}', expected: [] },
  {
    description: 'a model twice',
    text: '{"models": {"user": {}, "user": {"fields": []}}}',
    expected: ['/models/user'],
  },
  { description: 'at the root', text: '{"name": "a", "name": "b"}', expected: ['/name'] },
  {
    description: 'inside arrays, with the element index',
    text: '{"models": {"u": {"fields": [{"name": "a"}, {"name": "b", "type": "x", "type": "y"}]}}}',
    expected: ['/models/u/fields/1/type'],
  },
  { description: 'escaped keys compare by value', text: '{"a\\u0062": 1, "ab": 2}', expected: ['/ab'] },
  {
    description: 'quotes and brackets inside strings',
    text: '{"a": "}\\"{[", "b": ["]", "{"], "a": 0}',
    expected: ['/a'],
  },
  {
    description: 'keys with / and ~ are escaped in the pointer',
    text: '{"m": {"a/b": 1, "a/b": 2}}',
    expected: ['/m/a~1b'],
  },
  { description: 'empty containers', text: '{"a": {}, "b": [], "c": [[], {}], "a": 1}', expected: ['/a'] },
];

describe('findDuplicateKeys', () => {
  for (const c of cases) {
    it(c.description, () => {
      assert.deepEqual(
        findDuplicateKeys(c.text).map((d) => d.path),
        c.expected,
      );
    });
  }

  it('real specs have none, except one tool-written service.json', () => {
    const found: string[] = [];
    for (const folder of ['apibuilder/spec', 'apibuilder-generator', 'flow']) {
      for (const file of readdirSync(corpusPath(folder)).filter((f) => f.endsWith('.json'))) {
        for (const d of findDuplicateKeys(readFileSync(corpusPath(folder, file), 'utf8')))
          found.push(`${file} ${d.path}`);
      }
    }
    // A real export with "attributes" twice at the top level: why the check suits api.json (written
    // by people) and should at most warn on service.json.
    assert.deepEqual(found, ['quality.json /attributes']);
  });

  it('nesting 100,000 levels deep does not overflow', () => {
    const text = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    assert.deepEqual(findDuplicateKeys(text), []);
  });
});
