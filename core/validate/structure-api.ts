import type { Diagnostic } from '../diagnostic.js';
import { validate } from '../schema/api-json-validator.js';
import { checkWith, type GeneratedValidator } from './structure-check.js';

/**
 * Structural validation of an api.json document against core/schema/api-json-schema.ts, with the
 * validator Ajv generated from it ahead of time (no schema compile at run time): unknown keys
 * (`unknown-key`), values of the wrong JSON type (`invalid-value`) and missing keys
 * (`missing-key`), all of them, each with the JSON pointer of the offending element. A document
 * that is not a JSON object yields nothing here: the parser reports it (`not-an-object`).
 *
 * @example validateStructure({ name: 'x', modles: {} })
 * // → [{ code: 'unknown-key', path: '/modles', message: 'Unrecognized element[modles] …' }]
 */
export function validateStructure(doc: unknown): Diagnostic[] {
  return checkWith(validate as unknown as GeneratedValidator, doc);
}
