import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { repoPath } from '../../test/paths.js';
import { renderLintRules } from '../lint/rules-doc.js';
import { DIFF_RULES } from './rules.js';
import { renderDiffRules } from './rules-doc.js';

describe('rule documentation', () => {
  it('docs/rules/breaking.md is current (run scripts/render-rule-docs after changing a rule)', () => {
    assert.equal(readFileSync(repoPath('docs/rules/breaking.md'), 'utf8'), renderDiffRules());
  });
  it('docs/rules/lint.md is current', () => {
    assert.equal(readFileSync(repoPath('docs/rules/lint.md'), 'utf8'), renderLintRules());
  });
  it('lists every diff rule exactly once', () => {
    const doc = renderDiffRules();
    for (const r of DIFF_RULES) assert.equal(doc.split(`<a id="${r.id}">`).length, 2, r.id);
  });
});
