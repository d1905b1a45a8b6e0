import type { NamedTypeRef, TypeRef } from '../ir.js';
import { mix, mixText } from './first-occurrences.js';

// Hashes of the strings formatTypeRef(type) and qualifiedName(type) print, mixed from the parts of
// the type: equal strings give equal hashes, and nothing is built (see firstOccurrences).

/** Mixes `formatTypeRef(type)` (fully qualified) into `hash`. */
export function mixPrintedType(hash: number, type: TypeRef): number {
  switch (type.kind) {
    case 'primitive':
    case 'unknown':
      return mixText(hash, type.name);
    case 'list':
      return mix(mixPrintedType(mix(hash, OPEN), type.of), CLOSE);
    case 'map':
      return mix(mixPrintedType(mixText(hash, 'map['), type.of), CLOSE);
    default:
      return mixQualifiedName(hash, type);
  }
}

/** Mixes `qualifiedName(type)`, `namespace.models.name`, into `hash`. */
export function mixQualifiedName(hash: number, type: NamedTypeRef): number {
  hash = mix(mixText(hash, type.namespace), DOT);
  hash = mix(mix(mixText(hash, type.kind), S), DOT);
  return mixText(hash, type.name);
}

const OPEN = 0x5b;
const CLOSE = 0x5d;
const DOT = 0x2e;
const S = 0x73;
