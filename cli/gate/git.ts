import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { UsageError } from '../command.js';

/** Runs git in `cwd`; never rejects (`ok` is false when git failed or is missing). */
export function git(cwd: string, args: string[]): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'git',
      args,
      { cwd, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') {
          resolve({ ok: false, stdout: '', stderr: 'git is not installed or not on PATH' });
          return;
        }
        resolve({ ok: !error, stdout, stderr });
      },
    );
  });
}

/** The top directory of the git work tree holding `cwd`. */
export async function gitTop(cwd: string): Promise<string> {
  const result = await git(cwd, ['rev-parse', '--show-toplevel']);
  if (!result.ok) {
    throw new UsageError(
      `comparing with a git ref (--against, --changed-since) needs a git repository, and ${cwd} is not inside one (${result.stderr.trim() || 'git failed'}).`,
    );
  }
  return result.stdout.trim();
}

/** Fails with a UsageError naming the ref when it does not name a commit. */
export async function verifyRef(top: string, ref: string): Promise<void> {
  const result = await git(top, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (!result.ok) {
    throw new UsageError(
      `git ref '${ref}' does not name a commit here; fetch it first (e.g. 'git fetch origin main') or pass another --against.`,
    );
  }
}

/** A file's text at a ref (path relative to the repository top), or undefined when it did not exist there. */
async function showFile(top: string, ref: string, path: string): Promise<string | undefined> {
  const exists = await git(top, ['cat-file', '-e', `${ref}:${path}`]);
  if (!exists.ok) return undefined;
  // --filters gives the file as a checkout would write it (LFS, working-tree-encoding, line endings).
  const result = await git(top, ['cat-file', '--filters', `${ref}:${path}`]);
  if (!result.ok) throw new UsageError(`cannot read ${path} at ${ref}: ${result.stderr.trim()}`);
  return result.stdout;
}

/**
 * The text at `ref` of the file at `path` (absolute), or undefined when it is outside the
 * repository or was not there. A symbolic link is followed to the file it names, as reading the
 * file from disk would.
 */
export async function fileAt(top: string, ref: string, path: string): Promise<string | undefined> {
  const inRepo = repoPath(top, await realPath(path));
  return inRepo === undefined ? undefined : showFile(top, ref, inRepo);
}

/** `path` with symbolic links resolved, as far as it still exists (a deleted file keeps its name). */
async function realPath(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(await realPath(parent), basename(path));
  }
}

/** `path` relative to the repository top with `/` separators; undefined when it is outside. */
export function repoPath(top: string, path: string): string | undefined {
  const inRepo = relative(top, path);
  if (inRepo.split(sep)[0] === '..' || isAbsolute(inRepo)) return undefined;
  return inRepo.split(sep).join('/');
}
