import type { Service } from '../../core/ir.js';
import type { GeneratedFile, Generator, GeneratorInput } from '../contract.js';
import {
  fileHeader,
  fixed,
  importedTypesModule,
  printSourceFile,
  type Statement,
  TYPES_MODULE,
} from '../shared/index.js';
import { createTypeResolver } from '../shared/type-names.js';
import { enumDeclarations, modelDeclaration, unionDeclaration } from './declarations.js';

export const GENERATOR_NAME = 'typescript-types';

/** The types module of one service, declared in spec order: enums, interfaces, models, unions. */
export function typesModule(
  service: Service,
  imports: readonly Service[],
  path: string,
  rootNamespace?: string,
): GeneratedFile {
  const types = createTypeResolver({
    service,
    imports,
    fromModule: path,
    ...(rootNamespace ? { rootNamespace } : {}),
  });
  function* declarations(): IterableIterator<Statement> {
    for (const enumeration of service.enums) yield* enumDeclarations(service, enumeration);
    for (const item of service.interfaces) yield modelDeclaration(service, item, 'interface', types.resolve);
    for (const model of service.models) yield modelDeclaration(service, model, 'model', types.resolve);
    for (const union of service.unions) yield unionDeclaration(service, union, types.resolve);
  }
  const header = fileHeader(GENERATOR_NAME, service);
  // A module without declarations still has to be a module for `import * as` to work.
  const empty =
    service.enums.length + service.interfaces.length + service.models.length + service.unions.length === 0;
  if (empty)
    return { path, contents: printSourceFile(header, [{ kind: 'code', code: fixed('export {};') }]) };
  // Printed as they are made; the imports they use are known after.
  return { path, contents: printSourceFile(header, declarations(), () => types.importStatements()) };
}

/**
 * `typescript-types`: models and interfaces → interfaces, enums → string-literal unions plus a
 * frozen array of values, unions → discriminated unions in their wire shape. Emits `types.ts`
 * for the service and `imports/<namespace>.ts` for each imported service it was handed.
 */
export const generator: Generator<Record<string, never>> = {
  name: GENERATOR_NAME,
  description: 'TypeScript types for every model, enum, interface and union (types.ts)',
  options: { defaults: {}, schema: { type: 'object', additionalProperties: false, properties: {} } },
  generate(input: GeneratorInput<Record<string, never>>): GeneratedFile[] {
    const all = [input.service, ...input.imports];
    const files = [typesModule(input.service, input.imports, TYPES_MODULE)];
    for (const imported of input.imports) {
      const others = all.filter(
        (service) => service !== imported && service.namespace !== imported.namespace,
      );
      files.push(
        typesModule(imported, others, importedTypesModule(imported.namespace), input.service.namespace),
      );
    }
    return files;
  },
};
