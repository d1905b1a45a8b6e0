/**
 * Writes docs/rules/breaking.md and docs/rules/lint.md from the rule objects, so the documentation
 * is the rule list. Run after changing a rule: `node <outDir>/scripts/render-rule-docs.js`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { renderDiffRules } from '../core/diff/rules-doc.js';
import { renderLintRules } from '../core/lint/rules-doc.js';
import { repoPath } from '../test/paths.js';

mkdirSync(repoPath('docs/rules'), { recursive: true });
writeFileSync(repoPath('docs/rules/breaking.md'), renderDiffRules());
writeFileSync(repoPath('docs/rules/lint.md'), renderLintRules());
console.log('wrote docs/rules/breaking.md and docs/rules/lint.md');
