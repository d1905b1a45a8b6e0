import { createHash } from 'node:crypto';
import { Ajv, type ErrorObject } from 'ajv';
import Ajv2019 from 'ajv/dist/2019.js';
import Ajv2020 from 'ajv/dist/2020.js';
import { MAX_NESTING, nestingBeyond } from '../../core/json-depth.js';
import { canonicalJson } from '../../core/json-schema-compat/canonical-json.js';
import type { JsonSchema } from '../../core/json-schema-compat/index.js';
import { invalidSchema, SubjectError } from './subject-error.js';
import { checkSubjectName } from './subject-name.js';
import type { SchemaReference } from './subject-store.js';

/** A schema as a registration or check sends it, read and checked. */
export interface SchemaIntake {
  text: string;
  parsed: JsonSchema;
  references: SchemaReference[];
  fingerprint: string;
  id?: number;
  version?: number;
}

/** Schema texts longer than this are refused (Confluent's 42209, schema too large). */
export const MAX_SCHEMA_CHARS = 8 * 1024 * 1024;

let validators: { draft7: Ajv; draft2019: Ajv; draft2020: Ajv } | undefined;
const ajv = () => {
  validators ??= {
    draft7: new Ajv({ strict: false, validateFormats: false }),
    draft2019: new Ajv2019.default({ strict: false, validateFormats: false }),
    draft2020: new Ajv2020.default({ strict: false, validateFormats: false }),
  };
  return validators;
};

function metaValidator(schema: JsonSchema): Ajv {
  const declared = typeof schema === 'object' ? schema.$schema : undefined;
  if (declared === undefined) return ajv().draft7;
  if (typeof declared !== 'string') throw invalidSchema('$schema must be a URI string.');
  if (/json-schema\.org\/draft\/2020-12\/schema/.test(declared)) return ajv().draft2020;
  if (/json-schema\.org\/draft\/2019-09\/schema/.test(declared)) return ajv().draft2019;
  if (/json-schema\.org\/draft-0[467]\/schema/.test(declared)) return ajv().draft7;
  throw invalidSchema(
    `$schema ${JSON.stringify(declared.slice(0, 120))} is not a JSON Schema dialect this registry reads; use draft-07 or 2020-12.`,
  );
}

const describe = (e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`;

/**
 * Reads a registration body (`{schema, schemaType, references, id, version, metadata}`): only
 * JSON Schema (an absent `schemaType` means JSON here, since this registry stores nothing else),
 * parsed, at most 128 levels deep, valid against its dialect's meta-schema.
 */
export function readSchemaBody(body: unknown): SchemaIntake {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw invalidSchema('the body must be a JSON object like {"schemaType": "JSON", "schema": "{…}"}.');
  }
  const request = body as Record<string, unknown>;
  const type = request.schemaType ?? 'JSON';
  if (type !== 'JSON') {
    throw new SubjectError(
      42201,
      `Invalid schema: schema type ${JSON.stringify(type)?.slice(0, 40)} is not supported; this registry stores JSON Schema only (schemaType "JSON").`,
    );
  }
  if (typeof request.schema !== 'string')
    throw invalidSchema('"schema" must be the schema as a JSON string.');
  const text = request.schema;
  if (text.length > MAX_SCHEMA_CHARS) {
    throw new SubjectError(
      42209,
      `Schema too large: ${text.length} characters; the limit is ${MAX_SCHEMA_CHARS}.`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalidSchema(`the schema is not JSON (${(error as Error).message.slice(0, 200)}).`);
  }
  if (
    typeof parsed !== 'boolean' &&
    (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
  ) {
    throw invalidSchema('a JSON Schema is an object or a boolean.');
  }
  const deep = nestingBeyond(parsed, MAX_NESTING);
  if (deep !== undefined) {
    throw invalidSchema(
      `the schema nests deeper than ${MAX_NESTING} levels (at ${deep.slice(0, 200)}); flatten it with $defs.`,
    );
  }
  const schema = parsed as JsonSchema;
  const validator = metaValidator(schema);
  let valid: boolean;
  try {
    valid = validator.validateSchema(schema) as boolean;
  } catch (error) {
    throw invalidSchema(
      `the schema cannot be read as JSON Schema (${(error as Error).message.slice(0, 200)}).`,
    );
  }
  if (!valid) {
    const errors = (validator.errors ?? []).slice(0, 5).map(describe).join('; ');
    throw invalidSchema(`not a valid JSON Schema: ${errors}.`);
  }
  const references = readReferences(request.references);
  const intake: SchemaIntake = {
    text,
    parsed: schema,
    references,
    fingerprint: `sha256:${createHash('sha256')
      .update(
        canonicalJson({
          schemaType: 'JSON',
          schema,
          references: [...references].sort((a, b) => (a.name < b.name ? -1 : 1)),
        }),
      )
      .digest('hex')}`,
  };
  if (request.id !== undefined && request.id !== null) intake.id = positive(request.id, 'id', 42205);
  if (request.version !== undefined && request.version !== null)
    intake.version = positive(request.version, 'version', 42202);
  return intake;
}

function positive(value: unknown, field: string, code: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 2_147_483_647) {
    throw new SubjectError(code, `"${field}" must be a whole number from 1 to 2147483647.`);
  }
  return value;
}

function readReferences(value: unknown): SchemaReference[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidSchema('"references" must be a list of {name, subject, version}.');
  if (value.length > 1000) throw invalidSchema('more than 1000 references.');
  const names = new Set<string>();
  return value.map((item, index) => {
    const r = item as Record<string, unknown> | null;
    if (typeof r !== 'object' || r === null || typeof r.name !== 'string' || typeof r.subject !== 'string') {
      throw invalidSchema(`references[${index}] must be {name, subject, version}.`);
    }
    if (r.name === '' || names.has(r.name))
      throw invalidSchema(`references[${index}] needs a name of its own.`);
    names.add(r.name);
    if (typeof r.version !== 'number' || !Number.isInteger(r.version) || r.version < 1) {
      throw invalidSchema(`references[${index}].version must be a version number (1 or more).`);
    }
    return { name: r.name, subject: checkSubjectName(r.subject), version: r.version };
  });
}
