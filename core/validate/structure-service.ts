import type { Diagnostic } from '../diagnostic.js';
import { validate } from '../schema/service-json-validator.js';
import { checkWith, type GeneratedValidator } from './structure-check.js';

/**
 * Structural validation of a service.json document against core/schema/service-json-schema.ts:
 * lighter than api.json's (open objects, `null` accepted for optional values) because real
 * exports carry extra keys and nulls.
 */
export function validateServiceJsonStructure(doc: unknown): Diagnostic[] {
  return checkWith(validate as unknown as GeneratedValidator, doc);
}
