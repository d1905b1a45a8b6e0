import { type AnyDiffRule, both, type Pair, rule, show, type Verdict } from '../rule.js';

/** Fields and parameters carry defaults, bounds and examples alike. */
interface Bounded {
  required: boolean;
  default?: string;
  minimum?: number;
  maximum?: number;
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
      'A minimum was added or raised, or a maximum added or lowered, on a value clients send: values that were valid are rejected.',
    elements: ['field', 'parameter'],
    check: (pair) => (pair.usage.input ? bounds(pair, 'tightened') : undefined),
  }),
  rule({
    id: 'constraint-tightened',
    level: 'info',
    description: 'A bound was tightened on a value clients only receive.',
    elements: ['field', 'parameter'],
    check: (pair) => (!pair.usage.input ? bounds(pair, 'tightened') : undefined),
  }),
  rule({
    id: 'response-constraint-loosened',
    level: 'warning',
    description:
      'A minimum was lowered or removed, or a maximum raised or removed, on a value clients receive: they may see values they did not expect.',
    elements: ['field', 'parameter'],
    check: (pair) => (pair.usage.output ? bounds(pair, 'loosened') : undefined),
  }),
  rule({
    id: 'constraint-loosened',
    level: 'info',
    description: 'A bound was loosened on a value clients only send.',
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

function bounds(pair: Pair<Bounded>, wanted: 'tightened' | 'loosened'): Verdict[] | undefined {
  const sides = both(pair);
  if (!sides) return undefined;
  const b = sides[0];
  const a = sides[1];
  if (b.minimum === a.minimum && b.maximum === a.maximum) return undefined;
  const out: Verdict[] = [];
  const judge = (name: 'minimum' | 'maximum', old: number | undefined, now: number | undefined): void => {
    if (old === now) return;
    // A higher minimum or a lower maximum admits fewer values.
    const tighter = old === undefined || (now !== undefined && (name === 'minimum' ? now > old : now < old));
    if ((wanted === 'tightened') !== tighter) return;
    out.push({
      message: `${pair.label} ${name} changed from ${show(old)} to ${show(now)}`,
      ...(old !== undefined && { before: String(old) }),
      ...(now !== undefined && { after: String(now) }),
    });
  };
  judge('minimum', b.minimum, a.minimum);
  judge('maximum', b.maximum, a.maximum);
  return out;
}
