import { main } from '../cli/main.js';

export interface CanonRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `canon <args>` in `cwd` as a user would, in this process (see `runCanon` in spawn.ts: the
 * CLI reaches the world only through its `Io`, so this is the command as shipped, without a
 * Node start-up per call).
 */
export async function runCanon(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<CanonRun> {
  let stdout = '';
  let stderr = '';
  const status = await main(args, {
    out: (text) => (stdout += text),
    err: (text) => (stderr += text),
    cwd,
    env: { ...process.env, ...env },
  });
  return { status, stdout, stderr };
}
