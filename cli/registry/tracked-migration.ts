import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE, type ManifestRead, readManifest } from '../output/manifest.js';

/**
 * The list `canon update` kept before it shared `.canon-generated.json` with `canon generate`:
 * same place (next to canon.config.json), entries `{ service, version, generator, sha256,
 * scaffolding? }`. It is read once, when there is no new manifest yet, and deleted after the
 * first update that writes the new one.
 */
export const LEGACY_TRACKED_FILE = '.canon-tracked.json';

/** The manifest `canon update` starts from in `dir`, and whether an old list is there to delete. */
export async function readUpdateManifest(dir: string): Promise<ManifestRead & { legacy: boolean }> {
  const legacy = await exists(join(dir, LEGACY_TRACKED_FILE));
  if (!legacy || (await exists(join(dir, MANIFEST_FILE)))) return { ...(await readManifest(dir)), legacy };
  const read = await readManifest(dir, LEGACY_TRACKED_FILE);
  // Every entry of the old list was canon update's, which the new format says with `service`.
  const owned = new Map([...read.manifest].filter(([, entry]) => entry.service !== undefined));
  return { ...read, manifest: owned, legacy };
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
