import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maxSatisfying, parseRange } from './semver-range.js';

const VERSIONS = [
  '0.1.0',
  '0.2.0',
  '0.2.5',
  '1.0.0',
  '1.2.0',
  '1.2.7',
  '1.3.0-rc.1',
  '1.3.0',
  '1.10.2',
  '2.0.0',
  '2.1.0',
];

test('ranges pick the highest matching release', () => {
  const cases: [string, string | undefined][] = [
    ['^1.2', '1.10.2'],
    ['^1.2.7', '1.10.2'],
    ['~1.2', '1.2.7'],
    ['~1.2.3', '1.2.7'],
    ['1.x', '1.10.2'],
    ['1.2.x', '1.2.7'],
    ['1', '1.10.2'],
    ['1.2', '1.2.7'],
    ['^0.2', '0.2.5'],
    ['^0.2.1', '0.2.5'],
    ['2.X', '2.1.0'],
    ['^3', undefined],
    ['~1.4', undefined],
  ];
  for (const [range, expected] of cases) {
    const parsed = parseRange(range);
    assert.ok(parsed, range);
    assert.equal(maxSatisfying(VERSIONS, parsed), expected, range);
  }
});

test('exact versions, latest and junk are not ranges', () => {
  for (const text of ['1.2.3', 'latest', '', '^', '1.x.3', '>=1.2', '^01.2', '1.2.3-rc.1', '^1.2.3.4']) {
    assert.equal(parseRange(text), undefined, text);
  }
});
