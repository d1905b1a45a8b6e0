import type { JsonObject, Service } from '../core/ir.js';
import type { GeneratedFile, Generator } from './contract.js';
import { GENERATED_MANIFEST, unsafeOutputPath } from './output-path.js';

/** A generator failed or produced files that cannot be written; the message names it. */
export class GeneratorRunError extends Error {
  override name = 'GeneratorRunError';
}

/** A file some generator produced, with the generator's name for messages. */
export interface OwnedFile extends GeneratedFile {
  generator: string;
}

/**
 * Runs generators in the given order (dependencies first, as `resolveGenerators` returns them)
 * and collects their files. Two generators may emit the same path only with the same contents;
 * a path that is absolute or climbs out of the output directory is refused.
 */
export function runGenerators(
  generators: readonly Generator<JsonObject>[],
  service: Service,
  imports: readonly Service[],
  options: ReadonlyMap<string, JsonObject> = new Map(),
): OwnedFile[] {
  const files = new Map<string, OwnedFile>();
  for (const generator of generators) {
    const generatorOptions = { ...generator.options.defaults, ...options.get(generator.name) };
    let generated: GeneratedFile[];
    try {
      generated = generator.generate({ service, imports: [...imports], options: generatorOptions });
    } catch (error) {
      throw new GeneratorRunError(
        `generator '${generator.name}' failed: ${(error as Error).message ?? String(error)}`,
      );
    }
    for (const file of generated) {
      checkPath(file.path, generator.name);
      const existing = files.get(file.path);
      if (existing && existing.contents !== file.contents) {
        throw new GeneratorRunError(
          `generators '${existing.generator}' and '${generator.name}' both write ${file.path} with different contents; run them into separate directories.`,
        );
      }
      files.set(file.path, { ...file, generator: generator.name });
    }
  }
  return [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The generator name `canon generate --package` gives the files of the package it builds. */
export const PACKAGE_LABEL = 'package';

function checkPath(path: string, generator: string): void {
  const unsafe = unsafeOutputPath(path);
  if (unsafe === undefined) return;
  throw new GeneratorRunError(
    path.toLowerCase() === GENERATED_MANIFEST
      ? `generator '${generator}' emitted '${path}', a name canon generate keeps for its own list of files`
      : `generator '${generator}' emitted the unsafe path '${path}' (${unsafe}); paths must be relative, with '/' separators and no '..'`,
  );
}
