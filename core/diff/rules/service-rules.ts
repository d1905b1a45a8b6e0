import type { TypeRef } from '../../ir.js';
import { formatTypeRef } from '../../type-ref.js';
import { type AnyDiffRule, added, both, removed, rule, show } from '../rule.js';
import { compareTypes, type TypeCompatibility } from '../type-compat.js';
import { derivedNamespaceChange } from './namespace.js';

function changed<T>(label: string, what: string, before: T | undefined, after: T | undefined, at?: string) {
  if (before === after) return undefined;
  return {
    ...(at !== undefined && { at }),
    message: `${label} ${what} changed from ${show(before === undefined ? undefined : String(before))} to ${show(after === undefined ? undefined : String(after))}`,
    ...(before !== undefined && { before: show(String(before)) }),
    ...(after !== undefined && { after: show(String(after)) }),
  };
}

/** The service's identity, base URL and info; imports; top-level annotations; request headers. */
export const serviceRules: AnyDiffRule[] = [
  rule({
    id: 'service-name-changed',
    level: 'info',
    description: "The service's display name changed.",
    elements: ['service'],
    check: (pair) => both(pair) && changed(pair.label, 'name', pair.before?.name, pair.after?.name, 'name'),
  }),
  rule({
    id: 'organization-changed',
    level: 'info',
    description: 'The organization key changed.',
    elements: ['service'],
    check: (pair) =>
      both(pair) &&
      changed(
        pair.label,
        'organization',
        pair.before?.organization.key,
        pair.after?.organization.key,
        'organization',
      ),
  }),
  rule({
    id: 'application-changed',
    level: 'info',
    description: 'The application key changed.',
    elements: ['service'],
    check: (pair) =>
      both(pair) &&
      changed(
        pair.label,
        'application',
        pair.before?.application.key,
        pair.after?.application.key,
        'application',
      ),
  }),
  rule({
    id: 'namespace-changed',
    level: 'breaking',
    description:
      'The namespace was changed by hand: every fully qualified type name changes for importers and generated code.',
    elements: ['service'],
    check: (pair) => {
      const sides = both(pair);
      return sides && !derivedNamespaceChange(...sides)
        ? changed(pair.label, 'namespace', sides[0].namespace, sides[1].namespace, 'namespace')
        : undefined;
    },
  }),
  rule({
    id: 'derived-namespace-changed',
    level: 'info',
    description:
      'The namespace followed the major version or the title it is derived from; namespaces never cross the wire, so clients see no change.',
    elements: ['service'],
    check: (pair) => {
      const sides = both(pair);
      return sides && derivedNamespaceChange(...sides)
        ? changed(pair.label, 'namespace', sides[0].namespace, sides[1].namespace, 'namespace')
        : undefined;
    },
  }),
  rule({
    id: 'version-changed',
    level: 'info',
    description: 'The version changed.',
    elements: ['service'],
    check: (pair) =>
      both(pair) && changed(pair.label, 'version', pair.before?.version, pair.after?.version, 'version'),
  }),
  rule({
    id: 'base-url-added',
    level: 'info',
    description: 'A base URL was added.',
    elements: ['service'],
    check: (pair) =>
      pair.before && pair.after && pair.before.baseUrl === undefined && pair.after.baseUrl !== undefined
        ? {
            message: `${pair.label} base URL ${pair.after.baseUrl} was added`,
            after: pair.after.baseUrl,
            at: 'base_url',
          }
        : undefined,
  }),
  rule({
    id: 'base-url-changed',
    level: 'warning',
    description: 'The base URL changed or was removed: clients built with the old one call the wrong place.',
    elements: ['service'],
    check: (pair) =>
      pair.before?.baseUrl !== undefined && pair.after
        ? changed(pair.label, 'base URL', pair.before.baseUrl, pair.after.baseUrl, 'base_url')
        : undefined,
  }),
  rule({
    id: 'contact-changed',
    level: 'info',
    description: 'The contact information changed.',
    elements: ['service'],
    check: (pair) =>
      both(pair) &&
      changed(
        pair.label,
        'contact',
        json(pair.before?.info.contact),
        json(pair.after?.info.contact),
        'info/contact',
      ),
  }),
  rule({
    id: 'license-changed',
    level: 'info',
    description: 'The license changed.',
    elements: ['service'],
    check: (pair) =>
      both(pair) &&
      changed(
        pair.label,
        'license',
        json(pair.before?.info.license),
        json(pair.after?.info.license),
        'info/license',
      ),
  }),

  rule({
    id: 'import-added',
    level: 'info',
    description: 'A service is now imported.',
    elements: ['import'],
    check: (pair) =>
      added(pair) ? { message: `${pair.label} was added`, after: pair.after?.uri ?? '' } : undefined,
  }),
  rule({
    id: 'import-removed',
    level: 'info',
    description: 'An import was removed. Types that referred to it show up as type changes.',
    elements: ['import'],
    check: (pair) =>
      removed(pair) ? { message: `${pair.label} was removed`, before: pair.before?.uri ?? '' } : undefined,
  }),
  rule({
    id: 'import-uri-changed',
    level: 'info',
    description: 'An import now points at another URI for the same application.',
    elements: ['import'],
    check: (pair) => both(pair) && changed(pair.label, 'URI', pair.before?.uri, pair.after?.uri),
  }),
  rule({
    id: 'import-version-changed',
    level: 'info',
    description: 'An imported service moved to another version.',
    elements: ['import'],
    check: (pair) => both(pair) && changed(pair.label, 'version', pair.before?.version, pair.after?.version),
  }),
  rule({
    id: 'import-namespace-changed',
    level: 'warning',
    description: "An imported service's namespace changed: fully qualified names that refer to it change.",
    elements: ['import'],
    check: (pair) =>
      both(pair) && changed(pair.label, 'namespace', pair.before?.namespace, pair.after?.namespace),
  }),
  rule({
    id: 'import-contents-changed',
    level: 'info',
    description: 'The types or annotations an imported service defines changed.',
    elements: ['import'],
    check(pair) {
      const sides = both(pair);
      if (!sides) return undefined;
      const [b, a] = sides;
      const list = (i: typeof b) => [
        ...i.enums.map((n) => `enum ${n}`),
        ...i.interfaces.map((n) => `interface ${n}`),
        ...i.models.map((n) => `model ${n}`),
        ...i.unions.map((n) => `union ${n}`),
        ...i.annotations.map((n) => `annotation ${n.name}`),
      ];
      const old = new Set(list(b));
      const now = new Set(list(a));
      const gone = [...old].filter((n) => !now.has(n));
      const fresh = [...now].filter((n) => !old.has(n));
      if (gone.length === 0 && fresh.length === 0) return undefined;
      const parts = [
        gone.length > 0 && `removed ${gone.join(', ')}`,
        fresh.length > 0 && `added ${fresh.join(', ')}`,
      ].filter(Boolean);
      return { message: `${pair.label} contents changed: ${show(parts.join('; '))}` };
    },
  }),

  rule({
    id: 'annotation-added',
    level: 'info',
    description: 'An annotation (such as personal_data) was declared.',
    elements: ['annotation'],
    check: (pair) => (added(pair) ? { message: `${pair.label} was added` } : undefined),
  }),
  rule({
    id: 'annotation-removed',
    level: 'info',
    description: 'An annotation declaration was removed.',
    elements: ['annotation'],
    check: (pair) => (removed(pair) ? { message: `${pair.label} was removed` } : undefined),
  }),
];

