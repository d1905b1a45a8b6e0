import { type BoundMeaning, boundMeaning } from '../../core/constraints.js';
import type { Constraints, Field, NamedTypeRef, Service, TypeRef } from '../../core/ir.js';
import { qualifiedName } from '../../core/type-ref.js';
import type { LiteralObject, LiteralValue } from './string-literal.js';

/**
 * JSON Schemas (draft 2020-12 subset that Ajv 8 compiles) for the values generated code validates
 * at run time (shared by generators; the routes validate request bodies with them): one `$defs`
 * entry per named type reachable from the roots, keyed by its qualified name. Field
 * `minimum`/`maximum` become length, value or item bounds by type; defaults are filled in by
 * Ajv (`useDefaults`), so handlers see the values the spec promises.
 */
export function bodySchemas(
  service: Service,
  imports: readonly Service[],
  roots: readonly TypeRef[],
): LiteralObject {
  const defs: Record<string, LiteralValue> = {};
  const pending: NamedTypeRef[] = [];
  const visit = (type: TypeRef): void => {
    if (type.kind === 'list' || type.kind === 'map') visit(type.of);
    else if (type.kind !== 'primitive' && type.kind !== 'unknown') pending.push(type);
  };
  roots.forEach(visit);
  const owner = (namespace: string): Service | undefined =>
    namespace === service.namespace ? service : imports.find((s) => s.namespace === namespace);
  while (pending.length > 0) {
    const ref = pending.shift()!;
    const key = qualifiedName(ref);
    if (key in defs) continue;
    defs[key] = {}; // placeholder: recursive types terminate
    const home = owner(ref.namespace);
    defs[key] = home ? namedSchema(ref, home, visit) : {};
  }
  return { $id: 'canon', $defs: sortKeys(defs) };
}

/** The `$defs` key of a named type. */
export function schemaKey(ref: NamedTypeRef): string {
  return qualifiedName(ref);
}

function namedSchema(ref: NamedTypeRef, home: Service, visit: (t: TypeRef) => void): LiteralValue {
  switch (ref.kind) {
    case 'enum': {
      const found = home.enums.find((e) => e.name === ref.name);
      if (!found) return {};
      // An extensible enum's listed values are the known ones; any other string is valid too.
      return found.extensible
        ? { type: 'string' }
        : { type: 'string', enum: found.values.map((v) => v.value) };
    }
    case 'model':
    case 'interface': {
      const found = (ref.kind === 'model' ? home.models : home.interfaces).find((m) => m.name === ref.name);
      return found ? objectSchema(found.fields, visit) : {};
    }
    case 'union': {
      const union = home.unions.find((u) => u.name === ref.name);
      if (!union) return {};
      const disc = union.discriminator;
      if (union.untagged) {
        // Bare members: the value is one of them as it is. `oneOf` only where the spec said so.
        const oneOf = union.attributes.some((a) => a.name === 'openapi' && a.value.keyword === 'oneOf');
        const members = union.types.map((member) => {
          visit(member.type);
          return typeSchema(member.type);
        });
        return { [oneOf ? 'oneOf' : 'anyOf']: members };
      }
      if (disc === undefined) {
        return {
          anyOf: union.types.map((member) => {
            visit(member.type);
            return {
              type: 'object',
              required: [member.discriminatorValue],
              properties: { [member.discriminatorValue]: typeSchema(member.type) },
              additionalProperties: false,
            };
          }),
        };
      }
      const branches: LiteralValue[] = [];
      for (const member of union.types) {
        visit(member.type);
        const memberSchema: LiteralValue =
          member.type.kind === 'model' || member.type.kind === 'interface' || member.type.kind === 'union'
            ? typeSchema(member.type)
            : { required: ['value'], properties: { value: typeSchema(member.type) } };
        branches.push({
          if: { required: [disc], properties: { [disc]: { const: member.discriminatorValue } } },
          // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, plain data
          then: memberSchema,
        });
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's if/then keyword, plain data
        if (member.default) branches.push({ if: { not: { required: [disc] } }, then: memberSchema });
      }
      const hasDefault = union.types.some((m) => m.default);
      return {
        type: 'object',
        ...(hasDefault ? {} : { required: [disc] }),
        properties: { [disc]: { enum: union.types.map((m) => m.discriminatorValue) } },
        allOf: branches,
      };
    }
  }
}

function objectSchema(fields: readonly Field[], visit: (t: TypeRef) => void): LiteralValue {
  const properties: Record<string, LiteralValue> = {};
  for (const field of fields) {
    visit(field.type);
    properties[field.name] = fieldSchema(field);
  }
  const required = fields.filter((f) => f.required && f.default === undefined).map((f) => f.name);
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
}

