/**
 * CPU and wall time of every test file of the suite, each run alone: `node --test <file>` under
 * GNU time (`/usr/bin/time`), so the CPU figure includes the processes a test spawns and waits for
 * (the native `tsc`, `canon` binaries, `npm`), not only the test's own process.
 *
 *   npm run build && node dist/scripts/bench/suite-costs.js [--jobs N] [--json out.json]
 *     [--durations scripts/test-durations.json] [filter…]
 *
 * The files are the ones `npm test` runs (`scripts/suite-files.ts`); `--durations` writes the
 * wall seconds of each, the order `scripts/run-tests.ts` starts them in. `--jobs` runs that
 * many files at a time (1 by default: the figures are cleanest when files do not compete); a filter
 * keeps the files whose path contains one of the words. Prints the files by CPU, most first.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from '../../test/paths.js';
import { testFiles } from '../suite-files.js';

export interface FileCost {
  file: string;
  user: number;
  sys: number;
  cpu: number;
  wall: number;
  ok: boolean;
}

async function measure(file: string): Promise<FileCost> {
  const child = spawn('/usr/bin/time', ['-f', '%U %S %e', process.execPath, '--test', file], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  const last = stderr.trim().split('\n').at(-1) ?? '';
  const [user, sys, wall] = last.split(' ').map(Number) as [number, number, number];
  const ok = code === 0 && /^# fail 0$/m.test(stdout);
  if (!ok)
    process.stderr.write(
      `${relative(repoRoot, file)} failed:\n${stdout.slice(-4000)}\n${stderr.slice(-2000)}\n`,
    );
  return { file: relative(repoRoot, file), user, sys, cpu: user + sys, wall, ok };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let jobs = 1;
  let json: string | undefined;
  let durations: string | undefined;
  const filters: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--jobs') jobs = Number(args[++i]);
    else if (args[i] === '--json') json = args[++i];
    else if (args[i] === '--durations') durations = args[++i];
    else filters.push(args[i]!);
  }
  const files = testFiles(join(repoRoot, 'dist')).filter(
    (file) => filters.length === 0 || filters.some((word) => file.includes(word)),
  );
  const results: FileCost[] = [];
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: Math.max(1, jobs) }, async () => {
      while (next < files.length) {
        const file = files[next++]!;
        const cost = await measure(file);
        results.push(cost);
        process.stderr.write(
          `${cost.cpu.toFixed(2).padStart(7)} s CPU ${cost.wall.toFixed(2).padStart(7)} s  ${cost.file}\n`,
        );
      }
    }),
  );
  results.sort((a, b) => b.cpu - a.cpu);
  const total = (key: 'cpu' | 'wall') => results.reduce((sum, cost) => sum + cost[key], 0);
  console.log('| file | CPU s (user + sys) | wall s |');
  console.log('|---|---|---|');
  for (const cost of results) {
    console.log(
      `| ${cost.file}${cost.ok ? '' : ' (FAILED)'} | ${cost.cpu.toFixed(2)} | ${cost.wall.toFixed(2)} |`,
    );
  }
  console.log(
    `| ${results.length} files | ${total('cpu').toFixed(1)} | ${total('wall').toFixed(1)} (elapsed ${((Date.now() - started) / 1000).toFixed(1)}, ${jobs} at a time) |`,
  );
  if (json) writeFileSync(json, `${JSON.stringify(results, null, 2)}\n`);
  // The order `scripts/run-tests.ts` starts the files in: wall seconds alone, longest first.
  if (durations) {
    const walls = Object.fromEntries(
      [...results]
        .sort((a, b) => b.wall - a.wall)
        .map((cost) => [cost.file, Math.round(cost.wall * 10) / 10]),
    );
    writeFileSync(durations, `${JSON.stringify(walls, null, 2)}\n`);
  }
  if (results.some((cost) => !cost.ok)) process.exitCode = 1;
}

await main();
