import type { JsonObject } from '../core/ir.js';
import type { GeneratedFile } from '../generators/contract.js';
import { problem, RegistryError } from './errors.js';
import type { GeneratorCatalog } from './registry.js';

/**
 * The built-in generators (`generators/registry.ts`) as the registry serves them: a requested
 * generator runs with its dependencies (their files ship alongside), with the caller's options
 * checked against the generator's schema (422 when they do not fit).
 */
export async function builtInCatalog(): Promise<GeneratorCatalog> {
  const { BUILT_IN_GENERATORS, resolveGenerators } = await import('../generators/registry.js');
  const { runGenerators } = await import('../generators/run.js');
  const { Ajv } = await import('ajv');
  const ajv = new Ajv({ allErrors: true, strict: false });
  return {
    list: () =>
      Object.entries(BUILT_IN_GENERATORS)
        .map(([name, entry]) => ({ name, description: entry.description }))
        .sort((a, b) => (a.name < b.name ? -1 : 1)),
    async run(name, input) {
      if (!Object.hasOwn(BUILT_IN_GENERATORS, name)) return undefined;
      const generators = await resolveGenerators([name]);
      const requested = generators.find((g) => g.name === name)!;
      const options = { ...requested.options.defaults, ...input.options } as JsonObject;
      const validate = ajv.compile(requested.options.schema);
      if (!validate(options)) {
        throw new RegistryError(
          422,
          (validate.errors ?? []).map((e) => ({
            code: 'invalid-generator-option',
            path: `/options${e.instancePath}`,
            message: `${name} option${e.instancePath ? ` ${e.instancePath.slice(1)}` : 's'} ${e.message ?? 'is invalid'}.`,
          })),
        );
      }
      let files: GeneratedFile[];
      try {
        files = runGenerators(generators, input.service, input.imports, new Map([[name, options]]));
      } catch (error) {
        throw problem(
          422,
          'generation-failed',
          `${name} could not generate code from this version: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
      return files.map((f) =>
        f.scaffolding
          ? { path: f.path, contents: f.contents, scaffolding: true }
          : { path: f.path, contents: f.contents },
      );
    },
  };
}
