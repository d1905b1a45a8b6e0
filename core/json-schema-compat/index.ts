/**
 * JSON Schema compatibility with Confluent Schema Registry's semantics: its difference types,
 * its STRICT and LENIENT policies and its seven compatibility levels (docs/subjects.md).
 */
export { toChange } from './changes.js';
export { backwardIncompatibilities, compareSchemas, type SchemaVersion } from './compare.js';
export type { Difference } from './context.js';
export {
  COMPATIBLE_ONLY_UNDER_LENIENT,
  COMPATIBLE_UNDER_STRICT,
  type CompatibilityPolicy,
  type DifferenceType,
  INCOMPATIBLE,
  isCompatibleDifference,
  ruleIdOf,
} from './difference-types.js';
export {
  COMPATIBILITY_LEVELS,
  type CompatibilityLevel,
  checkCompatibility,
  type Incompatibility,
  isCompatibilityLevel,
  type PriorVersion,
  versionsChecked,
} from './levels.js';
export {
  checkReferences,
  type JsonSchema,
  type ReferencedDocuments,
  SchemaReferenceError,
} from './schema-refs.js';
