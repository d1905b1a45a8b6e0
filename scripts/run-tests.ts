/**
 * The test command (`npm test` runs it after the build): every `*.test.js` under `dist/`, three
 * processes at a time, the longest first. A file that took 3 s or more alone gets a process of its
 * own, as `node --test` runs files; the quicker ones share twice as many processes as run at once
 * (six), each file a suite of its own there (its hooks stay its own): a Node process with the test
 * runner costs about 0.3 s of CPU to start, and quick files mostly load the same modules, so
 * sharing saved about a sixth of the suite's CPU (docs/benchmarks.md). A quick file must therefore not depend on a fresh process
 * (what is loaded, process-wide settings): a check of that runs its own child process.
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
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { run } from 'node:test';
import { tap } from 'node:test/reporters';
import { pathToFileURL } from 'node:url';
import { repoPath, repoRoot } from '../test/paths.js';
import { DEFAULT_CONCURRENCY, planSuite, testFiles } from './suite-files.js';

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
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    console.error(
      'run-tests: --concurrency (or CANON_TEST_CONCURRENCY) must be a whole number of at least 1, such as 3.',
    );
    process.exit(2);
  }
  const plan = planSuite(
    testFiles(repoPath('dist')).filter(
      (file) => filters.length === 0 || filters.some((w) => file.includes(w)),
    ),
    readDurations(),
    concurrency * 2,
  );
  const entries = mkdtempSync(join(tmpdir(), 'canon-tests-'));
  const files = plan.map((p, index) => (p.shared ? sharedEntry(entries, index + 1, p.files) : p.files[0]!));
  // The tests reach nothing beyond 127.0.0.1 (npm runs --offline), so an extra CA bundle is of
  // no use to them, and Node reads it whole at every start: with a system bundle set here, 40–80
  // ms of CPU for each of the 250 or so Node processes the suite starts.
  delete process.env.NODE_EXTRA_CA_CERTS;
  const stream = run({ files, concurrency });
  stream.on('test:fail', (data: { todo?: unknown }) => {
    if (!data.todo) process.exitCode = 1;
  });
  const removeEntries = () => rmSync(entries, { recursive: true, force: true });
  stream.on('close', removeEntries);
  // Interrupted, the run leaves no entry files behind in the temporary directory.
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    process.once(signal, () => {
      removeEntries();
      process.exit(code);
    });
  }
  stream.compose(tap).pipe(process.stdout);
}

/** Writes the module that runs `files` in one process, each in a suite named by its path. */
function sharedEntry(dir: string, index: number, files: string[]): string {
  const suites = files.map(
    (file) =>
      `describe(${JSON.stringify(relative(repoRoot, file))}, async () => {\n` +
      `  await import(${JSON.stringify(pathToFileURL(file).href)});\n});\n`,
  );
  const entry = join(dir, `shared-${index}.test.js`);
  writeFileSync(entry, `import { describe } from 'node:test';\n\n${suites.join('')}`);
  return entry;
}

main();
