import type { ChangeLevel } from '../change.js';
import { type AnyDiffRule, added, type ElementKind, removed, rule } from '../rule.js';

type Kind = Exclude<ElementKind, 'any'>;

/**
 * The three rules every element with a plain add/remove verdict has: `<noun>-added` (info),
 * `<noun>-removed` (at `removedLevel`) and `deprecated-<noun>-removed` (warning: it was deprecated
 * first, which is how a team retires an element).
 */
export function lifecycleRules(
  kind: Kind,
  noun: string,
  removedLevel: ChangeLevel,
  why: string,
): AnyDiffRule[] {
  return [
    rule({
      id: `${noun}-added`,
      level: 'info',
      description: `A ${noun.replaceAll('-', ' ')} was added.`,
      elements: [kind],
      check: (pair) => (added(pair) ? { message: `${pair.label} was added` } : undefined),
    }),
    rule({
      id: `${noun}-removed`,
      level: removedLevel,
      description: `A ${noun.replaceAll('-', ' ')} was removed without being deprecated first: ${why}`,
      elements: [kind],
      check: (pair) =>
        removed(pair) && !pair.deprecated ? { message: `${pair.label} was removed` } : undefined,
    }),
    deprecatedRemoval(kind, noun),
  ];
}

/** `deprecated-<noun>-removed`: removing what the old version had already deprecated. */
export function deprecatedRemoval(kind: Kind, noun: string): AnyDiffRule {
  return rule({
    id: `deprecated-${noun}-removed`,
    level: 'warning',
    description: `A ${noun.replaceAll('-', ' ')} that was deprecated in the old version was removed. Clients had notice; check none still use it.`,
    elements: [kind],
    check: (pair) =>
      removed(pair) && pair.deprecated
        ? { message: `${pair.label} was removed after being deprecated` }
        : undefined,
  });
}