function fieldSchema(field: Field): LiteralValue {
  const schema: Record<string, LiteralValue> = {
    ...(typeSchema(field.type) as Record<string, LiteralValue>),
    ...constraintKeywords(field, field.type),
  };
  // Each item of a list, each value of a map (Kubernetes' `format: byte` data maps).
  if (field.items && (field.type.kind === 'list' || field.type.kind === 'map')) {
    const key = field.type.kind === 'list' ? 'items' : 'additionalProperties';
    schema[key] = {
      ...(schema[key] as Record<string, LiteralValue>),
      ...constraintKeywords(field.items, field.type.of),
    };
  }
  if (field.default !== undefined) {
    const value = defaultValue(field.type, field.default);
    if (value !== undefined) schema.default = value;
  }
  // Null is a value of its own: the constraints above apply to the other values only.
  return field.nullable ? { anyOf: [schema, { type: 'null' }] } : schema;
}

const BOUND_KEYWORDS: Readonly<Record<BoundMeaning, readonly [string, string]>> = {
  value: ['minimum', 'maximum'],
  length: ['minLength', 'maxLength'],
  count: ['minItems', 'maxItems'],
};

/**
 * The JSON Schema keywords of a field's or parameter's constraints: `minimum`/`maximum` by what
 * they mean for the type (value, length or item count), the others as they are.
 */
export function constraintKeywords(element: Constraints, type: TypeRef): Record<string, LiteralValue> {
  const out: Record<string, LiteralValue> = {};
  const meaning = boundMeaning(type);
  if (meaning !== undefined) {
    const [low, high] = BOUND_KEYWORDS[meaning];
    if (element.minimum !== undefined) out[low] = element.minimum;
    if (element.maximum !== undefined) out[high] = element.maximum;
  }
  if (element.exclusiveMinimum !== undefined) out.exclusiveMinimum = element.exclusiveMinimum;
  if (element.exclusiveMaximum !== undefined) out.exclusiveMaximum = element.exclusiveMaximum;
  if (element.multipleOf !== undefined) out.multipleOf = element.multipleOf;
  if (element.pattern !== undefined) out.pattern = element.pattern;
  if (element.format !== undefined && CHECKED_FORMATS.has(element.format)) out.format = element.format;
  if (element.uniqueItems) out.uniqueItems = true;
  if (element.const !== undefined) out.const = element.const as LiteralValue;
  return out;
}

/**
 * Formats the routes' Ajv (with ajv-formats) checks; others (`unix-time`, `binary`, `decimal`…)
 * are documentation, and an unknown format must not reject valid values.
 */
const CHECKED_FORMATS: ReadonlySet<string> = new Set([
  'date',
  'time',
  'date-time',
  'duration',
  'uri',
  'uri-reference',
  'url',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'regex',
  'uuid',
  'json-pointer',
  'byte',
  'int32',
  'int64',
  'float',
  'double',
  'password',
  'binary',
]);

/** A default's wire text as the JSON value the body would carry. */
function defaultValue(type: TypeRef, text: string): LiteralValue | undefined {
  if (type.kind === 'primitive') {
    if (['integer', 'long', 'double', 'decimal'].includes(type.name)) {
      const n = Number(text);
      return Number.isFinite(n) ? n : undefined;
    }
    if (type.name === 'boolean') return text === 'true';
    if (type.name === 'json' || type.name === 'object') return parseJson(text);
    return text;
  }
  if (type.kind === 'enum') return text;
  if (type.kind === 'list' || type.kind === 'map') return parseJson(text);
  return undefined;
}

function parseJson(text: string): LiteralValue | undefined {
  try {
    return JSON.parse(text) as LiteralValue;
  } catch {
    return undefined;
  }
}

const PRIMITIVE_SCHEMAS: Readonly<Record<string, LiteralObject>> = {
  string: { type: 'string' },
  uuid: { type: 'string', format: 'uuid' },
  'date-iso8601': { type: 'string', format: 'date' },
  'date-time-iso8601': { type: 'string', format: 'date-time' },
  integer: { type: 'integer' },
  long: { type: 'integer' },
  double: { type: 'number' },
  decimal: { type: 'number' },
  boolean: { type: 'boolean' },
  object: { type: 'object' },
  json: {},
  unit: {},
};

/**
 * The schema of a type reference; named types by `$ref` into `$defs` (`#` inside the schema
 * document, `canon#` from a separately compiled body schema).
 */
export function typeSchema(type: TypeRef, base = '#'): LiteralValue {
  switch (type.kind) {
    case 'primitive':
      return PRIMITIVE_SCHEMAS[type.name] ?? {};
    case 'list':
      return { type: 'array', items: typeSchema(type.of, base) };
    case 'map':
      return { type: 'object', additionalProperties: typeSchema(type.of, base) };
    case 'unknown':
      return {};
    default:
      return {
        $ref: `${base}/$defs/${encodeURIComponent(schemaKey(type).replaceAll('~', '~0').replaceAll('/', '~1'))}`,
      };
  }
}

function sortKeys(record: Record<string, LiteralValue>): LiteralObject {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
