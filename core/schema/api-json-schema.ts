/**
 * JSON Schema (draft-07) of API Builder's authoring format, `api.json`.
 *
 * Written from API Builder's own meta-spec (`fixtures/corpus/apibuilder/spec/apibuilder-api-json.json`)
 * and its structure checks: every object is closed (`additionalProperties: false`), so an unknown
 * key is reported the way API Builder does ("Unrecognized element[foo]"). Value checks that need
 * more than JSON types (methods, parameter locations, response codes, type strings) belong to the
 * parser and the semantic passes, so this schema only says "string" for them.
 *
 * Accepted beyond the meta-spec, because real specs and API Builder itself accept them:
 * - top-level `apidoc` (legacy `{version}` element that API Builder's upgrader removes) and `$schema`;
 * - `default` on headers (service.json carries it), `description`/`deprecation` on attributes;
 * - `fields` on union types (API Builder creates a model for such a member);
 * - booleans written as `"true"`/`"false"` and integers written as digit strings, which API Builder
 *   reads as their values (`fixtures/corpus/flow/delta-config.json` has `"required": "false"`).
 */

const string = { type: 'string' } as const;
// API Builder reads booleans and longs leniently: `"false"` and `"10"` pass (real specs use them).
// `description` carries the expected value for messages (see ajv-diagnostic.ts).
const boolean = { description: 'a boolean (true or false)', enum: [true, false, 'true', 'false'] } as const;
const long = { description: 'an integer', type: ['integer', 'string'], pattern: '^-?[0-9]+$' } as const;
const stringList = { type: 'array', items: string } as const;
// Names of list elements (fields, values, parameters, headers) must say something; an empty one is
// reported here, once, rather than as a bad name by the semantic passes.
const elementName = { description: 'a non-empty string', type: 'string', pattern: '\\S' } as const;
const ref = (name: string) => ({ $ref: `#/definitions/${name}` }) as const;
const listOf = (name: string) => ({ type: 'array', items: ref(name) }) as const;
const mapOf = (name: string) => ({ type: 'object', additionalProperties: ref(name) }) as const;

/** A closed object: only `properties` are allowed, `required` must be present. */
function closed(properties: Record<string, object>, required: string[] = []) {
  return { type: 'object', properties, required, additionalProperties: false } as const;
}

const described = {
  description: string,
  attributes: listOf('attribute'),
  deprecation: ref('deprecation'),
};

/** The api.json schema; compile it once (see `core/validate/structure.ts`). */
export const apiJsonSchema = {
  $id: 'https://canon.invalid/schema/api.json',
  type: 'object',
  properties: {
    $schema: string,
    apidoc: { type: 'object', properties: { version: string } },
    name: string,
    info: ref('info'),
    namespace: string,
    base_url: string,
    description: string,
    imports: listOf('import'),
    headers: listOf('header'),
    enums: mapOf('enum'),
    interfaces: mapOf('interface'),
    templates: ref('templates'),
    unions: mapOf('union'),
    models: mapOf('model'),
    resources: mapOf('resource'),
    annotations: mapOf('annotation'),
    attributes: listOf('attribute'),
  },
  required: ['name'],
  additionalProperties: false,
  definitions: {
    info: closed({ contact: ref('contact'), license: ref('license') }),
    contact: closed({ name: string, url: string, email: string }),
    license: closed({ name: string, url: string }, ['name']),
    import: closed({ uri: string }, ['uri']),
    header: closed({ name: elementName, type: string, required: boolean, default: {}, ...described }, [
      'name',
      'type',
    ]),
    // `values` and `types` are not required here: a missing list is reported once, by the semantic
    // passes, as `empty-enum` / `empty-union`.
    enum: closed({ plural: string, values: listOf('enum_value'), ...described }),
    enum_value: closed({ name: elementName, value: string, ...described }, ['name']),
    interface: closed({ plural: string, fields: listOf('field'), ...described }),
    model: closed({
      plural: string,
      fields: listOf('field'),
      interfaces: stringList,
      templates: listOf('template_declaration'),
      ...described,
    }),
    field: closed(
      {
        name: elementName,
        type: string,
        required: boolean,
        default: {},
        example: string,
        minimum: long,
        maximum: long,
        annotations: stringList,
        ...described,
      },
      ['name', 'type'],
    ),
    union: closed({
      plural: string,
      discriminator: string,
      types: listOf('union_type'),
      interfaces: stringList,
      ...described,
    }),
    union_type: closed(
      { type: string, default: boolean, discriminator_value: string, fields: listOf('field'), ...described },
      ['type'],
    ),
    resource: closed({
      path: string,
      operations: listOf('operation'),
      templates: listOf('template_declaration'),
      ...described,
    }),
    operation: closed(
      {
        method: string,
        path: string,
        body: ref('body'),
        parameters: listOf('parameter'),
        responses: mapOf('response'),
        ...described,
      },
      ['method'],
    ),
    body: closed({ type: string, ...described }, ['type']),
    parameter: closed(
      {
        name: elementName,
        type: string,
        location: string,
        required: boolean,
        default: {},
        minimum: long,
        maximum: long,
        example: string,
        ...described,
      },
      ['name', 'type'],
    ),
    response: closed({ type: string, headers: listOf('header'), ...described }, ['type']),
    attribute: closed(
      { name: string, value: { type: 'object' }, description: string, deprecation: ref('deprecation') },
      ['name', 'value'],
    ),
    annotation: closed({ description: string, deprecation: ref('deprecation') }),
    deprecation: closed({ description: string }),
    templates: closed({ models: mapOf('model'), resources: mapOf('resource') }),
    template_declaration: closed({ name: string, cast: { type: 'object', additionalProperties: string } }, [
      'name',
    ]),
  },
} as const;
