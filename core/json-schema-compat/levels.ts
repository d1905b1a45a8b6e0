import { backwardIncompatibilities, type SchemaVersion } from './compare.js';
import type { Difference } from './context.js';
import type { CompatibilityPolicy } from './difference-types.js';

/** Confluent's compatibility levels, with their meaning (docs/subjects.md). */
export const COMPATIBILITY_LEVELS = [
  'NONE',
  'BACKWARD',
  'BACKWARD_TRANSITIVE',
  'FORWARD',
  'FORWARD_TRANSITIVE',
  'FULL',
  'FULL_TRANSITIVE',
] as const;
export type CompatibilityLevel = (typeof COMPATIBILITY_LEVELS)[number];

export const isCompatibilityLevel = (value: unknown): value is CompatibilityLevel =>
  COMPATIBILITY_LEVELS.includes(value as CompatibilityLevel);

/** A registered version of a subject, as a check sees it. */
export interface PriorVersion {
  version: number;
  schema: SchemaVersion;
}

/** One reason a new schema fails a level: which version, which direction, which difference. */
export interface Incompatibility {
  againstVersion: number;
  /** `backward`: the new schema cannot read the old one's data; `forward`: the other way round. */
  direction: 'backward' | 'forward';
  difference: Difference;
}

/**
 * The versions a level checks a new schema against, newest first: only the latest for BACKWARD,
 * FORWARD and FULL, every one for the transitive levels, none for NONE.
 */
export function versionsChecked(level: CompatibilityLevel, history: readonly PriorVersion[]): PriorVersion[] {
  if (level === 'NONE' || history.length === 0) return [];
  const newestFirst = [...history].sort((x, y) => y.version - x.version);
  return level.endsWith('_TRANSITIVE') ? newestFirst : newestFirst.slice(0, 1);
}

/**
 * Checks a candidate schema under a level. BACKWARD levels ask whether the candidate reads data
 * written with the earlier schemas (consumers upgrade first), FORWARD levels whether the earlier
 * schemas read the candidate's data (producers upgrade first), FULL levels both.
 *
 * @example
 * checkCompatibility('BACKWARD_TRANSITIVE', 'STRICT', next, [v1, v2]).length === 0 // compatible
 */
export function checkCompatibility(
  level: CompatibilityLevel,
  policy: CompatibilityPolicy,
  candidate: SchemaVersion,
  history: readonly PriorVersion[],
): Incompatibility[] {
  const found: Incompatibility[] = [];
  const backward = level.startsWith('BACKWARD') || level.startsWith('FULL');
  const forward = level.startsWith('FORWARD') || level.startsWith('FULL');
  for (const prior of versionsChecked(level, history)) {
    if (backward) {
      for (const difference of backwardIncompatibilities(prior.schema, candidate, policy)) {
        found.push({ againstVersion: prior.version, direction: 'backward', difference });
      }
    }
    if (forward) {
      for (const difference of backwardIncompatibilities(candidate, prior.schema, policy)) {
        found.push({ againstVersion: prior.version, direction: 'forward', difference });
      }
    }
  }
  return found;
}
