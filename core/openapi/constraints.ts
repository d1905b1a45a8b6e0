import { boundMeaning, isNumberType, isStringType } from '../constraints.js';
import type { Constraints, JsonValue, TypeRef } from '../ir.js';
import { asNumber, asString, isObject, type Json, jsonCopy } from './json.js';
import { unionVariants } from './schema.js';

/** Formats the IR type already says (`date-time` → `date-time-iso8601`, `int64` → `long`). */
export const MAPPED_FORMATS: ReadonlySet<string> = new Set([
  'date',
  'date-time',
  'uuid',
  'int32',
  'int64',
  'double',
  'float',
  'decimal',
]);

/** The JSON Schema keywords of the bounds, by what `minimum`/`maximum` mean for the type. */
const BOUND_KEYWORDS = {
  value: ['minimum', 'maximum'],
  length: ['minLength', 'maxLength'],
  count: ['minItems', 'maxItems'],
} as const;

/**
 * Reads a property or parameter schema's validation keywords into the IR element, by what they
 * mean for its IR type: `minLength` of a string and `minItems` of a list become `minimum`, as API
 * Builder has it. A schema that is only `anyOf: [<inline schema>, {type: null}]` is read through
 * to its one member. Returns the keywords that were placed; the caller keeps the others.
 */
export function readConstraints(
  target: Constraints,
  source: Json,
  type: TypeRef,
  onInvalidPattern: (pattern: string) => void,
): Set<string> {
  const used = new Set<string>();
  const schema = throughNullable(source);
  const take = (key: string): unknown => {
    const value = schema[key];
    if (value !== undefined) used.add(key);
    return value;
  };
  const meaning = boundMeaning(type);
  if (meaning === undefined) {
    // Bounds on a type they do not apply to (API Builder allows them anywhere): kept as written.
    const min = asNumber(take('minimum'));
    if (min !== undefined) target.minimum = min;
    const max = asNumber(take('maximum'));
    if (max !== undefined) target.maximum = max;
  } else {
    const [low, high] = BOUND_KEYWORDS[meaning];
    const min = asNumber(schema[low]);
    const max = asNumber(schema[high]);
    // OpenAPI 3.0's boolean exclusiveMinimum turns `minimum` into an exclusive bound.
    const exclusiveLow = meaning === 'value' && schema.exclusiveMinimum === true;
    const exclusiveHigh = meaning === 'value' && schema.exclusiveMaximum === true;
    if (min !== undefined) {
      take(low);
      if (exclusiveLow) target.exclusiveMinimum = min;
      else target.minimum = min;
    }
    if (max !== undefined) {
      take(high);
      if (exclusiveHigh) target.exclusiveMaximum = max;
      else target.maximum = max;
    }
  }
  if (isNumberType(type)) {
    for (const key of ['exclusiveMinimum', 'exclusiveMaximum'] as const) {
      const value = schema[key];
      if (typeof value === 'boolean') used.add(key);
      const n = asNumber(value);
      if (n !== undefined) {
        take(key);
        target[key] = n;
      }
    }
    const multipleOf = asNumber(schema.multipleOf);
    if (multipleOf !== undefined && multipleOf > 0) {
      take('multipleOf');
      target.multipleOf = multipleOf;
    }
  }
  if (isStringType(type)) {
    const pattern = asString(schema.pattern);
    if (pattern !== undefined) {
      if (isPattern(pattern)) {
        take('pattern');
        target.pattern = pattern;
      } else onInvalidPattern(pattern);
    }
  }
  const format = asString(schema.format);
  if (format !== undefined) {
    used.add('format');
    if (type.kind === 'primitive' && !MAPPED_FORMATS.has(format)) target.format = format;
  }
  if (type.kind === 'list' && schema.uniqueItems !== undefined) {
    take('uniqueItems');
    if (schema.uniqueItems === true) target.uniqueItems = true;
  }
  if (schema.const !== undefined && type.kind !== 'enum') {
    take('const');
    target.const = jsonCopy(schema.const) as JsonValue;
  } else if (type.kind === 'primitive' && Array.isArray(schema.enum)) {
    // A one-value enum of numbers or booleans says the same as const.
    const values = schema.enum.filter((v) => v !== null);
    if (values.length === 1 && typeof values[0] !== 'string') {
      used.add('enum');
      target.const = jsonCopy(values[0]) as JsonValue;
    }
  }
  return used;
}

/** Whether generated validators (Ajv, `new RegExp(p, 'u')`) can compile the pattern. */
export function isPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

function throughNullable(schema: Json): Json {
  const variants = unionVariants(schema);
  if (variants?.members.length !== 1) return schema;
  const member = variants.members[0]![1];
  if (!isObject(member) || member.$ref !== undefined) return schema;
  return { ...member, ...schema };
}

/**
 * The constraints of a list's items or a map's values (`items`, `additionalProperties`), read as
 * `readConstraints` reads the element's own; undefined when the type is neither or they have none.
 * `resolve` follows the `$ref`s of alias components, whose keywords are inlined with them.
 */
export function readItemConstraints(
  source: Json,
  type: TypeRef,
  resolve: (schema: Json) => Json,
  onInvalidPattern: (pattern: string) => void,
): Constraints | undefined {
  if (type.kind !== 'list' && type.kind !== 'map') return undefined;
  const schema = throughNullable(resolve(source));
  const raw = type.kind === 'list' ? schema.items : schema.additionalProperties;
  if (!isObject(raw)) return undefined;
  const items: Constraints = {};
  readConstraints(items, resolve(raw), type.of, onInvalidPattern);
  return Object.keys(items).length > 0 ? items : undefined;
}

/**
 * Writes an element's constraints onto the schema of its type, each as the keyword its type
 * gives it (`minimum` of a string is `minLength`).
 */
export function writeConstraints(schema: Record<string, unknown>, element: Constraints, type: TypeRef): void {
  // Bounds on a type they do not apply to stay `minimum`/`maximum`, as API Builder wrote them.
  const [low, high] = BOUND_KEYWORDS[boundMeaning(type) ?? 'value'];
  if (element.minimum !== undefined) schema[low] = element.minimum;
  if (element.maximum !== undefined) schema[high] = element.maximum;
  if (element.exclusiveMinimum !== undefined) schema.exclusiveMinimum = element.exclusiveMinimum;
  if (element.exclusiveMaximum !== undefined) schema.exclusiveMaximum = element.exclusiveMaximum;
  if (element.multipleOf !== undefined) schema.multipleOf = element.multipleOf;
  if (element.pattern !== undefined) schema.pattern = element.pattern;
  if (element.format !== undefined) schema.format = element.format;
  if (element.uniqueItems) schema.uniqueItems = true;
  if (element.const !== undefined) schema.const = element.const;
  if (element.items !== undefined && (type.kind === 'list' || type.kind === 'map')) {
    const inner = schema[type.kind === 'list' ? 'items' : 'additionalProperties'];
    if (isObject(inner as Json)) writeConstraints(inner as Record<string, unknown>, element.items, type.of);
  }
}

/** The schema, allowing `null` too: a type list gains `null`, anything else is wrapped in `anyOf`. */
export function nullableSchema<T extends Record<string, unknown>>(schema: T): T | { anyOf: unknown[] } {
  if (typeof schema.type === 'string') return { ...schema, type: [schema.type, 'null'] };
  return { anyOf: [schema, { type: 'null' }] };
}
