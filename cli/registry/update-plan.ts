import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** One service of canon.config.json `services`: which version, and each generator's target directory. */
export interface UpdateTarget {
  organization: string;
  application: string;
  version: string;
  generator: string;
  /** Directory relative to the config file. */
  target: string;
  options: Record<string, unknown>;
}

/** What `canon update` recorded about a file it wrote (`.canon-tracked.json`). */
export interface TrackedFile {
  service: string;
  version: string;
  generator: string;
  sha256: string;
  scaffolding?: boolean;
}

export const TRACKED_FILE = '.canon-tracked.json';

/**
 * Reads canon.config.json `services`:
 *
 * @example
 * "services": {
 *   "canon/registry": { "version": "latest", "generators": { "typescript-client": "src/generated/registry" } },
 *   "user": { "version": "1.2.0", "generators": { "express-routes": { "target": "src/routes", "options": {} } } }
 * }
 *
 * A key without an organization uses the registry's organization. Returns the problems found.
 */
export function readUpdateSection(
  raw: unknown,
  defaultOrganization: string | undefined,
): { targets: UpdateTarget[]; problems: string[] } {
  const problems: string[] = [];
  const targets: UpdateTarget[] = [];
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      targets,
      problems: [
        '"services" must be an object: { "<org>/<app>": { "version": "latest", "generators": { "<generator>": "<dir>" } } }',
      ],
    };
  }
  for (const [key, value] of Object.entries(raw)) {
    const [organization, application] = key.includes('/') ? key.split('/', 2) : [defaultOrganization, key];
    if (!organization || !application) {
      problems.push(`services."${key}": name the service as <org>/<app>, or set registry.organization`);
      continue;
    }
    const entry = value as { version?: unknown; generators?: unknown };
    if (
      typeof entry !== 'object' ||
      entry === null ||
      typeof entry.generators !== 'object' ||
      entry.generators === null
    ) {
      problems.push(
        `services."${key}" must be { "version": "latest", "generators": { "<generator>": "<dir>" } }`,
      );
      continue;
    }
    if (entry.version !== undefined && typeof entry.version !== 'string')
      problems.push(`services."${key}".version must be a string`);
    for (const [generator, spec] of Object.entries(entry.generators)) {
      const target = typeof spec === 'string' ? spec : (spec as { target?: unknown })?.target;
      const options = typeof spec === 'string' ? {} : ((spec as { options?: unknown })?.options ?? {});
      if (
        typeof target !== 'string' ||
        target === '' ||
        typeof options !== 'object' ||
        options === null ||
        Array.isArray(options)
      ) {
        problems.push(
          `services."${key}".generators."${generator}" must be a directory or { "target": "<dir>", "options": { … } }`,
        );
        continue;
      }
      targets.push({
        organization,
        application,
        version: (entry.version as string | undefined) ?? 'latest',
        generator,
        target,
        options: options as Record<string, unknown>,
      });
    }
  }
  return { targets, problems };
}

export interface PlannedFile {
  /** Relative to the config directory, `/`-separated. */
  path: string;
  contents: string;
  scaffolding: boolean;
  tracked: TrackedFile;
}

export interface UpdateOutcome {
  written: string[];
  unchanged: string[];
  keptScaffolding: string[];
  removed: string[];
}

/** A generated path, checked again on this side: relative, no `..`, inside the target directory. */
export function placeFile(baseDir: string, target: string, path: string): string {
  const full = resolve(baseDir, target, path);
  const rel = relative(baseDir, full);
  if (
    path === '' ||
    isAbsolute(path) ||
    path.includes('\\') ||
    path.split('/').some((s) => s === '..' || s === '.' || s === '') ||
    rel.startsWith('..') ||
    isAbsolute(rel)
  ) {
    throw new Error(`the registry sent the unsafe file path '${path}'; refusing to write outside ${target}.`);
  }
  return rel.split(sep).join('/');
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

export async function readTracked(baseDir: string): Promise<Record<string, TrackedFile>> {
  try {
    const parsed = JSON.parse(await readFile(join(baseDir, TRACKED_FILE), 'utf8')) as {
      files?: Record<string, TrackedFile>;
    };
    return parsed.files ?? {};
  } catch {
    return {};
  }
}

/**
 * Brings the files on disk in line with the plan: writes new and changed files only, never
 * overwrites an existing scaffolding file, removes files an earlier update wrote that are no
 * longer generated, and records what it wrote. With `dryRun`, only reports.
 */
export async function applyUpdate(
  baseDir: string,
  planned: PlannedFile[],
  dryRun: boolean,
): Promise<UpdateOutcome> {
  const before = await readTracked(baseDir);
  const outcome: UpdateOutcome = { written: [], unchanged: [], keptScaffolding: [], removed: [] };
  const tracked: Record<string, TrackedFile> = {};
  for (const file of planned) {
    const full = join(baseDir, file.path);
    const existing = await readFile(full, 'utf8').catch(() => undefined);
    tracked[file.path] = file.tracked;
    if (file.scaffolding && existing !== undefined) {
      outcome.keptScaffolding.push(file.path);
      continue;
    }
    if (existing === file.contents) {
      outcome.unchanged.push(file.path);
      continue;
    }
    outcome.written.push(file.path);
    if (!dryRun) {
      await mkdir(dirname(full), { recursive: true });
      await writeFile(full, file.contents);
    }
  }
  for (const [path, old] of Object.entries(before)) {
    if (tracked[path] || old.scaffolding) continue;
    outcome.removed.push(path);
    if (!dryRun) await rm(join(baseDir, path), { force: true });
  }
  const sorted = Object.fromEntries(Object.entries(tracked).sort(([a], [b]) => (a < b ? -1 : 1)));
  const text = `${JSON.stringify({ note: 'Files written by canon update; do not edit.', files: sorted }, null, 2)}\n`;
  const previous = await readFile(join(baseDir, TRACKED_FILE), 'utf8').catch(() => undefined);
  if (!dryRun && previous !== text) await writeFile(join(baseDir, TRACKED_FILE), text);
  return outcome;
}
