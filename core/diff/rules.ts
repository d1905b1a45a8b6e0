import type { AnyDiffRule } from './rule.js';
import { fieldRules } from './rules/field-rules.js';
import { genericRules } from './rules/generic-rules.js';
import { headerRules } from './rules/header-rules.js';
import { mediaTypeRules } from './rules/media-type-rules.js';
import { resourceRules } from './rules/resource-rules.js';
import { responseRules } from './rules/response-rules.js';
import { serviceRules } from './rules/service-rules.js';
import { typeRules } from './rules/type-rules.js';
import { valueRules } from './rules/value-rules.js';

/** Every diff rule, in documentation order. Rule ids are public: configs re-level them by id. */
export const DIFF_RULES: readonly AnyDiffRule[] = [
  ...serviceRules,
  ...headerRules,
  ...typeRules,
  ...fieldRules,
  ...valueRules,
  ...resourceRules,
  ...responseRules,
  ...mediaTypeRules,
  ...genericRules,
];
