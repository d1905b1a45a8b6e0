import { type AnyDiffRule, both, removed, rule } from '../rule.js';
import { becameRequired, relaxed } from './requiredness.js';
import { typeVerdict } from './service-rules.js';

/** Request headers (the service's `headers`): clients send them. */
export const headerRules: AnyDiffRule[] = [
  rule({
    id: 'header-added',
    level: 'info',
    description: 'An optional request header (or one with a default) was added.',
    elements: ['header'],
    check: (pair) =>
      pair.after && !pair.before && !(pair.after.required && pair.after.default === undefined)
        ? { message: `${pair.label} was added` }
        : undefined,
  }),
  rule({
    id: 'required-header-added',
    level: 'breaking',
    description: 'A required request header without a default was added: existing clients do not send it.',
    elements: ['header'],
    check: (pair) =>
      pair.after && !pair.before && pair.after.required && pair.after.default === undefined
        ? { message: `${pair.label} was added as required` }
        : undefined,
  }),
  rule({
    id: 'header-removed',
    level: 'info',
    description: 'A request header was removed; clients that still send it are ignored.',
    elements: ['header'],
    check: (pair) => (removed(pair) ? { message: `${pair.label} was removed` } : undefined),
  }),
  rule({
    id: 'header-became-required',
    level: 'breaking',
    description: 'An optional request header became required without a default.',
    elements: ['header'],
    check: becameRequired,
  }),
  rule({
    id: 'header-became-optional',
    level: 'info',
    description: 'A request header became optional, or required with a default.',
    elements: ['header'],
    check(pair) {
      const sides = relaxed(pair);
      if (!sides) return undefined;
      return {
        message: `${pair.label} became ${sides[1].required ? 'required with a default' : 'optional'}`,
        before: sides[0].required ? 'required' : 'optional',
        after: sides[1].required ? 'required' : 'optional',
      };
    },
  }),
  rule({
    id: 'header-type-changed',
    level: 'breaking',
    description: "A request header's type changed to one that does not accept every old value.",
    elements: ['header'],
    check: (pair) => typeVerdict(pair, both(pair), ['changed', 'narrowed']),
  }),
  rule({
    id: 'header-type-widened',
    level: 'info',
    description: "A request header's type now accepts more values (for example integer to long).",
    elements: ['header'],
    check: (pair) => typeVerdict(pair, both(pair), ['widened']),
  }),
];
