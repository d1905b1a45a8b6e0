import { isAscii } from 'node:buffer';
import { readFile } from 'node:fs/promises';

/**
 * Reads a whole file as UTF-8 text, decoded in one piece. `readFile(path, 'utf8')` decodes chunk by
 * chunk into a rope that V8 flattens on first use: for a 3.4 MB spec that is two copies of the
 * text and, in a `canon diff` of two such specs, about 60 ms. Pure ASCII (most specs) decodes as
 * latin1, which skips UTF-8 validation and gives the same string.
 */
export async function readText(path: string): Promise<string> {
  const bytes = await readFile(path);
  return bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
}
