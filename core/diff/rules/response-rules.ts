import { type AnyDiffRule, added, both, removed, rule } from '../rule.js';
import { deprecatedRemoval, lifecycleRules } from './lifecycle.js';
import { typeVerdict } from './service-rules.js';

/** Responses and their headers: clients receive them. */
export const responseRules: AnyDiffRule[] = [
  ...lifecycleRules(
    'response',
    'response',
    'breaking',
    'clients that handle that status code lose the contract for it.',
  ),
  rule({
    id: 'response-type-changed',
    level: 'breaking',
    description: "A response's type changed, or now admits values clients may not be able to read (widened).",
    elements: ['response'],
    check: (pair) => typeVerdict(pair, both(pair), ['changed', 'widened']),
  }),
  rule({
    id: 'response-type-narrowed',
    level: 'info',
    description: "A response's type was narrowed: every value still fits what clients expect.",
    elements: ['response'],
    check: (pair) => typeVerdict(pair, both(pair), ['narrowed']),
  }),

  rule({
    id: 'response-header-added',
    level: 'info',
    description: 'A response header was added.',
    elements: ['response-header'],
    check: (pair) => (added(pair) ? { message: `${pair.label} was added` } : undefined),
  }),
  rule({
    id: 'response-header-removed',
    level: 'breaking',
    description: 'A required response header was removed: clients that read it break.',
    elements: ['response-header'],
    check: (pair) =>
      removed(pair)?.required && !pair.deprecated ? { message: `${pair.label} was removed` } : undefined,
  }),
  rule({
    id: 'optional-response-header-removed',
    level: 'info',
    description: 'An optional response header was removed; clients already handle its absence.',
    elements: ['response-header'],
    check: (pair) => {
      const h = removed(pair);
      return h && !h.required && !pair.deprecated ? { message: `${pair.label} was removed` } : undefined;
    },
  }),
  deprecatedRemoval('response-header', 'response-header'),
  rule({
    id: 'response-header-type-changed',
    level: 'breaking',
    description: "A response header's type changed or was widened.",
    elements: ['response-header'],
    check: (pair) => typeVerdict(pair, both(pair), ['changed', 'widened']),
  }),
  rule({
    id: 'response-header-type-narrowed',
    level: 'info',
    description: "A response header's type was narrowed.",
    elements: ['response-header'],
    check: (pair) => typeVerdict(pair, both(pair), ['narrowed']),
  }),
  rule({
    id: 'response-header-became-optional',
    level: 'breaking',
    description: 'A response header became optional: clients that expect it may not get it.',
    elements: ['response-header'],
    check(pair) {
      const sides = both(pair);
      if (!sides) return undefined;
      return sides[0].required && !sides[1].required
        ? { message: `${pair.label} became optional`, before: 'required', after: 'optional' }
        : undefined;
    },
  }),
  rule({
    id: 'response-header-became-required',
    level: 'info',
    description: 'A response header became required (always sent).',
    elements: ['response-header'],
    check(pair) {
      const sides = both(pair);
      return sides && !sides[0].required && sides[1].required
        ? { message: `${pair.label} became required`, before: 'optional', after: 'required' }
        : undefined;
    },
  }),
];
