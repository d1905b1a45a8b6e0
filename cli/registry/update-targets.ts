import { posix } from 'node:path';
import { unsafeOutputPath } from '../../generators/output-path.js';

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

/**
 * Where a file the registry sent for `target` goes, relative to the config directory: the file's
 * path must pass `unsafeOutputPath`, and so must the two joined (a target may not climb out of
 * the config directory either).
 */
export function placeFile(target: string, path: string): string {
  const unsafe = unsafeOutputPath(path);
  if (unsafe !== undefined)
    throw new Error(
      `the registry sent the unsafe file path '${path}' (${unsafe}); refusing to write outside ${target}.`,
    );
  const placed = posix.normalize(posix.join(target.replaceAll('\\', '/'), path));
  const outside = unsafeOutputPath(placed);
  if (outside !== undefined)
    throw new Error(
      `the target ${target} does not lie inside the config directory (${outside}); refusing to write ${path}.`,
    );
  return placed;
}
