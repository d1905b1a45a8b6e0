import { runCanon as runInProcess } from './spawn.js';

export interface CanonRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `canon <args>` in `cwd` as a user would, in this process (see `runCanon` in spawn.ts). */
export async function runCanon(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<CanonRun> {
  const { code, stdout, stderr } = await runInProcess(args, { cwd, env });
  return { status: code, stdout, stderr };
}
