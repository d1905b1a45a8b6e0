/**
 * `canon generate` (types + client + mock client) of this build against another build of Canon,
 * counted in instructions rather than timed: callgrind runs each command with V8 on one thread
 * (`--single-threaded`: compilation and garbage collection happen on the command's thread, so
 * they are counted too) and fixed hash and random seeds. The count is then the same from run to
 * run to within 0.01 %, whatever else the machine is doing; wall time on a shared two-core
 * machine moves by ±10 %, more than the differences worth measuring.
 *
 * It counts work, not seconds: waiting on the disk is not in it, and neither is the second core.
 * Pair it with `generate-versus.js`, which times the same commands as users run them.
 *
 * Needs valgrind (`apt-get install -y valgrind`). Two counts run at a time, one per core; each
 * takes one to three minutes.
 *
 * Run: npm run build && node dist/scripts/bench/generate-instructions.js <other build's bin> [spec.json ...]
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { CANON_BIN } from './canon-bin.js';
import { generateArgs, versusSpecs } from './versus-command.js';

const [other, ...named] = process.argv.slice(2);
if (!other) {
  console.error(
    'usage: node dist/scripts/bench/generate-instructions.js <other build bin: dist/bundle/canon.js, or dist/cli/bin.js> [spec.json ...]',
  );
  process.exit(2);
}
if (spawnSync('valgrind', ['--version']).status !== 0) {
  console.error(
    'generate-instructions: valgrind is not installed; install it (apt-get install -y valgrind).',
  );
  process.exit(2);
}
const specs = named.length > 0 ? named : versusSpecs();

for (const path of [other, ...specs]) {
  if (!existsSync(path)) {
    console.error(
      `generate-instructions: ${path} does not exist; name a built Canon bin and spec files that exist.`,
    );
    process.exit(2);
  }
}

const work = mkdtempSync(join(tmpdir(), 'canon-bench-instructions-'));
/** Counts under way, stopped when another fails. */
const running = new Set<ChildProcess>();

/** The instructions callgrind counted for one `canon generate` by `bin` on `spec`. */
function count(bin: string, spec: string, id: string): Promise<number> {
  const dir = join(work, id);
  mkdirSync(dir);
  const args = [
    '--tool=callgrind',
    // V8 writes the machine code it runs: callgrind must see it change.
    '--smc-check=all-non-file',
    `--callgrind-out-file=${join(dir, 'callgrind.out')}`,
    process.execPath,
    '--single-threaded',
    '--hash-seed=1',
    '--random-seed=1',
    bin,
    ...generateArgs(spec, join(dir, 'out')),
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    running.add(child);
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (status) => {
      running.delete(child);
      const summary = /^summary: (\d+)$/m.exec(safeRead(join(dir, 'callgrind.out')));
      // Canon's own messages, without valgrind's lines (`==pid== …`).
      const said = stderr
        .split('\n')
        .filter((line) => line.trim() !== '' && !/^==\d+==/.test(line))
        .join('\n');
      if (status !== 0 || !summary)
        reject(new Error(`${bin} generate ${basename(spec)} failed (exit ${status}):\n${said.slice(-1000)}`));
      else resolve(Number(summary[1]));
    });
  });
}

function safeRead(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

const builds = { this: CANON_BIN, other };
const jobs = specs.flatMap((spec, i) =>
  Object.entries(builds).map(([name, bin]) => ({
    key: `${spec}\0${name}`,
    run: () => count(bin, spec, `${i}-${name}`),
  })),
);
const counts = new Map<string, number>();
const lanes = Math.max(1, Math.min(2, cpus().length));
let next = 0;
try {
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < jobs.length) {
        const job = jobs[next++]!;
        counts.set(job.key, await job.run());
      }
    }),
  );
} catch (error) {
  next = jobs.length;
  for (const child of running) child.kill();
  console.error(`generate-instructions: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (process.exitCode === 1) process.exit();

const millions = (n: number) => `${(n / 1e6).toFixed(0)} M`;
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
console.log(
  'canon generate -g typescript-mock-client, instructions (callgrind, V8 on one thread, fixed seeds):',
);
for (const spec of specs) {
  const mine = counts.get(`${spec}\0this`)!;
  const theirs = counts.get(`${spec}\0other`)!;
  console.log(
    `  ${basename(spec).padEnd(26)} this ${millions(mine).padStart(8)}  other ${millions(theirs).padStart(8)}  ratio ${(mine / theirs).toFixed(3)}×`,
  );
}
