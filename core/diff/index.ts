import type { Service } from '../ir.js';
import type { Change, ChangeLevel } from './change.js';
import { alignInlineTypes } from './inline-types.js';
import { DIFF_RULES } from './rules.js';
import { type ChangeSource, DiffWalker, type ImportedServices } from './walk.js';

export type { Change, ChangeLevel, ChangeSummary } from './change.js';
export { atOrAbove, CHANGE_LEVELS, summarize } from './change.js';
export { analyzeUsage, isEventUnionName, type Usage, type UsageMap, usageOf } from './direction.js';
export type { AnyDiffRule, DiffRule } from './rule.js';
export { DIFF_RULES } from './rules.js';
export type { ChangeSource, ImportedServices } from './walk.js';

export interface DiffOptions {
  /** Re-level or turn off rules by id (`canon.config.json` `diff.rules`). */
  rules?: Readonly<Record<string, ChangeLevel | 'off'>>;
  /**
   * The imported services of each version (`LoadResult.imports`). With them, changes inside the
   * imported types this service uses are classified too (`imports/<org>/<app>/models/…`);
   * without them, imports are compared only by their URI, version and contents list.
   */
  imports?: ImportedServices;
}

const sources = new WeakMap<Change, ChangeSource>();

/**
 * Classifies every difference between two versions of a service, from the point of view of its
 * clients and event consumers. Elements are matched by name (operations by method and path, with
 * moved operations recognised; path parameters by position; types Canon named after inline
 * OpenAPI schemas by structure); each change names its rule, level and element.
 *
 * @example
 * const changes = diff(oldService, newService);
 * summarize(changes); // { breaking: 1, warning: 0, info: 3 }
 */
export function diff(before: Service, after: Service, options: DiffOptions = {}): Change[] {
  const walker = new DiffWalker(
    alignInlineTypes(before, after),
    after,
    DIFF_RULES,
    options.rules,
    options.imports,
  );
  const changes = walker.run();
  for (const change of changes) {
    const source = walker.sources.get(change);
    if (source) sources.set(change, source);
  }
  return changes;
}

/** The IR elements a change returned by `diff` is about (for mapping it to a line in the spec). */
export function sourceOf(change: Change): ChangeSource | undefined {
  return sources.get(change);
}
