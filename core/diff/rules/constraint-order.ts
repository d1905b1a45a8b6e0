import type { Constraints } from '../../ir.js';
import { deepEqual } from '../equality.js';

/** How a constraint changed: it admits fewer values, more, a different set, or the same. */
export type ConstraintChange = 'tightened' | 'loosened' | 'changed' | 'same';

/**
 * Compares one constraint across versions. Adding a constraint tightens and removing it loosens;
 * a lower bound that rises, an upper bound that falls, a `multipleOf` that becomes a multiple of
 * the old one tighten. A pattern, format or const replaced by another admits a different set of
 * values: `changed`, which is neither.
 *
 * @example compareConstraint('maximum', 100, 50) === 'tightened'
 */
export function compareConstraint(
  key: keyof Constraints,
  before: Constraints[keyof Constraints],
  after: Constraints[keyof Constraints],
): ConstraintChange {
  if (before === undefined && after === undefined) return 'same';
  if (before === undefined) return 'tightened';
  if (after === undefined) return 'loosened';
  if (deepEqual(before, after)) return 'same';
  switch (key) {
    case 'minimum':
    case 'exclusiveMinimum':
      return (after as number) > (before as number) ? 'tightened' : 'loosened';
    case 'maximum':
    case 'exclusiveMaximum':
      return (after as number) < (before as number) ? 'tightened' : 'loosened';
    case 'multipleOf': {
      const [b, a] = [before as number, after as number];
      if (isMultiple(a, b)) return 'tightened';
      if (isMultiple(b, a)) return 'loosened';
      return 'changed';
    }
    default:
      return 'changed';
  }
}

/** Whether `n` is a whole multiple of `of` (to within floating point for decimals such as 0.01). */
function isMultiple(n: number, of: number): boolean {
  const q = n / of;
  return Math.abs(q - Math.round(q)) < 1e-9;
}
