import { CONSTRAINT_KEYS, type Constraints } from '../../ir.js';
import { type AnyDiffRule, both, type Pair, rule, show, type Verdict } from '../rule.js';
import { compareConstraint } from './constraint-order.js';

/** Fields and parameters carry defaults, constraints and examples alike. */
interface Bounded extends Constraints {
  required: boolean;
  default?: string;
  example?: string;
}

/** Defaults, minimum/maximum and examples of fields, parameters and request headers. */
export const valueRules: AnyDiffRule[] = [
  rule({
    id: 'default-added',
    level: 'info',
    description: 'A default value was added.',
    elements: ['field', 'parameter', 'header'],
    check: (pair) => defaults(pair, (b, a) => b === undefined && a !== undefined),
  }),
  rule({
    id: 'default-changed',
    level: 'warning',
    description: 'A default value changed: clients that omit the value get different behaviour.',
    elements: ['field', 'parameter', 'header'],
    check: (pair) => defaults(pair, (b, a) => b !== undefined && a !== undefined && a !== b),
  }),
  rule({
    id: 'request-default-removed',
    level: 'breaking',
    description:
      'A required input lost its default: clients that relied on it by omitting the value are now rejected.',
    elements: ['field', 'parameter', 'header'],
    check: (pair) =>
      pair.usage.input && pair.after?.required
        ? defaults(pair, (b, a) => b !== undefined && a === undefined)
        : undefined,
  }),
  rule({
    id: 'default-removed',
    level: 'info',
    description: 'A default was removed from a value that is optional or that clients only receive.',
    elements: ['field', 'parameter', 'header'],
    check: (pair) =>
      !(pair.usage.input && pair.after?.required)
        ? defaults(pair, (b, a) => b !== undefined && a === undefined)
        : undefined,
  }),
  rule({
    id: 'request-constraint-tightened',
    level: 'breaking',
    description:
      'A constraint was added or tightened on a value clients send (a minimum, length or item count raised, a maximum lowered, a pattern, format, multipleOf, uniqueItems or const added or changed): values that were valid are rejected.',
    elements: ['field', 'parameter'],
    check: (pair) => (pair.usage.input ? bounds(pair, 'tightened', true) : undefined),
  }),
  rule({
    id: 'constraint-tightened',
    level: 'info',
    description:
      'A constraint was added or tightened on a value clients only receive: every value they get still fits what they expected.',
    elements: ['field', 'parameter'],
    check: (pair) => (!pair.usage.input ? bounds(pair, 'tightened') : undefined),
  }),
  rule({
    id: 'response-constraint-loosened',
    level: 'warning',
    description:
      'A constraint was loosened or removed on a value clients receive (a minimum lowered, a maximum raised, a pattern, format, multipleOf, uniqueItems or const removed or changed): they may see values they did not expect.',
    elements: ['field', 'parameter'],
    check: (pair) => (pair.usage.output ? bounds(pair, 'loosened', true) : undefined),
  }),
  rule({
    id: 'constraint-loosened',
    level: 'info',
    description:
      'A constraint was loosened or removed on a value clients only send: what they send is still valid.',
    elements: ['field', 'parameter'],
    check: (pair) => (!pair.usage.output ? bounds(pair, 'loosened') : undefined),
  }),
  rule({
    id: 'example-changed',
    level: 'info',
    description: 'An example value changed. Documentation only.',
    elements: ['field', 'parameter'],
    check(pair) {
      const sides = both(pair);
      if (!sides || sides[0].example === sides[1].example) return undefined;
      return {
        message: `${pair.label} example changed from ${show(sides[0].example)} to ${show(sides[1].example)}`,
        ...(sides[0].example !== undefined && { before: show(sides[0].example) }),
        ...(sides[1].example !== undefined && { after: show(sides[1].example) }),
      };
    },
  }),
];

function defaults(
  pair: Pair<{ default?: string }>,
  test: (before: string | undefined, after: string | undefined) => boolean,
): Verdict | undefined {
  const sides = both(pair);
  if (!sides) return undefined;
  const b = sides[0].default;
  const a = sides[1].default;
  if (!test(b, a)) return undefined;
  const what =
    b === undefined
      ? `default ${show(a)} was added`
      : a === undefined
        ? `default ${show(b)} was removed`
        : `default changed from ${show(b)} to ${show(a)}`;
  return {
    message: `${pair.label} ${what}`,
    ...(b !== undefined && { before: b }),
    ...(a !== undefined && { after: a }),
  };
}

/**
 * The constraints that changed in the `wanted` direction. A change that is neither (a pattern
 * replaced by another) counts as both where `incomparable` says so: tightened for what clients
 * send, loosened for what they receive, never as the harmless `info` of either.
 */
function bounds(
  pair: Pair<Bounded>,
  wanted: 'tightened' | 'loosened',
  incomparable = false,
): Verdict[] | undefined {
  const sides = both(pair);
  if (!sides) return undefined;
  const [b, a] = sides;
  let out: Verdict[] | undefined;
  // The element's own constraints, then its items' (a list's items, a map's values).
  const levels: [Constraints, Constraints, string][] = [[b, a, '']];
  if (b.items !== undefined || a.items !== undefined) levels.push([b.items ?? {}, a.items ?? {}, 'items ']);
  for (const [before, after, prefix] of levels) {
    for (const key of CONSTRAINT_KEYS) {
      const old = before[key];
      const now = after[key];
      if (old === now) continue;
      const direction = compareConstraint(key, old, now);
      if (direction === 'same') continue;
      if (direction !== wanted && !(direction === 'changed' && incomparable)) continue;
      const oldText = old === undefined ? undefined : constraintText(old);
      const nowText = now === undefined ? undefined : constraintText(now);
      out ??= [];
      out.push({
        message: `${pair.label} ${prefix}${key} changed from ${show(oldText)} to ${show(nowText)}`,
        ...(oldText !== undefined && { before: oldText }),
        ...(nowText !== undefined && { after: nowText }),
      });
    }
  }
  return out;
}

function constraintText(value: NonNullable<Constraints[keyof Constraints]> | null): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
}
