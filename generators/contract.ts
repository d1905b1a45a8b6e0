import type { JsonObject, Service } from '../core/ir.js';

/** What a generator is handed: the service, the services it imports, and validated options. */
export interface GeneratorInput<O = JsonObject> {
  service: Service;
  /** Imported services by namespace, fully resolved. */
  imports: Service[];
  options: O;
}

/** One file a generator emits. Paths are relative, with `/` separators. */
export interface GeneratedFile {
  path: string;
  contents: string;
  /** Code the user then owns: written only when the file does not exist yet. */
  scaffolding?: boolean;
}

/**
 * A generator: one folder, one exported object. Pure and deterministic: no I/O, no clock, no
 * unseeded randomness; the same input gives byte-identical files.
 *
 * @example
 * export const generator: Generator<{ seed: number }> = {
 *   name: 'typescript-mock-client',
 *   description: 'A mock client implementing the generated Client interface',
 *   options: { defaults: { seed: 1 }, schema: { type: 'object', properties: { seed: { type: 'integer' } } } },
 *   dependencies: ['typescript-types', 'typescript-client'],
 *   generate: (input) => [...],
 * };
 */
export interface Generator<O = JsonObject> {
  name: string;
  description: string;
  options: { defaults: O; schema: JsonObject };
  /** Generators whose output this one imports; they run first and their files ship alongside. */
  dependencies?: string[];
  generate(input: GeneratorInput<O>): GeneratedFile[];
}
