/**
 * The test command (`npm test` runs it after the build): every `*.test.js` under `dist/`, each in
 * its own process as `node --test` runs them, three at a time, the longest first.
 *
 *   node dist/scripts/run-tests.js [--concurrency N] [filter…]
 *
 * Why not `node --test dist/`: Node 20 sorts the files by name, so a long file that sorts last
 * starts last and the suite ends with one core idle while it finishes. Here the files start in
 * the order of `scripts/test-durations.json` (seconds each took alone, longest first; a file it
 * does not list starts first, as if it were long, so a new slow file is never the tail), and
 * only `*.test.js` files run: `node --test dist/` also runs every module under `test/` (the
 * harnesses, which hold no tests) as a test file. The output is the same TAP; the exit code is 1
 * when a test fails. `--concurrency` (or CANON_TEST_CONCURRENCY) sets how many files run at once;
 * a filter keeps the files whose path contains one of the words.
 *
 * Refresh the durations after adding or changing slow tests:
 * `node dist/scripts/bench/suite-costs.js --durations scripts/test-durations.json`.
 */
import { readFileSync } from 'node:fs';
import { run } from 'node:test';
import { tap } from 'node:test/reporters';
import { repoPath } from '../test/paths.js';
import { DEFAULT_CONCURRENCY, longestFirst, testFiles } from './suite-files.js';

function readDurations(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(repoPath('scripts', 'test-durations.json'), 'utf8')) as Record<
      string,
      number
    >;
  } catch {
    return {};
  }
}

function main(): void {
  const args = process.argv.slice(2);
  let concurrency = Number(process.env.CANON_TEST_CONCURRENCY) || DEFAULT_CONCURRENCY;
  const filters: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--concurrency') concurrency = Number(args[++i]);
    else filters.push(args[i]!);
  }
  const files = longestFirst(
    testFiles(repoPath('dist')).filter(
      (file) => filters.length === 0 || filters.some((w) => file.includes(w)),
    ),
    readDurations(),
  );
  // The tests reach nothing beyond 127.0.0.1 (npm runs --offline), so an extra CA bundle is of
  // no use to them, and Node reads it whole at every start: with a system bundle set here, 40–80
  // ms of CPU for each of the 250 or so Node processes the suite starts.
  delete process.env.NODE_EXTRA_CA_CERTS;
  const stream = run({ files, concurrency });
  stream.on('test:fail', (data: { todo?: unknown }) => {
    if (!data.todo) process.exitCode = 1;
  });
  stream.compose(tap).pipe(process.stdout);
}

main();
