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
