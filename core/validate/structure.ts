import type { ErrorObject } from 'ajv';
import type { Diagnostic } from '../diagnostic.js';
import { validate as validateApiJson } from '../schema/api-json-validator.js';
import { validate as validateServiceJson } from '../schema/service-json-validator.js';
import { diagnosticFromAjvError } from './ajv-diagnostic.js';

/**
 * Structural validation of an api.json document against core/schema/api-json-schema.ts, with the
 * validator Ajv generated from it ahead of time (no schema compile at run time): unknown keys (`unknown-key`), values of the wrong
 * JSON type (`invalid-value`) and missing keys (`missing-key`), all of them, each with the JSON
 * pointer of the offending element. A document that is not a JSON object yields nothing here:
 * the parser reports it (`not-an-object`).
 *
 * @example validateStructure({ name: 'x', modles: {} })
 * // → [{ code: 'unknown-key', path: '/modles', message: 'Unrecognized element[modles] …' }]
 */
export function validateStructure(doc: unknown): Diagnostic[] {
  if (!isObject(doc) || apiJsonValidator(doc)) return [];
  return toDiagnostics(apiJsonValidator.errors ?? [], doc);
}

/**
 * Structural validation of a service.json document against core/schema/service-json-schema.ts:
 * lighter than api.json's (open objects, `null` accepted for optional values) because real
 * exports carry extra keys and nulls.
 */
export function validateServiceJsonStructure(doc: unknown): Diagnostic[] {
  if (!isObject(doc) || serviceJsonValidator(doc)) return [];
  return toDiagnostics(serviceJsonValidator.errors ?? [], doc);
}

/** A validator Ajv generated ahead of time (standalone code, see scripts/generate-validators.ts). */
type GeneratedValidator = ((doc: unknown) => boolean) & { errors?: ErrorObject[] | null };

const apiJsonValidator = validateApiJson as unknown as GeneratedValidator;
const serviceJsonValidator = validateServiceJson as unknown as GeneratedValidator;

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
