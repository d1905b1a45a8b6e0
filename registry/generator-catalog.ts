import type { JsonObject } from '../core/ir.js';
import type { GeneratedFile, Generator } from '../generators/contract.js';
import { problem } from './errors.js';
import type { GeneratorCatalog } from './registry.js';

const isGenerator = (value: unknown): value is Generator =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Generator).name === 'string' &&
  typeof (value as Generator).generate === 'function';

/** Finds the generators a module exports (an array or a record of `Generator` values). */
export function catalogFromModule(mod: Record<string, unknown>): GeneratorCatalog | undefined {
  for (const value of Object.values(mod)) {
    const list = Array.isArray(value)
      ? value
      : typeof value === 'object' && value !== null
        ? Object.values(value)
        : [];
    if (list.length > 0 && list.every(isGenerator)) return catalogFromGenerators(list);
  }
  return undefined;
}

/**
 * A catalog over generator objects: options are the generator's defaults overlaid with the
 * caller's, and a generator's dependencies run first with their files shipped alongside.
 */
export function catalogFromGenerators(generators: Generator[]): GeneratorCatalog {
  const byName = new Map(generators.map((g) => [g.name, g]));
  return {
    list: () =>
      generators
        .map((g) => ({ name: g.name, description: g.description }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    run(name, input) {
      if (!byName.has(name)) return undefined;
      const files = new Map<string, GeneratedFile>();
      const visit = (generatorName: string, options: JsonObject, trail: string[]) => {
        const generator = byName.get(generatorName);
        if (!generator)
          throw problem(
            500,
            'generator-missing',
            `${trail.join(' → ')} depends on '${generatorName}', which is not installed.`,
          );
        if (trail.includes(generatorName))
          throw problem(
            500,
            'generator-cycle',
            `Generator dependencies form a cycle: ${[...trail, generatorName].join(' → ')}.`,
          );
        for (const dependency of generator.dependencies ?? [])
          visit(dependency, options, [...trail, generatorName]);
        const merged = {
          ...(generator.options.defaults as JsonObject),
          ...pick(options, generator.options.schema),
        };
        let output: GeneratedFile[];
        try {
          output = generator.generate({ service: input.service, imports: input.imports, options: merged });
        } catch (error) {
          throw problem(
            422,
            'generation-failed',
            `${generatorName} could not generate code: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
        for (const file of output) files.set(file.path, file);
      };
      visit(name, input.options, []);
      return [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
  };
}

/** The options a generator declares; dependencies receive only the options they know. */
function pick(options: JsonObject, schema: JsonObject): JsonObject {
  const properties = schema.properties;
  if (typeof properties !== 'object' || properties === null || Array.isArray(properties)) return options;
  return Object.fromEntries(Object.entries(options).filter(([key]) => key in properties));
}
