import type { OpenAPIV3_1 } from 'openapi-types';
import type {
  Attribute,
  Deprecation,
  Enum,
  Field,
  Interface,
  JsonObject,
  Lossy,
  Model,
  NamedTypeRef,
  PrimitiveName,
  Service,
  TypeRef,
  Union,
} from '../ir.js';
import { formatTypeRef, qualifiedName } from '../type-ref.js';
import { nullableSchema, writeConstraints } from './constraints.js';
import { EXT } from './extensions.js';
import { dict, wireText } from './json.js';

export type SchemaObject = OpenAPIV3_1.SchemaObject & Record<string, unknown>;

/** How each IR primitive is written; `json` is the empty schema (any value). */
const PRIMITIVE_SCHEMAS: Readonly<Record<PrimitiveName, SchemaObject>> = {
  boolean: { type: 'boolean' },
  decimal: { type: 'number', format: 'decimal' },
  integer: { type: 'integer', format: 'int32' },
  double: { type: 'number', format: 'double' },
  long: { type: 'integer', format: 'int64' },
  object: { type: 'object' },
  json: {},
  string: { type: 'string' },
  'date-iso8601': { type: 'string', format: 'date' },
  'date-time-iso8601': { type: 'string', format: 'date-time' },
  uuid: { type: 'string', format: 'uuid' },
  unit: {},
};

/**
 * Writes IR types as OpenAPI 3.1 schemas. Named types of `localNamespace` are `$ref`s to their
 * own name; others (imports) to their qualified name, and are collected in `needed` so the
 * document can carry their definitions.
 */
export class SchemaWriter {
  readonly needed = new Map<string, NamedTypeRef>();

  constructor(private readonly localNamespace: string | undefined) {}

  type(type: TypeRef): SchemaObject {
    switch (type.kind) {
      case 'primitive':
        return { ...PRIMITIVE_SCHEMAS[type.name] };
      case 'list':
        return { type: 'array', items: this.type(type.of) };
      case 'map':
        return { type: 'object', additionalProperties: this.type(type.of) };
      case 'unknown':
        return { [EXT]: { type: type.name } };
      default:
        return { $ref: `#/components/schemas/${this.key(type)}` } as SchemaObject;
    }
  }

  /** The component key of a named type. */
  key(type: NamedTypeRef): string {
    if (type.namespace === this.localNamespace) return type.name;
    const qualified = qualifiedName(type);
    this.needed.set(qualified, type);
    return qualified;
  }

  typeText(type: TypeRef): string {
    return formatTypeRef(type, this.localNamespace);
  }

  field(field: Omit<Field, 'annotations'> & { annotations?: string[] }): SchemaObject {
    const typeSchema = this.type(field.type);
    const schema = (field.nullable ? nullableSchema(typeSchema) : typeSchema) as SchemaObject;
    const ext: JsonObject = {};
    if (field.default !== undefined) {
      const typed = typedDefault(field.type, field.default);
      schema.default = typed;
      if (wireText(typed) !== field.default) ext.default = field.default;
    }
    writeConstraints(schema, field, field.type);
    if (field.example !== undefined) schema.examples = [field.example];
    if (field.annotations && field.annotations.length > 0) ext.annotations = field.annotations;
    describeInto(schema, field, ext);
    attributesInto(ext, field.attributes);
    return withExt(schema, ext);
  }

  model(model: Model | Interface, kind: 'model' | 'interface'): SchemaObject {
    const properties: Record<string, SchemaObject> = dict();
    const required: string[] = [];
    for (const field of model.fields) {
      properties[field.name] = this.field(field);
      if (field.required) required.push(field.name);
    }
    const schema: SchemaObject = { type: 'object', properties };
    if (required.length > 0) schema.required = required;
    const ext: JsonObject = { kind, plural: model.plural };
    if ('interfaces' in model && model.interfaces.length > 0) ext.interfaces = model.interfaces;
    describeInto(schema, model, ext);
    attributesInto(ext, model.attributes);
    return withExt(schema, ext);
  }

  enum(element: Enum): SchemaObject {
    const wire = element.values.map((v) => v.value);
    // An open set is Zalando's `x-extensible-enum`: a closed `enum` would refuse the others.
    const schema: SchemaObject = element.extensible
      ? { type: 'string', 'x-extensible-enum': wire }
      : { type: 'string', enum: wire };
    const ext: JsonObject = { plural: element.plural };
    const values = element.values.map((v) => {
      const extra: JsonObject = {};
      if (v.name !== v.value) extra.name = v.name;
      if (v.description !== undefined) extra.description = v.description;
      if (v.deprecation) extra.deprecation = deprecationJson(v.deprecation);
      attributesInto(extra, v.attributes);
      return extra;
    });
    if (values.some((v) => Object.keys(v).length > 0)) ext.values = values;
    describeInto(schema, element, ext);
    attributesInto(ext, element.attributes);
    return withExt(schema, ext);
  }

