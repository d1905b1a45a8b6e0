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

/** Seconds `file` took alone by `durations` (repository-relative paths); unknown files count as endless. */
function fileSeconds(file: string, durations: Readonly<Record<string, number>>): number {
  return durations[relative(repoRoot, file)] ?? Number.POSITIVE_INFINITY;
}

/** The files longest first by `durations` (repository-relative paths → seconds); unknown files first. */
export function longestFirst(files: string[], durations: Readonly<Record<string, number>>): string[] {
  const seconds = (file: string) => fileSeconds(file, durations);
  return [...files].sort((a, b) => seconds(b) - seconds(a) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Files that took less than this alone (seconds) share a process with other such files. */
export const SHARED_BELOW_SECONDS = 3;

/** One process of the run: a file alone, or quick files sharing it. */
export interface SuiteProcess {
  /** Longest first. */
  readonly files: string[];
  readonly shared: boolean;
  /** What its files took alone, together. */
  readonly seconds: number;
}

/**
 * The processes to run, longest first: a process for each file that took `SHARED_BELOW_SECONDS`
 * or more, and the quicker files in `groups` shared processes, balanced by `durations` (the
 * longest file goes to the group with the least so far). A file the durations do not list runs
 * alone, as if it were long: a new file is never assumed quick.
 */
export function planSuite(
  files: string[],
  durations: Readonly<Record<string, number>>,
  groups: number,
): SuiteProcess[] {
  const alone: SuiteProcess[] = [];
  const quick: string[] = [];
  for (const file of longestFirst(files, durations)) {
    const seconds = fileSeconds(file, durations);
    if (seconds < SHARED_BELOW_SECONDS) quick.push(file);
    else alone.push({ files: [file], shared: false, seconds });
  }
  const wanted = Number.isFinite(groups) && groups >= 1 ? Math.floor(groups) : 1;
  const shared = Array.from({ length: Math.min(wanted, quick.length) }, () => ({
    files: [] as string[],
    shared: true,
    seconds: 0,
  }));
  for (const file of quick) {
    const lightest = shared.reduce((a, b) => (b.seconds < a.seconds ? b : a));
    lightest.files.push(file);
    lightest.seconds += fileSeconds(file, durations);
  }
  return [...alone, ...shared].sort((a, b) => b.seconds - a.seconds);
}
