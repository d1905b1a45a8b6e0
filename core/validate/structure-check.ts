import type { ErrorObject } from 'ajv';
import type { Diagnostic } from '../diagnostic.js';
import { isObject } from '../parse/read.js';
import { diagnosticFromAjvError } from './ajv-diagnostic.js';

/** A validator Ajv generated ahead of time (standalone code, see scripts/generate-validators.ts). */
export type GeneratedValidator = ((doc: unknown) => boolean) & { errors?: ErrorObject[] | null };

/** Runs a generated validator on a document; nothing for a document that is not a JSON object. */
export function checkWith(validator: GeneratedValidator, doc: unknown): Diagnostic[] {
  if (!isObject(doc) || validator(doc)) return [];
  return (validator.errors ?? [])
    .filter((e) => !reportedByParser(e))
    .map((e) => diagnosticFromAjvError(e, doc));
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
