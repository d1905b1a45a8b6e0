/**
 * JSON Schema (draft-07) of API Builder's normalized form, `service.json`: a lighter check than
 * api.json's, on purpose.
 *
 * service.json is written by tools, not people, and real files differ from the meta-spec
 * (`fixtures/corpus/apibuilder/spec/apibuilder-spec.json`): older exports omit `interfaces`,
 * `annotations`, `attributes` and enum `value`; some carry `"info": []`; optional strings are
 * often `null`; extra keys appear. So objects stay open, optional values may be `null`, and only
 * what the parser needs is required: the names, the types, and the keys that identify a service.
 */

const string = { type: 'string' } as const;
const optionalString = { type: ['string', 'null'] } as const;
const optionalBoolean = { type: ['boolean', 'null'] } as const;
const optionalNumber = { type: ['number', 'null'] } as const;
const optionalStringList = { type: ['array', 'null'], items: string } as const;
// Names of fields and enum values must say something (as in the api.json schema).
const elementName = { description: 'a non-empty string', type: 'string', pattern: '\\S' } as const;
const ref = (name: string) => ({ $ref: `#/definitions/${name}` }) as const;
const optionalListOf = (name: string) => ({ type: ['array', 'null'], items: ref(name) }) as const;
const key = { type: 'object', properties: { key: string }, required: ['key'] } as const;

/** An open object: extra keys pass, `required` must be present. */
function open(properties: Record<string, object>, required: string[] = []) {
  return { type: 'object', properties, required } as const;
}

const described = {
  description: optionalString,
  attributes: optionalListOf('attribute'),
  deprecation: { type: ['object', 'null'] },
};

const schema = {
  $id: 'https://canon.invalid/schema/service.json',
  type: 'object',
  properties: {
    name: string,
    organization: key,
    application: key,
    namespace: string,
    version: string,
    info: { type: ['object', 'array', 'null'] },
    base_url: optionalString,
    description: optionalString,
    headers: optionalListOf('header'),
    imports: optionalListOf('import'),
    enums: optionalListOf('enum'),
    interfaces: optionalListOf('interface'),
    unions: optionalListOf('union'),
    models: optionalListOf('model'),
    resources: optionalListOf('resource'),
    annotations: optionalListOf('annotation'),
    attributes: optionalListOf('attribute'),
  },
  required: ['name', 'organization', 'application', 'namespace', 'version'],
  definitions: {
    import: open(
      {
        uri: string,
        namespace: string,
        organization: key,
        application: key,
        version: optionalString,
        enums: optionalStringList,
        interfaces: optionalStringList,
        unions: optionalStringList,
        models: optionalStringList,
        annotations: optionalListOf('annotation'),
      },
      ['uri', 'namespace'],
    ),
    header: open(
      { name: string, type: string, required: optionalBoolean, default: optionalString, ...described },
      ['name', 'type'],
    ),
    enum: open({ name: string, plural: optionalString, values: optionalListOf('enum_value'), ...described }, [
      'name',
    ]),
    enum_value: open({ name: elementName, value: optionalString, ...described }, ['name']),
    interface: open({ name: string, plural: optionalString, fields: optionalListOf('field'), ...described }, [
      'name',
    ]),
    model: open(
      {
        name: string,
        plural: optionalString,
        fields: optionalListOf('field'),
        interfaces: optionalStringList,
        ...described,
      },
      ['name'],
    ),
    field: open(
      {
        name: elementName,
        type: string,
        required: optionalBoolean,
        default: optionalString,
        example: optionalString,
        minimum: optionalNumber,
        maximum: optionalNumber,
        annotations: optionalStringList,
        ...described,
      },
      ['name', 'type'],
    ),
    union: open(
      {
        name: string,
        plural: optionalString,
        discriminator: optionalString,
        types: optionalListOf('union_type'),
        interfaces: optionalStringList,
        ...described,
      },
      ['name'],
    ),
    union_type: open(
      { type: string, default: optionalBoolean, discriminator_value: optionalString, ...described },
      ['type'],
    ),
    resource: open(
      {
        type: string,
        plural: optionalString,
        path: optionalString,
        operations: optionalListOf('operation'),
        ...described,
      },
      ['type'],
    ),
    operation: open(
      {
        method: string,
        path: optionalString,
        body: ref('body'),
        parameters: optionalListOf('parameter'),
        responses: optionalListOf('response'),
        ...described,
      },
      ['method'],
    ),
    body: { ...open({ type: string, ...described }, ['type']), type: ['object', 'null'] },
    parameter: open(
      {
        name: string,
        type: string,
        location: optionalString,
        required: optionalBoolean,
        default: optionalString,
        minimum: optionalNumber,
        maximum: optionalNumber,
        example: optionalString,
        ...described,
      },
      ['name', 'type'],
    ),
    response: open(
      {
        code: { type: ['object', 'integer', 'string'] },
        type: string,
        headers: optionalListOf('header'),
        ...described,
      },
      ['code', 'type'],
    ),
    // API Builder's attributes carry no attributes of their own (which keeps the schema free of cycles).
    attribute: open(
      {
        name: string,
        value: { type: ['object', 'null'] },
        description: optionalString,
        deprecation: { type: ['object', 'null'] },
      },
      ['name'],
    ),
    annotation: open({ name: string, ...described }, ['name']),
  },
} as const;

/**
 * The definitions checked once per item of a list (thousands of fields in a large spec). They are
 * written in place of their `$ref`s: Ajv generates a function per referenced definition, and each
 * call costs an options object and an instance-path string; inlined, the checks of a model's fields
 * run inside the model's function and allocate nothing (Flow's API: 1.8 MB less per check). The
 * containers (models, resources, …) stay references, so no generated function grows too large
 * for V8 to optimize.
 */
const INLINED = new Set([
  'attribute',
  'header',
  'field',
  'enum_value',
  'union_type',
  'parameter',
  'response',
  'body',
]);

function inline(node: unknown, definitions: Record<string, unknown>): unknown {
  if (Array.isArray(node)) return node.map((item) => inline(item, definitions));
  if (typeof node !== 'object' || node === null) return node;
  const target = (node as { $ref?: unknown }).$ref;
  const name = typeof target === 'string' ? target.replace('#/definitions/', '') : undefined;
  if (name !== undefined && INLINED.has(name)) return inline(definitions[name], definitions);
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, inline(v, definitions)]));
}

/** The service.json schema; compile it once (see `core/validate/structure.ts`). */
export const serviceJsonSchema = (() => {
  const { definitions, ...rest } = schema;
  const kept = Object.fromEntries(Object.entries(definitions).filter(([name]) => !INLINED.has(name)));
  return { ...(inline(rest, definitions) as object), definitions: inline(kept, definitions) };
})();
