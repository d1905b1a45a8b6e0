import type { ErrorObject } from 'ajv';
import { pointer } from '../diagnostic.js';

/** The subset of JSON Schema that `checkAgainstSchema` understands. */
export interface SimpleSchema {
  type?: string | readonly string[];
  properties?: Readonly<Record<string, SimpleSchema>>;
  required?: readonly string[];
  items?: SimpleSchema;
  $ref?: string;
  definitions?: Readonly<Record<string, SimpleSchema>>;
  description?: string;
}

/**
 * Checks a document against a schema that uses only `type`, `properties`, `required`, `items` and
 * local `$ref`s, reporting errors in Ajv's shape (so one mapper turns both into diagnostics).
 *
 * Why not Ajv here: service.json is checked on every load of large normalized files, and Ajv's
 * load and compile cost more than the check itself for such a small schema (measured in
 * docs/validation.md). api.json's closed schema still goes through Ajv.
 */
export function checkAgainstSchema(root: SimpleSchema, doc: unknown): ErrorObject[] {
  const errors: ErrorObject[] = [];
  const definitions = root.definitions ?? {};
  const resolved = new Map<SimpleSchema, { schema: SimpleSchema; keys: string[] }>();
  const prepare = (raw: SimpleSchema) => {
    let entry = resolved.get(raw);
    if (entry === undefined) {
      const schema =
        raw.$ref === undefined ? raw : (definitions[raw.$ref.replace('#/definitions/', '')] ?? {});
      entry = { schema, keys: Object.keys(schema.properties ?? {}) };
      resolved.set(raw, entry);
    }
    return entry;
  };
  // Segments of the current path, joined only when an error is found: most nodes are fine.
  const segments: (string | number)[] = [];
  const here = () => pointer('', ...segments);

  // Recursion follows the schema, not the document (keys the schema does not name are not
  // visited), so its depth is bounded by the schema's, however deep a hostile document nests.
  const visit = (raw: SimpleSchema, data: unknown, property: string | undefined): void => {
    const { schema, keys } = prepare(raw);
    const { type } = schema;
    if (
      type !== undefined &&
      !(typeof type === 'string' ? hasType(data, type) : type.some((t) => hasType(data, t)))
    ) {
      // Only the last step of the schema path is kept (what the caller filters on), to build no
      // strings on the way down.
      const schemaPath = property === undefined ? '#/items/type' : `#/properties/${property}/type`;
      errors.push(error('type', here(), schemaPath, { type: String(type) }, data, schema));
      return;
    }
    if (Array.isArray(data)) {
      if (schema.items === undefined) return;
      for (let i = 0; i < data.length; i++) {
        segments.push(i);
        visit(schema.items, data[i], undefined);
        segments.pop();
      }
      return;
    }
    if (typeof data !== 'object' || data === null) return;
    const object = data as Record<string, unknown>;
    if (schema.required !== undefined) {
      for (const key of schema.required) {
        if (object[key] === undefined) {
          errors.push(error('required', here(), '#/required', { missingProperty: key }, data, schema));
        }
      }
    }
    for (const key of keys) {
      const value = object[key];
      if (value === undefined) continue;
      segments.push(key);
      visit(schema.properties![key]!, value, key);
      segments.pop();
    }
  };
  visit(root, doc, undefined);
  return errors;
}

function hasType(data: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return data === null;
    case 'array':
      return Array.isArray(data);
    case 'object':
      return typeof data === 'object' && data !== null && !Array.isArray(data);
    case 'integer':
      return Number.isInteger(data);
    default:
      return typeof data === type;
  }
}

function error(
  keyword: string,
  instancePath: string,
  schemaPath: string,
  params: Record<string, unknown>,
  data: unknown,
  parentSchema: SimpleSchema,
): ErrorObject {
  return { keyword, instancePath, schemaPath, params, data, parentSchema };
}
