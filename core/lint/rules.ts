import type { LintRule } from './rule.js';
import { eventRules } from './rules/event-rules.js';
import { namingRules } from './rules/naming-rules.js';
import { operationRules } from './rules/operation-rules.js';
import { pathRules } from './rules/path-rules.js';
import { unionRules } from './rules/union-rules.js';

/** Every lint rule, in documentation order (docs/rules/lint.md). */
export const LINT_RULES: readonly LintRule[] = [
  ...eventRules,
  ...unionRules,
  ...namingRules,
  ...pathRules,
  ...operationRules,
];
