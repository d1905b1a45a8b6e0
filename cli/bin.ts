#!/usr/bin/env node
import { main } from './main.js';
import { tuneForOneShot } from './one-shot-tuning.js';

tuneForOneShot(process.argv[2]);

let finished = false;
// If the command's promise never settles (nothing left to wait for, a bug), Node would exit 0
// silently; say so and fail instead.
process.on('beforeExit', () => {
  if (finished) return;
  finished = true;
  process.stderr.write(
    'canon: the command stopped without finishing; this is a bug in Canon, please report it.\n',
  );
  process.exitCode = 2;
});

// `canon … | head` closes the pipe early: stop writing there, without a stack trace, and let the
// command finish so the exit code is still its own.
const open = { stdout: true, stderr: true };
for (const name of ['stdout', 'stderr'] as const) {
  process[name].on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    open[name] = false;
  });
}

main(process.argv.slice(2), {
  out: (text) => {
    if (open.stdout) process.stdout.write(text);
  },
  err: (text) => {
    if (open.stderr) process.stderr.write(text);
  },
  cwd: process.cwd(),
  env: process.env,
  ...(process.stderr.isTTY
    ? { progress: (text: string) => open.stderr && process.stderr.write(`… ${text}\n`) }
    : {}),
}).then((code) => {
  finished = true;
  process.exitCode = code;
});
