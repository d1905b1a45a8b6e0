import { Ajv, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import { at, type Json, type JsonObject } from './openapi-operations.js';

type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats: FormatsPlugin =
  (formatsModule as unknown as { default?: FormatsPlugin }).default ??
  (formatsModule as unknown as FormatsPlugin);

/** Keys whose values are data, not schemas: examples carry `$ref` keys in GitHub's document. */
const DATA_KEYS = new Set(['example', 'examples', 'default', 'enum', 'const', 'x-example']);

/** The keywords of a Swagger 2.0 non-body parameter that are its schema. */
const PARAMETER_SCHEMA_KEYS = [
  'type',
  'format',
  'items',
  'enum',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'multipleOf',
];

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The document's schemas as JSON Schema (draft-07) in one Ajv, independent of Canon: OpenAPI
 * 3.0's `nullable` (and Swagger's `x-nullable`) become a `null` alternative, boolean
 * `exclusiveMinimum`/`exclusiveMaximum` become numeric ones, and every `$ref` points into the
 * document registered under the id `doc`, so any schema of it compiles on its own.
 */
export class DocumentSchemas {
  readonly document: Json;
  private readonly ajv: Ajv;
  private readonly compiled = new WeakMap<object, ValidateFunction>();

  constructor(original: Json) {
    this.document = convert(original, false) as Json;
    // Not inlining $refs compiles each named schema once, not once per schema that uses it; the
    // code optimizer costs more than it saves for validators that run a few hundred times.
    this.ajv = new Ajv({
      strict: false,
      logger: false,
      allErrors: false,
      validateSchema: false,
      inlineRefs: false,
      code: { optimize: false },
    });
    addFormats(this.ajv);
    this.ajv.addSchema(this.document as object, 'doc');
  }

  /** The converted schema at a pointer of the document (a Swagger 2.0 parameter: its schema part). */
  schema(pointer: string): Json {
    const node = at(this.document, pointer);
    if (node === undefined) throw new Error(`no schema at ${pointer}`);
    if (isObject(node) && typeof node.in === 'string' && node.in !== 'body') {
      const picked: JsonObject = {};
      for (const key of PARAMETER_SCHEMA_KEYS) if (node[key] !== undefined) picked[key] = node[key];
      return picked;
    }
    return node;
  }

  /** Follows `$ref`s to the schema they name. */
  resolve(schema: Json): Json {
    let node = schema;
    for (let hops = 0; hops < 50 && isObject(node) && typeof node.$ref === 'string'; hops++) {
      const target = at(this.document, node.$ref.replace(/^doc/, ''));
      if (target === undefined) throw new Error(`unresolved $ref ${node.$ref}`);
      node = target;
    }
    return node;
  }

  /** Ajv's first complaint about `value` under `schema`, or undefined when it is valid. */
  check(schema: Json, value: unknown): string | undefined {
    if (schema === true || (isObject(schema) && Object.keys(schema).length === 0)) return undefined;
    const key = isObject(schema) ? schema : { const: schema };
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(key as object);
      this.compiled.set(key, validate);
    }
    if (validate(value)) return undefined;
    const error = validate.errors?.[0];
    return error ? `${error.instancePath || '/'} ${error.message ?? 'is invalid'}` : 'is invalid';
  }
}

/** Maps whose keys are names (of properties, of definitions), not keywords. */
const NAME_MAPS = new Set(['properties', 'patternProperties', 'definitions', 'schemas']);

function convert(node: unknown, names: boolean): unknown {
  if (Array.isArray(node)) return node.map((item) => convert(item, false));
  if (!isObject(node)) return node;
  const out: JsonObject = {};
  for (const [k, value] of Object.entries(node)) {
    if (names) out[k] = convert(value, false) as Json;
    else if (DATA_KEYS.has(k) || k.startsWith('x-')) out[k] = value;
    else if (k === '$ref' && typeof value === 'string' && value.startsWith('#')) out[k] = `doc${value}`;
    else out[k] = convert(value, NAME_MAPS.has(k)) as Json;
  }
  if (names) return out;
  for (const bound of ['Minimum', 'Maximum'] as const) {
    const flag = out[`exclusive${bound}`];
    const limitKey = bound.toLowerCase();
    if (typeof flag === 'boolean') {
      delete out[`exclusive${bound}`];
      const limit = out[limitKey];
      if (flag && typeof limit === 'number') {
        out[`exclusive${bound}`] = limit;
        delete out[limitKey];
      }
    }
  }
  if (out.nullable === true || node['x-nullable'] === true) {
    const { nullable: _nullable, ...rest } = out;
    return { anyOf: [{ type: 'null' }, rest] };
  }
  return out;
}
