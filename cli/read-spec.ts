import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ImportResolver } from '../core/import-resolver.js';
import { MAX_SPEC_BYTES } from '../core/json-text.js';
import { type LoadOptions, type LoadResult, loadSpec } from '../core/load.js';
import { UsageError } from './command.js';
import { type CanonConfig, loadConfig } from './config.js';
import { LocalImportResolver } from './local-resolver.js';
import { settleYoungGeneration } from './one-shot-tuning.js';
import { readText } from './read-text.js';

/**
 * Reads and loads one spec file for a command: imports resolve through canon.config.json, and
 * api.json documents take their organization from the config. A file that cannot be read is a
 * UsageError (exit 2); a file that reads but is not a valid spec comes back with diagnostics.
 */
export async function readSpec(
  file: string,
  cwd: string,
  config?: CanonConfig,
  options: Pick<LoadOptions, 'locate'> = {},
): Promise<LoadResult> {
  const path = resolve(cwd, file);
  const cfg = config ?? (await loadConfig(cwd));
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory())
      throw new UsageError(`${file} is a directory; name a spec file (api.json, service.json or OpenAPI).`);
    size = info.size;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${file}: ${describeFsError(error)}.`);
  }
  if (size > MAX_SPEC_BYTES) {
    return {
      format: undefined,
      service: undefined,
      imports: [],
      pointers: new Map(),
      text: '',
      diagnostics: [
        {
          code: 'too-large',
          path: '',
          message: `${file} is ${size} bytes; the limit for a spec is ${MAX_SPEC_BYTES}. Split the spec or check that this is the right file.`,
        },
      ],
    };
  }
  let text: string;
  try {
    text = await readText(path);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${describeFsError(error)}.`);
  }
  return loadSpecText(text, file, cfg, new LocalImportResolver(cfg), options);
}

/**
 * Loads a spec's text as `readSpec` loads a file: organization from the config, imports through
 * `resolver` (by default the config's mapping, read from disk).
 */
export function loadSpecText(
  text: string,
  file: string,
  config: CanonConfig,
  resolver: ImportResolver = new LocalImportResolver(config),
  extra: Pick<LoadOptions, 'locate'> = {},
): Promise<LoadResult> {
  // The parsed document is what survives from here on: the nursery has grown as far as it pays.
  const options: LoadOptions = { ...extra, file, resolver, onParsed: settleYoungGeneration };
  const organization = organizationOf(config);
  if (organization) options.apiJson = organization;
  return loadSpec(text, options);
}

function organizationOf(config: CanonConfig): LoadOptions['apiJson'] | undefined {
  const org = config.raw.organization;
  if (typeof org === 'string') return { organization: org };
  if (typeof org === 'object' && org !== null && !Array.isArray(org)) {
    const { key, namespace } = org as Record<string, unknown>;
    const out: NonNullable<LoadOptions['apiJson']> = {};
    if (typeof key === 'string') out.organization = key;
    if (typeof namespace === 'string') out.organizationNamespace = namespace;
    return out;
  }
  return undefined;
}

function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return code ?? String(error);
}
