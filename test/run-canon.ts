import { spawnSync } from 'node:child_process';
import { canonBin } from './paths.js';

export interface CanonRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the compiled `canon` binary as a user would, in `cwd`. */
export function runCanon(args: string[], cwd: string, env: Record<string, string> = {}): CanonRun {
  const result = spawnSync(process.execPath, [canonBin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
