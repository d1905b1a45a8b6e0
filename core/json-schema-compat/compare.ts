import { compareLocated } from './compare-schema.js';
import { CompareContext, type Difference } from './context.js';
import type { CompatibilityPolicy } from './difference-types.js';
import { isCompatibleDifference } from './difference-types.js';
import type { JsonSchema, ReferencedDocuments } from './schema-refs.js';

/** One version of a schema, with what its `$ref`s may name and the names it reserves. */
export interface SchemaVersion {
  schema: JsonSchema;
  /** Referenced schemas by the name their `$ref` uses (Confluent's references). */
  references?: ReferencedDocuments;
  /** Property names that must never (again) be used (Confluent's `confluent:reserved` metadata). */
  reserved?: readonly string[];
}

const NONE: ReferencedDocuments = new Map();

/**
 * Every difference between an original schema (the writer's) and an update (the reader's), in
 * Confluent's difference types, with a `#`-prefixed JSON pointer each.
 *
 * @example
 * compareSchemas({ schema: { type: 'object' } }, { schema: { type: 'array' } })
 * // → [{ type: 'TYPE_CHANGED', path: '#', before: 'object', after: 'array' }]
 */
export function compareSchemas(original: SchemaVersion, update: SchemaVersion): Difference[] {
  const ctx = new CompareContext(original.references ?? NONE, update.references ?? NONE);
  const documentBefore = original.schema;
  const documentAfter = update.schema;
  compareLocated(
    ctx,
    { schema: documentBefore, document: documentBefore, documentName: '' },
    { schema: documentAfter, document: documentAfter, documentName: '' },
    '#',
  );
  const reservedAfter = new Set(update.reserved ?? []);
  for (const name of original.reserved ?? []) {
    if (!reservedAfter.has(name)) ctx.add('RESERVED_PROPERTY_REMOVED', '#', name);
  }
  const properties = typeof documentAfter === 'object' ? documentAfter.properties : undefined;
  for (const name of update.reserved ?? []) {
    if (typeof properties === 'object' && properties !== null && Object.hasOwn(properties, name)) {
      ctx.add(
        'RESERVED_PROPERTY_CONFLICTS_WITH_PROPERTY',
        `#/properties/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`,
        undefined,
        name,
      );
    }
  }
  return ctx.differences;
}

/** Can the update read everything the original admitted? The differences that say no, if any. */
export function backwardIncompatibilities(
  original: SchemaVersion,
  update: SchemaVersion,
  policy: CompatibilityPolicy = 'STRICT',
): Difference[] {
  return compareSchemas(original, update).filter((d) => !isCompatibleDifference(d.type, policy));
}
