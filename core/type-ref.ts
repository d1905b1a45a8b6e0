import type { NamedKind, NamedTypeRef, PrimitiveName, TypeRef } from './ir.js';
import { PRIMITIVES } from './ir.js';

const primitiveSet: ReadonlySet<string> = new Set(PRIMITIVES);

export function isPrimitiveName(name: string): name is PrimitiveName {
  return primitiveSet.has(name);
}

export const primitive = (name: PrimitiveName): TypeRef => ({ kind: 'primitive', name });

const KIND_SEGMENTS: Readonly<Record<string, NamedKind>> = {
  models: 'model',
  enums: 'enum',
  unions: 'union',
  interfaces: 'interface',
};

/**
 * Splits a fully qualified name (`io.apibuilder.spec.v0.models.service`) into namespace, kind and
 * name. Returns undefined for names that are not qualified.
 */
export function splitQualifiedName(qualified: string): NamedTypeRef | undefined {
  const match = /^(.+)\.(models|enums|unions|interfaces)\.([^.]+)$/.exec(qualified);
  if (!match) return undefined;
  return { kind: KIND_SEGMENTS[match[2]!]!, namespace: match[1]!, name: match[3]! };
}

/** Lists and maps nested deeper than this are refused as not well formed. */
export const MAX_TYPE_DEPTH = 32;

/**
 * Parses a type string of API Builder's grammar: a primitive, `[T]`, `map[T]`, bare `map`
 * (= `map[string]`), or a name handed to `resolveName` (local or fully qualified).
 * Returns undefined when the string is not well formed (unbalanced brackets, empty).
 */
export function parseTypeString(
  text: string,
  resolveName: (name: string) => TypeRef,
  depth = 0,
): TypeRef | undefined {
  // Real specs nest two or three levels (`map[[string]]`); a hostile one must not overflow the stack.
  if (depth > MAX_TYPE_DEPTH) return undefined;
  const t = text.trim();
  if (t === '') return undefined;
  if (t.startsWith('[')) {
    if (!t.endsWith(']')) return undefined;
    const inner = parseTypeString(t.slice(1, -1), resolveName, depth + 1);
    return inner && { kind: 'list', of: inner };
  }
  if (t === 'map') return { kind: 'map', of: primitive('string') };
  if (t.startsWith('map[')) {
    if (!t.endsWith(']')) return undefined;
    const inner = parseTypeString(t.slice(4, -1), resolveName, depth + 1);
    return inner && { kind: 'map', of: inner };
  }
  if (/[[\]\s]/.test(t)) return undefined;
  if (isPrimitiveName(t)) return primitive(t);
  return resolveName(t);
}

/**
 * Formats a type back to API Builder's string form. `localNamespace` decides which named types
 * print by short name; others print fully qualified.
 */
export function formatTypeRef(type: TypeRef, localNamespace?: string): string {
  switch (type.kind) {
    case 'primitive':
      return type.name;
    case 'list':
      return `[${formatTypeRef(type.of, localNamespace)}]`;
    case 'map':
      return `map[${formatTypeRef(type.of, localNamespace)}]`;
    case 'unknown':
      return type.name;
    default:
      return type.namespace === localNamespace ? type.name : qualifiedName(type);
  }
}

/** `namespace.models.name` for a named type. */
export function qualifiedName(type: NamedTypeRef): string {
  return `${type.namespace}.${type.kind}s.${type.name}`;
}

/** Structural equality of two type references. */
export function sameType(a: TypeRef, b: TypeRef): boolean {
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'primitive':
    case 'unknown':
      return a.name === (b as typeof a).name;
    case 'list':
    case 'map':
      return sameType(a.of, (b as typeof a).of);
    default: {
      const nb = b as NamedTypeRef;
      return a.name === nb.name && a.namespace === nb.namespace;
    }
  }
}

/** The innermost element type of lists and maps (`[map[user]]` → `user`). */
export function elementType(type: TypeRef): TypeRef {
  return type.kind === 'list' || type.kind === 'map' ? elementType(type.of) : type;
}
