import type { Header, Response } from '../../ir.js';
import { type AnyDiffRule, added, both, type Pair, removed, rule } from '../rule.js';
import { deprecatedRemoval, removedAfterDeprecation } from './lifecycle.js';
import { typeVerdict } from './service-rules.js';

/** Responses and their headers: clients receive them. */
export const responseRules: AnyDiffRule[] = [
  rule({
    id: 'response-added',
    level: 'info',
    description: 'A response was added.',
    elements: ['response'],
    check: (pair) => (added(pair) ? { message: `${pair.label} was added` } : undefined),
  }),
  rule({
    id: 'response-removed',
    level: 'breaking',
    description:
      'A success (2xx) response was removed without being deprecated first: clients that handle that status code lose the contract for it.',
    elements: ['response'],
    check: (pair) => {
      const r = removed(pair);
      return r && isSuccess(r) && !pair.deprecated ? { message: `${pair.label} was removed` } : undefined;
    },
  }),
  deprecatedRemoval('response', 'response', (pair) => isSuccess(removed(pair as Pair<Response>)!)),
  rule({
    id: 'non-success-response-removed',
    level: 'info',
    description:
      "An error, redirect or `default` response was removed. As oasdiff holds, this breaks no client: a client that handled the status keeps working, and the status, if the service still sends it, reaches the client as any undeclared one does (the generated client's ResponseError).",
    elements: ['response'],
    check: (pair) => {
      const r = removed(pair);
      if (!r || isSuccess(r)) return undefined;
      return { message: pair.deprecated ? removedAfterDeprecation(pair) : `${pair.label} was removed` };
    },
  }),
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
      if (!h || h.required) return undefined;
      return { message: pair.deprecated ? removedAfterDeprecation(pair) : `${pair.label} was removed` };
    },
  }),
  deprecatedRemoval(
    'response-header',
    'response-header',
    (pair) => !!removed(pair as Pair<Header>)?.required,
  ),
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

/** 2xx: the statuses a client reads a result from. */
function isSuccess(response: Response): boolean {
  return typeof response.code === 'number' && response.code >= 200 && response.code < 300;
}
