import type { NamedTypeRef, Service } from '../../core/ir.js';
import type { GeneratedFile, Generator, GeneratorInput } from '../contract.js';
import { fileHeader } from '../shared/index.js';
import { bodySchemas, schemaKey } from '../shared/json-schemas.js';
import { typeNameOf } from '../shared/type-names.js';
import { indentBrackets } from './indent.js';
import { compileLocalSchema } from './json-schema-to-ts.js';

export const GENERATOR_NAME = 'json-schema-types';

/** Every named type of the service, in spec order (enums, interfaces, models, unions). */
function namedTypes(service: Service): NamedTypeRef[] {
  const ref = (kind: NamedTypeRef['kind'], name: string) =>
    ({ kind, namespace: service.namespace, name }) as NamedTypeRef;
  return [
    ...service.enums.map((e) => ref('enum', e.name)),
    ...service.interfaces.map((i) => ref('interface', i.name)),
    ...service.models.map((m) => ref('model', m.name)),
    ...service.unions.map((u) => ref('union', u.name)),
  ];
}

/**
 * The JSON Schema (2020-12) of every named type of a service, as the registry serves it for an
 * event union subject and the runtime validates with, each definition titled with the name the
 * other TypeScript generators give the type.
 */
export function serviceJsonSchema(service: Service, imports: readonly Service[]): Record<string, unknown> {
  const roots = namedTypes(service);
  const { $defs } = bodySchemas(service, imports, roots) as {
    $defs: Record<string, Record<string, unknown>>;
  };
  const titled: Record<string, Record<string, unknown>> = {};
  for (const [key, schema] of Object.entries($defs)) {
    const own = roots.find((r) => schemaKey(r) === key);
    titled[key] = own ? { ...schema, title: typeNameOf(service, own)! } : schema;
  }
  return { $defs: titled };
}

/**
 * `json-schema-types`: TypeScript types from the service's JSON Schemas with
 * json-schema-to-typescript, the field's standard tool, so that a consumer gets exactly what a
 * JSON Schema user (a Confluent subject's reader) would generate. One `json-schema-types.ts`;
 * types are named as `typescript-types` names them.
 */
export const generator: Generator<Record<string, never>> = {
  name: GENERATOR_NAME,
  description:
    'TypeScript types from the JSON Schemas of every type, with json-schema-to-typescript (json-schema-types.ts)',
  options: { defaults: {}, schema: { type: 'object', additionalProperties: false, properties: {} } },
  generate(input: GeneratorInput<Record<string, never>>): GeneratedFile[] {
    const { $defs } = serviceJsonSchema(input.service, input.imports) as { $defs: Record<string, unknown> };
    const root = {
      title: 'JsonSchemaTypes',
      description: `Every named type of ${input.service.name}.`,
      anyOf: Object.keys($defs)
        .filter((key) => namedTypes(input.service).some((r) => schemaKey(r) === key))
        .map((key) => ({
          $ref: `#/$defs/${encodeURIComponent(key.replaceAll('~', '~0').replaceAll('/', '~1'))}`,
        })),
      $defs,
    };
    const body = compileLocalSchema(root, 'JsonSchemaTypes', {
      bannerComment: '',
      additionalProperties: false,
      strictIndexSignatures: true,
      unreachableDefinitions: true,
    });
    return [
      {
        path: 'json-schema-types.ts',
        contents: `${fileHeader(GENERATOR_NAME, input.service)}\n\n${indentBrackets(body.trim())}\n`,
      },
    ];
  },
};
