import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareSemver, parseSemver, semverSortKey } from './semver.js';

const ORDERED = [
  '0.0.1',
  '0.9.0',
  '1.0.0-0',
  '1.0.0-2',
  '1.0.0-10',
  '1.0.0-alpha',
  '1.0.0-alpha.1',
  '1.0.0-alpha.beta',
  '1.0.0-alpha-b',
  '1.0.0-beta',
  '1.0.0-beta.2',
  '1.0.0-beta.11',
  '1.0.0-rc.1',
  '1.0.0',
  '1.0.1',
  '1.2.0',
  '1.10.0',
  '2.0.0',
  '10.0.0',
];

test('parses and rejects versions', () => {
  assert.deepEqual(parseSemver('2.0.0-rc.1+b.7'), {
    major: 2,
    minor: 0,
    patch: 0,
    prerelease: ['rc', 1],
    build: 'b.7',
  });
  for (const bad of [
    '',
    '1',
    '1.0',
    'v1.0.0',
    '01.0.0',
    '1.0.0-',
    '1.0.0-01',
    '1.0.0+',
    'latest',
    '1.0.0 ',
  ]) {
    assert.equal(parseSemver(bad), undefined, bad);
  }
});

test('compareSemver and the sort key agree with semver precedence', () => {
  const parsed = ORDERED.map((v) => parseSemver(v)!);
  for (let i = 0; i < parsed.length; i++) {
    for (let j = 0; j < parsed.length; j++) {
      const expected = Math.sign(i - j);
      assert.equal(compareSemver(parsed[i]!, parsed[j]!), expected, `${ORDERED[i]} vs ${ORDERED[j]}`);
      const a = semverSortKey(parsed[i]!);
      const b = semverSortKey(parsed[j]!);
      assert.equal(a < b ? -1 : a > b ? 1 : 0, expected, `keys of ${ORDERED[i]} vs ${ORDERED[j]}`);
    }
  }
});

test('build metadata does not change precedence', () => {
  assert.equal(compareSemver(parseSemver('1.0.0+a')!, parseSemver('1.0.0+b')!), 0);
});
