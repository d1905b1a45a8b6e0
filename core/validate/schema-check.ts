import type { ErrorObject } from 'ajv';
import { pointer } from '../diagnostic.js';

/** The subset of JSON Schema that `compileSchemaCheck` understands. */
export interface SimpleSchema {
  type?: string | readonly string[];
  properties?: Readonly<Record<string, SimpleSchema>>;
  required?: readonly string[];
  items?: SimpleSchema;
  $ref?: string;
  definitions?: Readonly<Record<string, SimpleSchema>>;
  description?: string;
}

/** Checks a document, returning errors in Ajv's shape (one mapper turns both into diagnostics). */
export type SchemaCheck = (doc: unknown) => ErrorObject[];

/** What a node check needs while it runs: where it is, and where errors go. */
interface Run {
  errors: ErrorObject[];
  /** Segments of the current path, joined only when an error is found: most nodes are fine. */
  segments: (string | number)[];
}

type NodeCheck = (data: unknown, run: Run, property: string | undefined) => void;

/**
 * Turns a schema that uses only `type`, `properties`, `required`, `items` and local `$ref`s into a
 * checking function: one closure per schema node, built once, with the type test and the list of
 * properties decided up front.
 *
 * Why not Ajv here: service.json is checked on every load of large normalized files; loading Ajv
 * and compiling cost more than the check itself, and this walk is as fast as Ajv's code.
 * Recursion follows the schema, not the document (keys the schema does not name are not visited),
 * so its depth is bounded by the schema's however deep a hostile document nests.
 */
export function compileSchemaCheck(root: SimpleSchema): SchemaCheck {
  const definitions = root.definitions ?? {};
  const compiled = new Map<SimpleSchema, NodeCheck>();

  const compile = (raw: SimpleSchema): NodeCheck => {
    const known = compiled.get(raw);
    if (known !== undefined) return known;
    // Registered before its children compile, so recursive definitions find it.
    let body: NodeCheck = () => undefined;
    const check: NodeCheck = (data, run, property) => body(data, run, property);
    compiled.set(raw, check);
    const schema = raw.$ref === undefined ? raw : (definitions[raw.$ref.replace('#/definitions/', '')] ?? {});
    const typeTest = schema.type === undefined ? undefined : typePredicate(schema.type);
    const typeName = String(schema.type);
    const items = schema.items === undefined ? undefined : compile(schema.items);
    const required = schema.required ?? [];
    const properties = Object.entries(schema.properties ?? {}).map(
      ([key, child]) => [key, compile(child)] as const,
    );
    body = (data, run, property) => {
      if (typeTest !== undefined && !typeTest(data)) {
        // Only the last step of the schema path is kept (what callers filter on).
        const schemaPath = property === undefined ? '#/items/type' : `#/properties/${property}/type`;
        run.errors.push(error('type', run, schemaPath, { type: typeName }, data, schema));
        return;
      }
      if (typeof data !== 'object' || data === null) return;
      const { segments } = run;
      if (Array.isArray(data)) {
        if (items === undefined) return;
        for (let i = 0; i < data.length; i++) {
          segments.push(i);
          items(data[i], run, undefined);
          segments.pop();
        }
        return;
      }
      const object = data as Record<string, unknown>;
      for (const key of required) {
        if (object[key] === undefined)
          run.errors.push(error('required', run, '#/required', { missingProperty: key }, data, schema));
      }
      for (const [key, child] of properties) {
        const value = object[key];
        if (value === undefined) continue;
        segments.push(key);
        child(value, run, key);
        segments.pop();
      }
    };
    return check;
  };

  const top = compile(root);
  return (doc) => {
    const run: Run = { errors: [], segments: [] };
    top(doc, run, undefined);
    return run.errors;
  };
}

function typePredicate(type: string | readonly string[]): (data: unknown) => boolean {
  const tests = (typeof type === 'string' ? [type] : type).map(singleType);
  if (tests.length === 1) return tests[0]!;
  return (data) => tests.some((test) => test(data));
}

function singleType(type: string): (data: unknown) => boolean {
  switch (type) {
    case 'null':
      return (data) => data === null;
    case 'array':
      return Array.isArray;
    case 'object':
      return (data) => typeof data === 'object' && data !== null && !Array.isArray(data);
    case 'integer':
      return Number.isInteger;
    default:
      return (data) => typeof data === type;
  }
}

function error(
  keyword: string,
  run: Run,
  schemaPath: string,
  params: Record<string, unknown>,
  data: unknown,
  parentSchema: SimpleSchema,
): ErrorObject {
  return { keyword, instancePath: pointer('', ...run.segments), schemaPath, params, data, parentSchema };
}
