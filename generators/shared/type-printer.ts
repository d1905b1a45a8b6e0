import type { NamedTypeRef, PrimitiveName, TypeRef } from '../../core/ir.js';
import { type Code, code, fixed } from './code.js';

/** Finds the printed name of a named type, or undefined when it is not available (unresolved import). */
export type NamedTypeResolver = (ref: NamedTypeRef) => Code | undefined;

const PRIMITIVE_TYPES: Readonly<Record<PrimitiveName, string>> = {
  boolean: 'boolean',
  decimal: 'number',
  integer: 'number',
  double: 'number',
  long: 'number',
  object: '{ [key: string]: unknown }',
  json: 'unknown',
  string: 'string',
  // Dates and uuids stay strings: they arrive as JSON strings and round-trip unchanged.
  'date-iso8601': 'string',
  'date-time-iso8601': 'string',
  uuid: 'string',
  unit: 'undefined',
};

/**
 * Prints a type reference as a TypeScript type. Maps and `object` print as index signatures
 * (not `Record`) and lists as `T[]` (not `Array<T>`), so a spec type named `record` or `array`
 * cannot shadow what the printer relies on.
 * Named types the resolver cannot place print as `unknown`.
 *
 * @example printType({ kind: 'list', of: { kind: 'primitive', name: 'uuid' } }, resolve) === 'string[]'
 */
export function printType(ref: TypeRef, resolve: NamedTypeResolver): Code {
  switch (ref.kind) {
    case 'primitive':
      return fixed(PRIMITIVE_TYPES[ref.name]);
    case 'list': {
      const inner = printType(ref.of, resolve);
      // Never `Array<…>`: a spec type named `array` would shadow the global in the types module.
      // What this prints is never a union or a function type, so `T[]` needs no parentheses.
      return /[|&]|=>/.test(inner) ? code`(${inner})[]` : code`${inner}[]`;
    }
    case 'map':
      return code`{ [key: string]: ${printType(ref.of, resolve)} }`;
    case 'unknown':
      return fixed('unknown');
    default:
      return resolve(ref) ?? fixed('unknown');
  }
}
