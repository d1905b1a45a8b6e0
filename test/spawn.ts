import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { main } from '../cli/main.js';
import { canonBin } from './paths.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `canon <args>` to completion in this process: the `main` the binary calls, with the same
 * environment a spawned run would get (CANON_TOKEN and CANON_REGISTRY cleared unless given), so
 * a test of a command's behaviour costs no Node start-up. The CLI reaches the world only through
 * its `Io` (no `process.stdout`, `process.env` or `process.cwd()` below `cli/bin.ts`), so this is
 * the command exactly as shipped; tests of the binary itself (a closed pipe, signals, exit codes
 * set by `bin.ts`) use {@link runCanonBinary}.
 */
export async function runCanon(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    out: (text) => (stdout += text),
    err: (text) => (stderr += text),
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, CANON_TOKEN: '', CANON_REGISTRY: '', ...options.env },
  });
  return { code, stdout, stderr };
}

/** Runs the compiled `canon` binary to completion, in a process of its own. */
export async function runCanonBinary(
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<CliResult> {
  const child = spawn(process.execPath, [canonBin, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, CANON_TOKEN: '', CANON_REGISTRY: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code] = (await once(child, 'close')) as [number | null];
  return { code, stdout, stderr };
}

/** A long-running `canon` process (serve, up) and the URL it printed. */
export interface CanonProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Sends a signal and waits for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts `canon <args>` (this checkout's build, or `bin`: an installed package's bin)
 * and waits until it prints a `http://127.0.0.1:<port>` URL.
 */
export async function startCanon(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; bin?: string } = {},
): Promise<CanonProcess> {
  const child = spawn(process.execPath, [options.bin ?? canonBin, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: { ...process.env, CANON_TOKEN: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /https?:\/\/127\.0\.0\.1:\d+/.exec(output);
      if (match && output.includes('\n', match.index)) resolve(match[0]);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) =>
      reject(new Error(`canon ${args.join(' ')} exited with ${code} before listening:\n${output}`)),
    );
  });
  return {
    child,
    url,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = once(child, 'exit');
      child.kill(signal);
      const [code] = (await exited) as [number | null];
      return code;
    },
  };
}
