import type { PrimitiveName, TypeRef } from '../ir.js';

/**
 * How a type change affects values: `same`; `widened` (every old value is still valid, e.g.
 * `integer`→`long`); `narrowed` (the reverse); `changed` (neither).
 */
export type TypeCompatibility = 'same' | 'widened' | 'narrowed' | 'changed';

/** Primitive → the primitives that accept every one of its values. */
const WIDER: Readonly<Partial<Record<PrimitiveName, readonly PrimitiveName[]>>> = {
  integer: ['long', 'double', 'decimal', 'json'],
  long: ['decimal', 'json'],
  double: ['decimal', 'json'],
  uuid: ['string', 'json'],
  'date-iso8601': ['string', 'json'],
  'date-time-iso8601': ['string', 'json'],
};

/**
 * Compares two types. Named types compare by name, and by namespace unless the namespace is the
 * one of their own service (so a service's namespace change is reported once, not per field).
 */
export function compareTypes(
  before: TypeRef,
  after: TypeRef,
  beforeNs: string,
  afterNs: string,
): TypeCompatibility {
  if (sameRef(before, after, beforeNs, afterNs)) return 'same';
  if (isWider(before, after, beforeNs, afterNs)) return 'widened';
  if (isWider(after, before, afterNs, beforeNs)) return 'narrowed';
  return 'changed';
}

function sameRef(a: TypeRef, b: TypeRef, nsA: string, nsB: string): boolean {
  switch (a.kind) {
    case 'primitive':
    case 'unknown':
      return b.kind === a.kind && b.name === a.name;
    case 'list':
    case 'map':
      return b.kind === a.kind && sameRef(a.of, b.of, nsA, nsB);
    default:
      if (b.kind !== a.kind || b.name !== a.name) return false;
      return localized(a.namespace, nsA) === localized(b.namespace, nsB);
  }
}

function localized(namespace: string, own: string): string {
  return namespace === own ? '' : namespace;
}

/** True when every value of `narrow` is a value of `wide`. */
function isWider(narrow: TypeRef, wide: TypeRef, nsNarrow: string, nsWide: string): boolean {
  if (sameRef(narrow, wide, nsNarrow, nsWide)) return true;
  if (wide.kind === 'primitive') {
    if (wide.name === 'json') return narrow.kind !== 'primitive' || narrow.name !== 'unit';
    if (wide.name === 'object') return narrow.kind === 'model' || narrow.kind === 'map';
    if (wide.name === 'string' && narrow.kind === 'enum') return true;
    return narrow.kind === 'primitive' && (WIDER[narrow.name]?.includes(wide.name) ?? false);
  }
  if ((wide.kind === 'list' || wide.kind === 'map') && narrow.kind === wide.kind) {
    return isWider(narrow.of, wide.of, nsNarrow, nsWide);
  }
  return false;
}
