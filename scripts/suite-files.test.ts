import assert from 'node:assert/strict';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../test/paths.js';
import { planSuite, SHARED_BELOW_SECONDS, type SuiteProcess } from './suite-files.js';

/** Absolute paths for repository-relative names, as `testFiles` returns them. */
const files = (...names: string[]) => names.map((name) => join(repoRoot, name));
const names = (plan: readonly SuiteProcess[]) =>
  plan.map((p) => p.files.map((file) => relative(repoRoot, file)));

describe('planSuite', () => {
  const durations = {
    'long.test.js': 20,
    'mid.test.js': 5,
    'a.test.js': 2,
    'b.test.js': 1.5,
    'c.test.js': 1,
  };

  it('gives each long file a process and shares the quick ones, longest process first', () => {
    const plan = planSuite(
      files('a.test.js', 'b.test.js', 'c.test.js', 'long.test.js', 'mid.test.js'),
      durations,
      2,
    );
    assert.deepEqual(names(plan), [
      ['long.test.js'],
      ['mid.test.js'],
      ['b.test.js', 'c.test.js'],
      ['a.test.js'],
    ]);
    assert.deepEqual(
      plan.map((p) => [p.shared, p.seconds]),
      [
        [false, 20],
        [false, 5],
        [true, 2.5],
        [true, 2],
      ],
    );
  });

  it('runs a file the durations do not list alone and first, as if it were long', () => {
    const plan = planSuite(files('a.test.js', 'new.test.js', 'long.test.js'), durations, 3);
    assert.deepEqual(names(plan), [['new.test.js'], ['long.test.js'], ['a.test.js']]);
    assert.equal(plan[0]!.shared, false);
    assert.equal(plan[0]!.seconds, Number.POSITIVE_INFINITY);
  });

  it('shares a file that took just under the threshold and not one that took exactly it', () => {
    const edge = { 'under.test.js': SHARED_BELOW_SECONDS - 0.01, 'at.test.js': SHARED_BELOW_SECONDS };
    const plan = planSuite(files('under.test.js', 'at.test.js'), edge, 4);
    assert.deepEqual(
      plan.map((p) => [p.files.length, p.shared]),
      [
        [1, false],
        [1, true],
      ],
    );
    assert.deepEqual(names(plan), [['at.test.js'], ['under.test.js']]);
  });

  it('makes no more shared processes than there are quick files, and at least one', () => {
    assert.equal(planSuite(files('a.test.js', 'b.test.js'), durations, 6).length, 2);
    for (const groups of [0, Number.NaN, -1]) {
      const plan = planSuite(files('a.test.js', 'b.test.js', 'c.test.js'), durations, groups);
      assert.deepEqual(names(plan), [['a.test.js', 'b.test.js', 'c.test.js']], `groups ${groups}`);
    }
    assert.equal(planSuite(files('long.test.js'), durations, 6).length, 1);
    assert.deepEqual(planSuite([], durations, 6), []);
  });

  it('runs every file exactly once', () => {
    const many = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}.test.js`, (i % 7) * 0.6]));
    const plan = planSuite(files(...Object.keys(many)), many, 6);
    const planned = names(plan).flat().sort();
    assert.deepEqual(planned, Object.keys(many).sort());
    const seconds = plan.filter((p) => p.shared).map((p) => p.seconds);
    // Greedy balance: no shared process holds more than the lightest one plus its longest file.
    assert.ok(Math.max(...seconds) - Math.min(...seconds) <= SHARED_BELOW_SECONDS, seconds.join(', '));
  });
});
