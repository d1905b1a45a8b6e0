import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { urlKey } from '../core/parse/api-json.js';
import { RegistryError } from './errors.js';
import { READS_EVERYTHING, type Registry } from './registry.js';

export interface SeedResult {
  published: { file: string; application: string; version: string }[];
  failed: { file: string; reason: string }[];
}

/**
 * Publishes every spec under `dir` (recursively, `.json` files) into the registry: `common.json`
 * first, then the rest by name; a spec whose imports are not in the registry yet is retried after
 * the others, so specs go in dependency order without a declared graph.
 */
export async function publishSpecDirectory(
  registry: Registry,
  dir: string,
  options: { organization: string; version: string; actor: string },
): Promise<SeedResult> {
  const files = (await listJson(dir)).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  const result: SeedResult = { published: [], failed: [] };
  let pending = files;
  while (pending.length > 0) {
    const retry: string[] = [];
    const reasons = new Map<string, string>();
    for (const file of pending) {
      const text = await readFile(file, 'utf8');
      const name = relative(dir, file);
      const application = applicationOf(text, name);
      try {
        await registry.publish({
          ...options,
          application,
          original: text,
          file: name,
          mayRead: READS_EVERYTHING,
        });
        result.published.push({ file: name, application, version: options.version });
      } catch (error) {
        if (!(error instanceof RegistryError)) throw error;
        reasons.set(file, error.errors.map((e) => `${e.code}: ${e.message}`).join('; '));
        if (error.errors.some((e) => e.code === 'unresolved-import')) retry.push(file);
        else result.failed.push({ file: name, reason: reasons.get(file)! });
      }
    }
    if (retry.length === pending.length || retry.length === 0) {
      for (const file of retry) result.failed.push({ file: relative(dir, file), reason: reasons.get(file)! });
      break;
    }
    pending = retry;
  }
  return result;
}

const rank = (file: string) => (file.endsWith('/common.json') ? 0 : 1);

function applicationOf(text: string, file: string): string {
  try {
    const name = (JSON.parse(text) as { name?: unknown }).name;
    if (typeof name === 'string' && urlKey(name)) return urlKey(name);
  } catch {
    // Unreadable documents are reported by the publish itself.
  }
  return (
    urlKey(
      file
        .replace(/\.json$/, '')
        .split('/')
        .at(-1) ?? 'spec',
    ) || 'spec'
  );
}

async function listJson(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith('.json')).map((e) => join(e.parentPath, e.name));
}
