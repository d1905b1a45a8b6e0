import { createHash } from 'node:crypto';
import { lstat, readFile, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { GENERATED_MANIFEST } from '../generators/run.js';

/**
 * The file in an output directory that lists what `canon generate` wrote there, by generator, with
 * each file's hash. It is how a later run knows which files it may delete: only those that it
 * listed itself, that a generator of this run no longer produces, and that nobody has edited since.
 */
export const MANIFEST_FILE = GENERATED_MANIFEST;

export interface ManifestEntry {
  generator: string;
  sha256: string;
}

/** Path (relative to the output directory, `/`-separated) → what wrote it. */
export type Manifest = ReadonlyMap<string, ManifestEntry>;

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The manifest read from an output directory. */
export interface ManifestRead {
  manifest: Manifest;
  /** Why a manifest that is there could not be read (a merge conflict, say); then nothing is deleted. */
  problem?: string;
}

/**
 * The manifest in `outDir`: empty when there is none. Entries with an unsafe path are dropped, so a
 * tampered manifest cannot reach outside the directory.
 */
export async function readManifest(outDir: string): Promise<ManifestRead> {
  const manifest = new Map<string, ManifestEntry>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(join(outDir, MANIFEST_FILE), 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { manifest };
    return {
      manifest,
      problem: error instanceof SyntaxError ? 'it is not valid JSON' : String(code ?? error),
    };
  }
  const files = (parsed as { files?: unknown } | null)?.files;
  if (typeof files !== 'object' || files === null || Array.isArray(files))
    return { manifest, problem: 'it has no "files" object' };
  for (const [path, entry] of Object.entries(files)) {
    const { generator, sha256: hash } = (entry ?? {}) as Partial<ManifestEntry>;
    if (safePath(path) && typeof generator === 'string' && typeof hash === 'string')
      manifest.set(path, { generator, sha256: hash });
  }
  return { manifest };
}

/** The manifest's text: sorted, so that it is as deterministic as the files it lists. */
export function manifestText(manifest: Manifest): string {
  const files = Object.fromEntries([...manifest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const note =
    'Files canon generate wrote here, so that it can delete those it no longer generates. Commit it with them.';
  return `${JSON.stringify({ note, files }, null, 2)}\n`;
}

export interface ManifestPlan {
  /** The manifest after this run. */
  next: Manifest;
  /** Files an earlier run of one of this run's generators listed that this run does not produce. */
  leftovers: { path: string; entry: ManifestEntry }[];
}

/**
 * What this run leaves listed, and what it no longer produces. Entries of generators that did not
 * run stay (several runs may share a directory); scaffolding is the user's and is never listed.
 * (A file renamed only in case is a leftover too: `canon generate` deletes leftovers before it
 * writes, so on a case-insensitive file system the new name is written after the old one goes.)
 */
export function planManifest(
  previous: Manifest,
  files: readonly { path: string; contents: string; generator: string; scaffolding?: boolean }[],
  generators: ReadonlySet<string>,
): ManifestPlan {
  const next = new Map<string, ManifestEntry>();
  for (const [path, entry] of previous) if (!generators.has(entry.generator)) next.set(path, entry);
  for (const file of files)
    if (!file.scaffolding) next.set(file.path, { generator: file.generator, sha256: sha256(file.contents) });
  const produced = new Set(files.map((f) => f.path));
  const leftovers = [...previous]
    .filter(([path, entry]) => generators.has(entry.generator) && !produced.has(path))
    .map(([path, entry]) => ({ path, entry }));
  return { next, leftovers };
}

/** What to do with a leftover: delete it, nothing (it is gone), or keep it for the reason given. */
export type LeftoverState = 'delete' | 'gone' | { keep: string };

/**
 * A leftover may be deleted only while it is still the regular file that was generated (not
 * edited since, not replaced by a link) and lies inside the output directory.
 */
export async function leftoverState(
  outDir: string,
  path: string,
  entry: ManifestEntry,
): Promise<LeftoverState> {
  const full = join(outDir, path);
  try {
    if (!(await lstat(full)).isFile()) return { keep: 'it is no longer a regular file' };
    const inside = relative(await realpath(outDir), await realpath(dirname(full)));
    if (inside.split(sep)[0] === '..' || isAbsolute(inside))
      return { keep: 'it lies outside the output directory' };
    if (sha256(await readFile(full, 'utf8')) !== entry.sha256)
      return { keep: 'it was edited since it was generated' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'gone';
    return { keep: `it could not be checked (${code ?? String(error)})` };
  }
  return 'delete';
}

function safePath(path: string): boolean {
  return (
    path !== '' &&
    path.toLowerCase() !== MANIFEST_FILE &&
    !path.startsWith('/') &&
    !/^[A-Za-z]:/.test(path) &&
    !path.includes('\\') &&
    !path.split('/').some((s) => s === '' || s === '.' || s === '..')
  );
}
