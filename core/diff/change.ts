/** How much a change matters to whoever depends on the contract. */
export type ChangeLevel = 'breaking' | 'warning' | 'info';

/** Levels from most to least severe. */
export const CHANGE_LEVELS: readonly ChangeLevel[] = ['breaking', 'warning', 'info'];

/**
 * One classified difference between two versions of a service.
 *
 * @example
 * { rule: 'field-removed-from-output', level: 'breaking', path: 'models/user/fields/email',
 *   message: "field 'email' of model 'user' was removed; clients reading it break", before: 'string' }
 */
export interface Change {
  /** Stable kebab-case rule id (docs/rules/breaking.md). */
  rule: string;
  level: ChangeLevel;
  /** The element, by names: `models/user/fields/email`, `resources/user/operations/GET /users/:id`. */
  path: string;
  /** One line naming the element and both values. */
  message: string;
  before?: string;
  after?: string;
}

export interface ChangeSummary {
  breaking: number;
  warning: number;
  info: number;
}

/** Counts changes per level. */
export function summarize(changes: readonly Change[]): ChangeSummary {
  const summary: ChangeSummary = { breaking: 0, warning: 0, info: 0 };
  for (const change of changes) summary[change.level]++;
  return summary;
}

/** True when `level` is at least as severe as `threshold`. */
export function atOrAbove(level: ChangeLevel, threshold: ChangeLevel): boolean {
  return CHANGE_LEVELS.indexOf(level) <= CHANGE_LEVELS.indexOf(threshold);
}
