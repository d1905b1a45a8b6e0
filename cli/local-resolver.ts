import { resolve } from 'node:path';
import type { ImportResolver } from '../core/import-resolver.js';
import type { Service } from '../core/ir.js';
import { loadSpec } from '../core/load.js';
import type { CanonConfig } from './config.js';
import { readText } from './read-text.js';

/** Reads a spec file's text by absolute path; throws when it cannot. */
export type SpecReader = (path: string) => Promise<string>;

/**
 * Resolves imports from `canon.config.json`'s `"imports": { "<uri>": "<path to spec>" }`, paths
 * relative to the config file. Each file is loaded once; an import cycle resolves to nothing on
 * the way back round instead of waiting on itself. Files are read from disk unless `read` says
 * otherwise (`canon check --against` reads them as they were at the git ref).
 */
export class LocalImportResolver implements ImportResolver {
  private readonly cache = new Map<string, Promise<Service | undefined>>();
  private readonly loading = new Set<string>();
  private readonly mapping: Map<string, string>;

  constructor(
    config: Pick<CanonConfig, 'dir' | 'raw'>,
    private readonly read: SpecReader = readText,
  ) {
    const imports = config.raw.imports;
    const entries =
      typeof imports === 'object' && imports !== null && !Array.isArray(imports)
        ? Object.entries(imports).filter((e): e is [string, string] => typeof e[1] === 'string')
        : [];
    this.mapping = new Map(entries.map(([uri, path]) => [uri, resolve(config.dir, path)]));
  }

  resolve(uri: string): Promise<Service | undefined> {
    const file = this.mapping.get(uri);
    if (!file) return Promise.resolve(undefined);
    // An import cycle (a imports b imports a) would otherwise wait on itself forever: a file that
    // is still loading resolves to nothing on the way back round, and is reported unresolved there.
    if (this.loading.has(file)) return Promise.resolve(undefined);
    let pending = this.cache.get(file);
    if (!pending) {
      this.loading.add(file);
      pending = this.load(file).finally(() => this.loading.delete(file));
      this.cache.set(file, pending);
    }
    return pending;
  }

  private async load(file: string): Promise<Service | undefined> {
    let text: string;
    try {
      text = await this.read(file);
    } catch {
      return undefined;
    }
    const result = await loadSpec(text, { file, resolver: this });
    return result.service;
  }
}
