import { lstat, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GENERATED_MANIFEST, unsafeOutputPath } from '../../generators/output-path.js';
import { sha256 } from './atomic-write.js';
import { staysInside } from './containment.js';

/**
 * The file in a directory that lists what Canon generated under it, with each file's hash: in
 * each `canon generate --out` directory, and next to canon.config.json for `canon update`. It is
 * how a later run knows which files it may delete: only those it listed itself, that it no longer
 * produces, and that nobody has edited since.
 */
export const MANIFEST_FILE = GENERATED_MANIFEST;

/** What wrote a listed file. `canon update` also records the service and version it came from. */
export interface ManifestEntry {
  generator: string;
  sha256: string;
  /** `<organization>/<application>`, for files `canon update` wrote. */
  service?: string;
  version?: string;
}

/** Path (relative to the manifest's directory, `/`-separated) → what wrote it. */
export type Manifest = ReadonlyMap<string, ManifestEntry>;

/** The manifest read from a directory. */
export interface ManifestRead {
  manifest: Manifest;
  /** Why a manifest that is there could not be read (a merge conflict, say); then nothing is deleted. */
  problem?: string;
}

/**
 * The manifest in `dir` (`file` names another manifest to read, such as an older format's): empty
 * when there is none. Entries whose path `unsafeOutputPath` refuses are dropped, so a tampered
 * manifest cannot name a file outside the directory.
 */
export async function readManifest(dir: string, file = MANIFEST_FILE): Promise<ManifestRead> {
  const manifest = new Map<string, ManifestEntry>();
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(join(dir, file), 'utf8'));
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
  for (const [path, value] of Object.entries(files)) {
    const entry = readEntry(value);
    if (entry !== undefined && unsafeOutputPath(path) === undefined) manifest.set(path, entry);
  }
  return { manifest };
}

function readEntry(value: unknown): ManifestEntry | undefined {
  const { generator, sha256: hash, service, version, scaffolding } = (value ?? {}) as Record<string, unknown>;
  // Scaffolding is never deleted; the older .canon-tracked.json listed it with this flag.
  if (typeof generator !== 'string' || typeof hash !== 'string' || scaffolding === true) return undefined;
  return {
    generator,
    sha256: hash,
    ...(typeof service === 'string' ? { service } : {}),
    ...(typeof version === 'string' ? { version } : {}),
  };
}

/** The manifest's text: sorted, so that it is as deterministic as the files it lists. */
export function manifestText(manifest: Manifest, note: string): string {
  const files = Object.fromEntries([...manifest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ note, files }, null, 2)}\n`;
}

/** A file a run produces, with what to record about it. */
export interface PlannedFile {
  /** Relative to the manifest's directory, `/`-separated. */
  path: string;
  contents: string;
  /**
   * `contents` as UTF-8, when the caller has it: hashed and written as they are, so that a large
   * file is encoded once (`contents` stays what it is compared with).
   */
  bytes?: Uint8Array;
  /** Code the user owns once written: written only when absent, never listed. */
  scaffolding?: boolean;
  /** The entry to list, without its hash. */
  entry: Omit<ManifestEntry, 'sha256'>;
}

export interface ManifestPlan {
  /** The manifest after this run. */
  next: Manifest;
  /** Files an earlier run listed, that this run owns and does not produce any more. */
  leftovers: { path: string; entry: ManifestEntry }[];
}

/**
 * What this run leaves listed, and what it no longer produces. Entries this run does not `own`
 * stay (several runs may share a directory); scaffolding is the user's and is never listed.
 * (A file renamed only in case is a leftover too: leftovers are deleted before files are
 * written, so on a case-insensitive file system the new name is written after the old one goes.)
 */
export function planManifest(
  previous: Manifest,
  files: readonly PlannedFile[],
  owns: (entry: ManifestEntry) => boolean,
): ManifestPlan {
  const next = new Map<string, ManifestEntry>();
  for (const [path, entry] of previous) if (!owns(entry)) next.set(path, entry);
  for (const file of files)
    if (!file.scaffolding)
      next.set(file.path, { ...file.entry, sha256: sha256(file.bytes ?? file.contents) });
  const produced = new Set(files.map((f) => f.path));
  const leftovers = [...previous]
    .filter(([path, entry]) => owns(entry) && !produced.has(path))
    .map(([path, entry]) => ({ path, entry }));
  return { next, leftovers };
}

/** What to do with a leftover: delete it, nothing (it is gone), or keep it for the reason given. */
export type LeftoverState = 'delete' | 'gone' | { keep: string };

/**
 * A leftover may be deleted only while it is still the regular file that was generated (not
 * edited since, not replaced by a link) and lies inside the manifest's directory `root`.
 */
export async function leftoverState(
  root: string,
  path: string,
  entry: ManifestEntry,
): Promise<LeftoverState> {
  if (unsafeOutputPath(path) !== undefined) return { keep: 'its path leads outside the directory' };
  const full = join(root, path);
  try {
    if (!(await lstat(full)).isFile()) return { keep: 'it is no longer a regular file' };
    if (!(await staysInside(root, path))) return { keep: 'it lies outside the output directory' };
    if (sha256(await readFile(full, 'utf8')) !== entry.sha256)
      return { keep: 'it was edited since it was generated' };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return 'gone';
    return { keep: `it could not be checked (${code ?? String(error)})` };
  }
  return 'delete';
}
