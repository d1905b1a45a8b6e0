import type { Attribute, JsonValue } from '../../ir.js';
import { deepEqual } from '../equality.js';
import { type Annotated, type AnyDiffRule, both, type Pair, rule, show, type Verdict } from '../rule.js';

/** Rules that apply to every element: descriptions, deprecation, attributes, plurals, interfaces. */
export const genericRules: AnyDiffRule[] = [
  rule({
    id: 'description-changed',
    level: 'info',
    description: 'A description was added, removed or reworded. Documentation only.',
    elements: ['any'],
    check(pair) {
      const sides = both(pair);
      if (!sides || sides[0].description === sides[1].description) return undefined;
      const [b, a] = sides;
      return { message: `${pair.label} description changed`, ...values(b.description, a.description) };
    },
  }),
  rule({
    id: 'element-deprecated',
    level: 'info',
    description: 'An element was marked deprecated: clients should move off it before it is removed.',
    elements: ['any'],
    check(pair) {
      const sides = both(pair);
      if (!sides || sides[0].deprecation || !sides[1].deprecation) return undefined;
      const why = sides[1].deprecation.description;
      return { message: `${pair.label} was deprecated${why ? `: ${show(why)}` : ''}` };
    },
  }),
  rule({
    id: 'element-undeprecated',
    level: 'info',
    description: 'An element is no longer deprecated.',
    elements: ['any'],
    check(pair) {
      const sides = both(pair);
      if (!sides?.[0].deprecation || sides[1].deprecation) return undefined;
      return { message: `${pair.label} is no longer deprecated` };
    },
  }),
  rule({
    id: 'attribute-added',
    level: 'info',
    description: 'An attribute (extension data for generators and tools) was added.',
    elements: ['any'],
    check: (pair) =>
      attributeVerdicts(pair.label, pair.before?.attributes, pair.after?.attributes, 'added', !!both(pair)),
  }),
  rule({
    id: 'attribute-removed',
    level: 'info',
    description: 'An attribute was removed.',
    elements: ['any'],
    check: (pair) =>
      attributeVerdicts(pair.label, pair.before?.attributes, pair.after?.attributes, 'removed', !!both(pair)),
  }),
  rule({
    id: 'attribute-changed',
    level: 'info',
    description: "An attribute's value or description changed.",
    elements: ['any'],
    check: (pair) =>
      attributeVerdicts(pair.label, pair.before?.attributes, pair.after?.attributes, 'changed', !!both(pair)),
  }),
  rule({
    id: 'plural-changed',
    level: 'info',
    description: "A type's plural changed. It names generated collections and default resource paths.",
    elements: ['any'],
    check(pair) {
      const sides = both(pair);
      if (!sides || sides[0].plural === sides[1].plural) return undefined;
      return {
        message: `${pair.label} plural changed from ${show(sides[0].plural)} to ${show(sides[1].plural)}`,
        ...values(sides[0].plural, sides[1].plural),
      };
    },
  }),
  rule({
    id: 'interface-added-to-type',
    level: 'info',
    description: 'A model or union now implements another interface.',
    elements: ['any'],
    check: (pair) => interfaceVerdicts(pair, 'added'),
  }),
  rule({
    id: 'interface-removed-from-type',
    level: 'breaking',
    description:
      'A model or union no longer implements an interface: code that treats its values as that interface breaks.',
    elements: ['any'],
    check: (pair) => interfaceVerdicts(pair, 'removed'),
  }),
];

function values(before: string | undefined, after: string | undefined): Pick<Verdict, 'before' | 'after'> {
  return {
    ...(before !== undefined && { before: show(before) }),
    ...(after !== undefined && { after: show(after) }),
  };
}

function attributeVerdicts(
  label: string,
  before: Attribute[] | undefined,
  after: Attribute[] | undefined,
  kind: 'added' | 'removed' | 'changed',
  matched: boolean,
): Verdict[] | undefined {
  if (!matched || !before || !after || (before.length === 0 && after.length === 0)) return undefined;
  // The usual case for a changed element: its attributes are not what changed.
  if (deepEqual(before, after)) return undefined;
  before = withoutBookkeeping(before);
  after = withoutBookkeeping(after);
  if (deepEqual(before, after)) return undefined;
  const old = new Map(before.map((a) => [a.name, a]));
  const now = new Map(after.map((a) => [a.name, a]));
  const out: Verdict[] = [];
  if (kind === 'added') {
    for (const [name, a] of now) {
      if (!old.has(name))
        out.push({
          message: `${label} attribute '${name}' was added`,
          after: show(canonicalJson(a.value)),
          at: `attributes/${name}`,
        });
    }
  } else if (kind === 'removed') {
    for (const [name, a] of old) {
      if (!now.has(name))
        out.push({
          message: `${label} attribute '${name}' was removed`,
          before: show(canonicalJson(a.value)),
          at: `attributes/${name}`,
        });
    }
  } else {
    for (const [name, a] of old) {
      const b = now.get(name);
      if (!b) continue;
      const va = canonicalJson(a.value);
      const vb = canonicalJson(b.value);
      if (va !== vb || a.description !== b.description || !!a.deprecation !== !!b.deprecation) {
        out.push({
          message: `${label} attribute '${name}' changed from ${show(va)} to ${show(vb)}`,
          before: show(va),
          after: show(vb),
          at: `attributes/${name}`,
        });
      }
    }
  }
  return out;
}

/**
 * Attributes as the diff compares them, without what other rules judge or what never reaches the
 * wire: `openapi.inline`, the importer's record of where an inline schema sat (it moves when a
 * placeholder or operationId is renamed), and a body's `openapi.required` (`body-became-required`).
 */
function withoutBookkeeping(attributes: Attribute[]): Attribute[] {
  const out: Attribute[] = [];
  for (const a of attributes) {
    if (a.name !== 'openapi' || !('inline' in a.value || 'required' in a.value)) {
      out.push(a);
      continue;
    }
    const { inline: _inline, required: _required, ...value } = a.value;
    if (Object.keys(value).length > 0) out.push({ ...a, value });
  }
  return out;
}

function interfaceVerdicts(pair: Pair<Annotated>, kind: 'added' | 'removed'): Verdict[] | undefined {
  // The service also has an `interfaces` list: its interface definitions, handled elsewhere.
  if (pair.kind !== 'model' && pair.kind !== 'union') return undefined;
  const { label } = pair;
  const before = pair.before?.interfaces;
  const after = pair.after?.interfaces;
  if (!before || !after || (before.length === 0 && after.length === 0)) return undefined;
  const [from, to] = kind === 'added' ? [before, after] : [after, before];
  return to
    .filter((name) => !from.includes(name))
    .map((name) =>
      kind === 'added'
        ? { message: `${label} now implements interface '${name}'`, after: name }
        : { message: `${label} no longer implements interface '${name}'`, before: name },
    );
}

/** JSON with object keys sorted, so reordered keys compare equal. */
export function canonicalJson(value: JsonValue): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k]!)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