  /**
   * A union as `oneOf`. API Builder's wire forms are spelled out for other tools: with a
   * discriminator, models get the tag injected (`discriminator.mapping`) and other members are
   * `{ <tag>, value }`; without one, each member is wrapped as `{ "<tag>": … }`. Unions imported
   * from OpenAPI as untagged keep their bare members.
   */
  union(union: Union): SchemaObject {
    const untagged = union.untagged === true;
    const disc = union.discriminator;
    const mapping: Record<string, string> = dict();
    const oneOf = union.types.map((member): SchemaObject => {
      const inner = this.type(member.type);
      if (untagged) return inner;
      if (disc !== undefined) {
        if (member.type.kind === 'model') {
          mapping[member.discriminatorValue] = String(inner.$ref);
          return inner;
        }
        return {
          type: 'object',
          properties: { [disc]: { const: member.discriminatorValue }, value: inner },
          required: [disc, 'value'],
        };
      }
      const wrapped =
        member.type.kind === 'model' || member.type.kind === 'union'
          ? inner
          : { type: 'object', properties: { value: inner }, required: ['value'] };
      return {
        type: 'object',
        properties: { [member.discriminatorValue]: wrapped as SchemaObject },
        required: [member.discriminatorValue],
        additionalProperties: false,
      };
    });
    const keyword = !untagged || oneOfKept(union) ? 'oneOf' : 'anyOf';
    const schema: SchemaObject = { [keyword]: oneOf };
    if (disc !== undefined)
      schema.discriminator = { propertyName: disc, ...(Object.keys(mapping).length > 0 ? { mapping } : {}) };
    const members = union.types.map((m) => {
      const extra: JsonObject = { type: this.typeText(m.type), discriminatorValue: m.discriminatorValue };
      if (m.default) extra.default = true;
      if (m.description !== undefined) extra.description = m.description;
      if (m.deprecation) extra.deprecation = deprecationJson(m.deprecation);
      attributesInto(extra, m.attributes);
      return extra;
    });
    const ext: JsonObject = { kind: 'union', plural: union.plural, members };
    if (disc !== undefined) ext.discriminator = disc;
    if (untagged) ext.untagged = true;
    if (union.interfaces.length > 0) ext.interfaces = union.interfaces;
    describeInto(schema, union, ext);
    attributesInto(ext, union.attributes);
    return withExt(schema, ext);
  }

  /** All named types of a service, keyed as this writer refers to them. */
  serviceSchemas(service: Service, out: Record<string, SchemaObject>, imported: boolean): void {
    const ns = service.namespace;
    // API Builder lets a union and an interface share a name; the second one gets `<name>.<kind>`.
    const put = (kind: NamedTypeRef['kind'], name: string, schema: SchemaObject) => {
      let key = this.key({ kind, name, namespace: ns });
      if (out[key] !== undefined) {
        key = `${key}.${kind}`;
        withExt(schema, { ...(schema[EXT] as JsonObject | undefined), name });
      }
      out[key] = imported ? withExt(schema, { ...(schema[EXT] as JsonObject), kind: 'imported' }) : schema;
    };
    for (const e of service.enums) put('enum', e.name, this.enum(e));
    for (const m of service.models) put('model', m.name, this.model(m, 'model'));
    for (const u of service.unions) put('union', u.name, this.union(u));
    for (const i of service.interfaces) put('interface', i.name, this.model(i, 'interface'));
  }
}

/** Whether an untagged union was imported from `oneOf` (exactly one member matches). */
function oneOfKept(union: Union): boolean {
  return union.attributes.some((a) => a.name === 'openapi' && a.value.keyword === 'oneOf');
}

/** A default in its JSON type where the IR type says so (`"100"` → 100 for a long). */
export function typedDefault(type: TypeRef, text: string): unknown {
  if (type.kind === 'primitive') {
    switch (type.name) {
      case 'boolean':
        return text === 'true' ? true : text === 'false' ? false : text;
      case 'integer':
      case 'long':
      case 'double':
      case 'decimal': {
        const n = Number(text);
        return text.trim() !== '' && Number.isFinite(n) ? n : text;
      }
      case 'json':
      case 'object':
        return parseOr(text);
      default:
        return text;
    }
  }
  if (type.kind === 'list' || type.kind === 'map') return parseOr(text);
  return text;
}

function parseOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export function deprecationJson(d: Deprecation): JsonObject {
  return d.description === undefined ? {} : { description: d.description };
}

/** `description` and `deprecated` on the schema; a deprecation's text in `x-canon`. */
export function describeInto(
  target: Record<string, unknown>,
  source: { description?: string; deprecation?: Deprecation; lossy?: Lossy[] },
  ext: JsonObject,
): void {
  if (source.lossy) ext.lossy = source.lossy.map((l) => ({ code: l.code, message: l.message }));
  if (source.description !== undefined) target.description = source.description;
  if (source.deprecation) {
    target.deprecated = true;
    if (source.deprecation.description !== undefined) ext.deprecation = deprecationJson(source.deprecation);
  }
}

export function attributesInto(ext: JsonObject, attributes: Attribute[]): void {
  if (attributes.length > 0) ext.attributes = JSON.parse(JSON.stringify(attributes));
}

export function withExt<T extends Record<string, unknown>>(target: T, ext: JsonObject): T {
  if (Object.keys(ext).length > 0) (target as Record<string, unknown>)[EXT] = ext;
  return target;
}
