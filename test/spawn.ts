import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { canonBin } from './paths.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the compiled `canon` binary to completion. */
export async function runCanon(
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
 * Starts `canon <args>` (this checkout's build, or `bin`: an installed package's `dist/cli/bin.js`)
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
