import type { Change } from '../diff/change.js';
import type { Difference } from './context.js';
import { type CompatibilityPolicy, isCompatibleDifference, ruleIdOf } from './difference-types.js';

const shown = (value: unknown) => {
  const text = JSON.stringify(value) ?? 'none';
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
};

/**
 * A difference as a Canon change: rule id (kebab-case of Confluent's type), level (`breaking`
 * when the policy counts it incompatible, else `info`), JSON pointer, and a one-line message.
 *
 * @example
 * toChange({ type: 'MAXIMUM_DECREASED', path: '#/properties/age/maximum', before: 150, after: 120 })
 * // → { rule: 'maximum-decreased', level: 'breaking', path: '#/properties/age/maximum',
 * //     message: 'maximum decreased at #/properties/age/maximum (150 → 120); data the old schema accepted may be refused' }
 */
export function toChange(difference: Difference, policy: CompatibilityPolicy = 'STRICT'): Change {
  const compatible = isCompatibleDifference(difference.type, policy);
  const words = difference.type.toLowerCase().replaceAll('_', ' ');
  const values =
    difference.before !== undefined || difference.after !== undefined
      ? ` (${shown(difference.before)} → ${shown(difference.after)})`
      : '';
  const consequence = compatible ? '' : '; data the old schema accepted may be refused';
  const change: Change = {
    rule: ruleIdOf(difference.type),
    level: compatible ? 'info' : 'breaking',
    path: difference.path,
    message: `${words} at ${difference.path}${values}${consequence}`,
  };
  if (difference.before !== undefined) change.before = shown(difference.before);
  if (difference.after !== undefined) change.after = shown(difference.after);
  return change;
}
