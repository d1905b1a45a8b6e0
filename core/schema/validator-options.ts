import { createHash } from 'node:crypto';

/**
 * The Ajv options the spec validators are generated with (scripts/generate-validators.ts):
 * all errors at once, the offending data and schema on each error (messages are Canon's own).
 */
export const AJV_OPTIONS = {
  allErrors: true,
  verbose: true,
  messages: false,
  allowUnionTypes: true,
  strict: true,
  code: { optimize: true },
} as const;

/** A fingerprint of a schema, recorded in the generated validator to notice when it is stale. */
export function schemaHash(schema: object): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex').slice(0, 16);
}
