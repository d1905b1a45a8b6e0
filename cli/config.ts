import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseJsonText } from '../core/json-text.js';
import { UsageError } from './command.js';

export const CONFIG_FILE = 'canon.config.json';

/**
 * `canon.config.json`, as read from disk. Each command validates the section it uses, so an
 * unknown or malformed section never breaks an unrelated command.
 *
 * @example
 * { "imports": { "https://app.apibuilder.io/acme/common/latest/service.json": "specs/common.json" },
 *   "lint": { "rules": { "snake-case-names": "off" } } }
 */
export interface CanonConfig {
  /** Directory holding the config file; relative paths inside it resolve against this. */
  dir: string;
  /** The config file's path, or undefined when none was found. */
  file: string | undefined;
  /** The parsed JSON object (empty when no file). */
  raw: Record<string, unknown>;
}

/**
 * Finds `canon.config.json` in `cwd` or its nearest ancestor and parses it.
 * A missing file is an empty config; an unreadable or malformed one is a UsageError.
 */
export async function loadConfig(cwd: string, explicit?: string): Promise<CanonConfig> {
  const file = explicit ? resolve(cwd, explicit) : await findUp(cwd);
  if (!file) return { dir: cwd, file: undefined, raw: {} };
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
  return parseConfig(text, file);
}

/** The config held in `text`, as if read from `file`; malformed JSON is a UsageError. */
export function parseConfig(text: string, file: string): CanonConfig {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    // The diagnostic says where (line and column) and what is wrong there.
    throw new UsageError(`${file}: ${parsed.diagnostic.message}`);
  }
  const raw = parsed.value;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new UsageError(`${file} must hold a JSON object.`);
  }
  return { dir: dirname(file), file, raw: raw as Record<string, unknown> };
}

async function findUp(start: string): Promise<string | undefined> {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, CONFIG_FILE);
    try {
      await readFile(candidate);
      return candidate;
    } catch {
      const parent = dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
    }
  }
}
