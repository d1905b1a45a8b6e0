/** Which files the test suite runs, and in which order (`scripts/run-tests.ts`). */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../test/paths.js';

/** How many test files run at once when neither the flag nor the variable says. */
export const DEFAULT_CONCURRENCY = 3;

/** Every `*.test.js` file under `dir`, by name. */
export function testFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue;
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.test.js')) found.push(path);
    }
  };
  walk(dir);
  return found.sort();
}

/** The files longest first by `durations` (repository-relative paths → seconds); unknown files first. */
export function longestFirst(files: string[], durations: Readonly<Record<string, number>>): string[] {
  const seconds = (file: string) => durations[relative(repoRoot, file)] ?? Number.POSITIVE_INFINITY;
  return [...files].sort((a, b) => seconds(b) - seconds(a) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Files that took less than this alone (seconds) share a process with other such files. */
export const SHARED_BELOW_SECONDS = 3;

/** A plan for the run: files that get a process each, and groups of files that share one. */
export interface SuitePlan {
  /** Longest first. */
  readonly alone: string[];
  /** Each group's files, longest first; the groups themselves longest first. */
  readonly shared: { readonly files: string[]; readonly seconds: number }[];
}

/**
 * Splits the files into those that run alone and `groups` groups of quick files, balanced by
 * `durations` (the longest file goes to the group with the least so far). A file the durations
 * do not list runs alone, as if it were long: a new file is never assumed quick.
 */
export function planSuite(
  files: string[],
  durations: Readonly<Record<string, number>>,
  groups: number,
): SuitePlan {
  const seconds = (file: string) => durations[relative(repoRoot, file)] ?? Number.POSITIVE_INFINITY;
  const ordered = longestFirst(files, durations);
  const alone = ordered.filter((file) => seconds(file) >= SHARED_BELOW_SECONDS);
  const quick = ordered.filter((file) => seconds(file) < SHARED_BELOW_SECONDS);
  const shared = Array.from({ length: Math.min(groups, quick.length) }, () => ({
    files: [] as string[],
    seconds: 0,
  }));
  for (const file of quick) {
    const lightest = shared.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    lightest.files.push(file);
    lightest.seconds += seconds(file);
  }
  shared.sort((a, b) => b.seconds - a.seconds);
  return { alone, shared };
}
