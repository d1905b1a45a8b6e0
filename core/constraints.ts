import type { Constraints, TypeRef } from './ir.js';
import { CONSTRAINT_KEYS } from './ir.js';

/**
 * What API Builder's `minimum`/`maximum` bound for a type: the value of a number, the length of a
 * string, the number of items of a list. Other types have no bounds.
 *
 * @example boundMeaning({ kind: 'list', of: … }) === 'count'
 */
export type BoundMeaning = 'value' | 'length' | 'count';

const NUMBERS: ReadonlySet<string> = new Set(['integer', 'long', 'double', 'decimal']);

export function boundMeaning(type: TypeRef): BoundMeaning | undefined {
  if (type.kind === 'list') return 'count';
  if (type.kind !== 'primitive') return undefined;
  if (type.name === 'string') return 'length';
  return NUMBERS.has(type.name) ? 'value' : undefined;
}

/** Whether a type holds numbers (the only ones `exclusive*` and `multipleOf` apply to). */
export function isNumberType(type: TypeRef): boolean {
  return type.kind === 'primitive' && NUMBERS.has(type.name);
}

/** Whether a type's values are JSON strings (`pattern` and string formats apply). */
export function isStringType(type: TypeRef): boolean {
  return (
    type.kind === 'enum' ||
    (type.kind === 'primitive' &&
      (type.name === 'string' ||
        type.name === 'uuid' ||
        type.name === 'date-iso8601' ||
        type.name === 'date-time-iso8601'))
  );
}

/** Whether an element carries any constraint at all (most carry none: checked first, cheaply). */
export function hasConstraint(element: Constraints): boolean {
  for (const key of CONSTRAINT_KEYS) if (element[key] !== undefined) return true;
  return false;
}
