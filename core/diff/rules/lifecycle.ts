import type { ChangeLevel } from '../change.js';
import { type AnyDiffRule, added, type ElementKind, type Pair, removed, rule } from '../rule.js';

type Kind = Exclude<ElementKind, 'any'>;

/**
 * The three rules every element with a plain add/remove verdict has: `<noun>-added` (info),
 * `<noun>-removed` (at `removedLevel`) and `deprecated-<noun>-removed` (warning: it was deprecated
 * first, which is how a team retires an element). The two removal rules cover only the removals
 * `removalApplies` accepts; another rule judges the rest.
 */
export function lifecycleRules(
  kind: Kind,
  noun: string,
  removedLevel: ChangeLevel,
  why: string,
  removalApplies: (pair: Pair<never>) => boolean = () => true,
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
        removed(pair) && !pair.deprecated && removalApplies(pair as Pair<never>)
          ? { message: `${pair.label} was removed` }
          : undefined,
    }),
    deprecatedRemoval(kind, noun, removalApplies),
  ];
}

/**
 * `deprecated-<noun>-removed`: removing what the old version had already deprecated (itself or
 * what contains it). `applies` narrows it to the removals that are louder than info when nothing
 * was deprecated: a deprecation must never make a removal louder than it would have been.
 */
export function deprecatedRemoval(
  kind: Kind,
  noun: string,
  applies: (pair: Pair<never>) => boolean = () => true,
): AnyDiffRule {
  return rule({
    id: `deprecated-${noun}-removed`,
    level: 'warning',
    description: `A ${noun.replaceAll('-', ' ')} that was deprecated in the old version (itself or what contains it) was removed. Clients had notice; check none still use it.`,
    elements: [kind],
    check: (pair) =>
      removed(pair) && pair.deprecated && applies(pair as Pair<never>)
        ? { message: removedAfterDeprecation(pair) }
        : undefined,
  });
}

/** "… was removed after being deprecated", naming the deprecated ancestor when it was not the element. */
export function removedAfterDeprecation(pair: Pair<unknown>): string {
  return pair.deprecatedBy === undefined || pair.deprecatedBy === pair.label
    ? `${pair.label} was removed after being deprecated`
    : `${pair.label} was removed after ${pair.deprecatedBy} was deprecated`;
}
