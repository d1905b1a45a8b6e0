import { createHash } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The hex SHA-256 of a file's text (or of its UTF-8 bytes), as manifests record it. */
export const sha256 = (text: string | Uint8Array): string => createHash('sha256').update(text).digest('hex');

let written = 0;

/**
 * Writes `contents` to `path` by writing a temporary file beside it and renaming it over the
 * target, so that a reader (a build, a concurrent run) sees the old file or the new one, never
 * half of one; a symbolic link at `path` is replaced, not followed. Creates missing directories.
 */
export async function writeFileAtomic(path: string, contents: string | Uint8Array): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  const aside = join(dir, `.${basename(path)}.${process.pid}.${++written}.tmp`);
  try {
    await writeFile(aside, contents);
    await rename(aside, path);
  } catch (error) {
    await rm(aside, { force: true });
    throw error;
  }
}