function json(value: object | undefined): string | undefined {
  return value === undefined ? undefined : JSON.stringify(value);
}

/** A type-change verdict naming both types in the spec's own notation. */
export function typeChange(
  label: string,
  before: Parameters<typeof formatTypeRef>[0],
  after: Parameters<typeof formatTypeRef>[0],
  namespaces: { before: string; after: string },
) {
  let b = formatTypeRef(before, namespaces.before);
  let a = formatTypeRef(after, namespaces.after);
  if (a === b) {
    // Same name, another kind of type (a model that became a union): say which.
    b = `${b} (${namedKind(before)})`;
    a = `${a} (${namedKind(after)})`;
  }
  return { message: `${label} type changed from ${b} to ${a}`, before: b, after: a };
}

/** The kind of the named type inside lists and maps (`[flow_role]` → `model`). */
function namedKind(type: TypeRef): string {
  return type.kind === 'list' || type.kind === 'map' ? namedKind(type.of) : type.kind;
}

/** The type change of two sides when `compareTypes` gives one of the `wanted` verdicts. */
export function typeVerdict(
  pair: { label: string; namespaces: { before: string; after: string } },
  sides: [{ type: TypeRef }, { type: TypeRef }] | undefined,
  wanted: readonly TypeCompatibility[],
) {
  if (!sides) return undefined;
  const verdict = compareTypes(sides[0].type, sides[1].type, pair.namespaces.before, pair.namespaces.after);
  return wanted.includes(verdict)
    ? typeChange(pair.label, sides[0].type, sides[1].type, pair.namespaces)
    : undefined;
}
