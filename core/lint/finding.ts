/** How serious a lint finding is: errors fail `canon lint`, warnings only with `--fail-on warning`. */
export type LintLevel = 'error' | 'warning';

/**
 * One convention a spec does not follow.
 *
 * @example
 * { rule: 'lower-case-paths', level: 'error', path: 'resources/user/operations/GET /Users',
 *   message: 'GET /Users: path must be lower case; write /users' }
 */
export interface Finding {
  rule: string;
  level: LintLevel;
  /** The element, by names, as in diff changes: `models/user/fields/email`. */
  path: string;
  message: string;
}
