import { lstat, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';

/**
 * Whether the directory that `path` (relative to `root`, already checked by `unsafeOutputPath`)
 * would be written in really lies inside `root`: the deepest part of it that exists is resolved
 * through symbolic links, so a linked directory that points elsewhere counts as outside.
 */
export async function staysInside(root: string, path: string): Promise<boolean> {
  const realRoot = await realpath(root).catch(() => undefined);
  if (realRoot === undefined) return true; // nothing exists yet: everything will be created inside
  let dir = dirname(join(root, path));
  for (;;) {
    const found = await lstat(dir).then(
      () => true,
      () => false,
    );
    if (found) break;
    dir = dirname(dir);
  }
  const inside = relative(realRoot, await realpath(dir));
  return inside === '' || (inside.split(sep)[0] !== '..' && !isAbsolute(inside));
}
