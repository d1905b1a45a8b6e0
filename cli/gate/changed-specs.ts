import { basename, resolve } from 'node:path';
import { UsageError } from '../command.js';
import { git } from './git.js';

/** A spec file the gate must check, as git sees the change since the baseline. */
export interface ChangedSpec {
  /** Absolute path of the spec now (for a deleted spec: where it was). */
  path: string;
  /** Absolute path the spec had at the baseline, when git found it renamed or copied. */
  before?: string;
  /** `config`: unchanged itself, but canon.config.json or a file it imports changed. */
  reason: 'added' | 'modified' | 'renamed' | 'deleted' | 'config';
}

/** Files under the searched paths that are project files, not specs. */
const NOT_SPECS = /^(canon\.config|package|package-lock|tsconfig(\..*)?|biome|\.?[a-z]*rc)\.json$/;
const SPEC_FILE = /\.(json|ya?ml)$/;

/** Whether a changed file is one the gate reads as a spec. */
export const looksLikeSpec = (path: string): boolean =>
  SPEC_FILE.test(path) && !NOT_SPECS.test(basename(path));

/**
 * The commit a pull request branched from: the merge base of `ref` and HEAD, so that what the
 * base branch gained meanwhile is not reported (reversed) as this branch's change. `ref` itself
 * when the histories share nothing.
 */
export async function mergeBase(top: string, ref: string): Promise<string> {
  const result = await git(top, ['merge-base', ref, 'HEAD']);
  return result.ok ? result.stdout.trim() : ref;
}

/**
 * The spec files under `paths` (git pathspecs, relative to `cwd`) that changed between `base`
 * and the working tree, untracked files included, with git's rename detection: a renamed spec is
 * compared with its old path's version, a deleted one is gated as a removal. When one of
 * `watched` (canon.config.json and the files it maps imports to) changed, every spec under
 * `paths` is checked again, since how each one loads may have changed.
 */
export async function changedSpecs(
  top: string,
  cwd: string,
  base: string,
  paths: readonly string[],
  watched: readonly string[],
): Promise<ChangedSpec[]> {
  const lines = async (args: string[]) => {
    const result = await git(cwd, args);
    if (!result.ok) throw new UsageError(`git ${args[0]} failed: ${result.stderr.trim() || 'no output'}.`);
    return result.stdout.split('\0').filter((f) => f !== '');
  };
  const at = (path: string) => resolve(top, path);
  const found = new Map<string, ChangedSpec>();
  const add = (spec: ChangedSpec) => {
    if (looksLikeSpec(spec.path) && !found.has(spec.path)) found.set(spec.path, spec);
  };
  const status = await lines([
    'diff',
    '-z',
    '--no-relative',
    '--name-status',
    '--find-renames',
    base,
    '--',
    ...paths,
  ]);
  for (let i = 0; i < status.length; ) {
    const code = status[i++] ?? '';
    if (code.startsWith('R') || code.startsWith('C')) {
      const before = status[i++] ?? '';
      const after = status[i++] ?? '';
      add({ path: at(after), before: at(before), reason: 'renamed' });
      continue;
    }
    const path = status[i++] ?? '';
    const reason = code === 'A' ? 'added' : code === 'D' ? 'deleted' : 'modified';
    add({ path: at(path), reason });
  }
  const untracked = await lines([
    'ls-files',
    '-z',
    '--others',
    '--exclude-standard',
    '--full-name',
    '--',
    ...paths,
  ]);
  for (const path of untracked) add({ path: at(path), reason: 'added' });

  if (watched.length > 0) {
    const changed = await git(cwd, ['diff', '--quiet', base, '--', ...watched]);
    const touched =
      !changed.ok ||
      (await lines(['ls-files', '-z', '--others', '--exclude-standard', '--', ...watched])).length > 0;
    if (touched) {
      const tracked = await lines(['ls-files', '-z', '--full-name', '--', ...paths]);
      for (const path of [...tracked, ...untracked]) add({ path: at(path), reason: 'config' });
    }
  }
  return [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
