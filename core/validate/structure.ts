import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Diagnostic } from '../diagnostic.js';
import { apiJsonSchema } from '../schema/api-json-schema.js';
import { serviceJsonSchema } from '../schema/service-json-schema.js';
import { diagnosticFromAjvError } from './ajv-diagnostic.js';
import { checkAgainstSchema } from './schema-check.js';

/**
 * Structural validation of an api.json document: unknown keys (`unknown-key`), values of the wrong
 * JSON type (`invalid-value`) and missing keys (`missing-key`), all of them, each with the JSON
 * pointer of the offending element. A document that is not a JSON object yields nothing here:
 * the parser reports it (`not-an-object`).
 *
 * @example validateStructure({ name: 'x', modles: {} })
 * // → [{ code: 'unknown-key', path: '/modles', message: 'Unrecognized element[modles] …' }]
 */
export function validateStructure(doc: unknown): Diagnostic[] {
  return run(apiJson, doc);
}

/**
 * Structural validation of a service.json document: lighter than api.json's (open objects,
 * `null` accepted for optional values) because real exports carry extra keys and nulls. Checked
 * without Ajv (see schema-check.ts): it runs on every load of large normalized files.
 */
export function validateServiceJsonStructure(doc: unknown): Diagnostic[] {
  if (!isObject(doc)) return [];
  return toDiagnostics(checkAgainstSchema(serviceJsonSchema, doc), doc);
}

interface LazyValidator {
  schema: object;
  compiled?: ValidateFunction;
}

const apiJson: LazyValidator = { schema: apiJsonSchema };

function run(validator: LazyValidator, doc: unknown): Diagnostic[] {
  if (!isObject(doc)) return [];
  validator.compiled ??= compile(validator.schema);
  const validate = validator.compiled;
  if (validate(doc)) return [];
  return toDiagnostics(validate.errors ?? [], doc);
}

function toDiagnostics(errors: readonly ErrorObject[], doc: unknown): Diagnostic[] {
  return errors.filter((e) => !reportedByParser(e)).map((e) => diagnosticFromAjvError(e, doc));
}

function isObject(doc: unknown): doc is object {
  return typeof doc === 'object' && doc !== null && !Array.isArray(doc);
}

// The parsers report a missing or non-string `type` (`invalid-type`), `method` (`invalid-method`)
// and `location` (`invalid-location`) with sharper messages; reporting them here too would say
// the same thing twice.
const PARSER_KEYS = new Set(['type', 'method', 'location']);

function reportedByParser(error: ErrorObject): boolean {
  if (error.keyword === 'required') {
    return PARSER_KEYS.has(String((error.params as { missingProperty: string }).missingProperty));
  }
  return error.keyword === 'type' && /\/properties\/(type|method|location)\/type$/.test(error.schemaPath);
}

// Ajv loads only when a document is first validated, so commands that never validate stay lean.
function compile(schema: object): ValidateFunction {
  const require = createRequire(import.meta.url);
  const Ajv = require('ajv') as typeof import('ajv').default;
  const ajv = new Ajv({
    allErrors: true,
    verbose: true,
    messages: false,
    allowUnionTypes: true,
    strict: true,
  });
  return ajv.compile(schema);
}
