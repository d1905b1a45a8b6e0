import { pointer } from '../diagnostic.js';
import type { Attribute, NamedKind, PrimitiveName, TypeRef } from '../ir.js';
import { primitive } from '../type-ref.js';
import type { ImportContext } from './context.js';
import { isExtensibleEnum } from './enum.js';
import { extensionOf } from './extensions.js';
import { asArray, hasKeys, isObject, type Json } from './json.js';
import { componentName, followRef, refOf } from './refs.js';

/** What a schema becomes: a named type of some kind, or an `alias` that is inlined where used. */
export type SchemaKind = NamedKind | 'alias';

/** The builders of named types, injected to keep this file about dispatch (see `import.ts`). */
export interface NamedBuilders {
  model(ctx: ImportContext, kind: 'model' | 'interface', name: string, schema: Json, path: string): void;
  enum(ctx: ImportContext, name: string, schema: Json, path: string): void;
  union(ctx: ImportContext, name: string, schema: Json, path: string): void;
}

let builders: NamedBuilders | undefined;
export function useBuilders(b: NamedBuilders): void {
  builders = b;
}

/** `type` as a list (3.1 type arrays, 3.0 single types), without `null`. */
export function schemaTypes(schema: Json): string[] {
  const t = schema.type;
  const list = Array.isArray(t) ? t : typeof t === 'string' ? [t] : [];
  return list.filter((x): x is string => typeof x === 'string' && x !== 'null');
}

/** The `oneOf`/`anyOf` members that are not just `null`. */
export function unionVariants(
  schema: Json,
): { keyword: 'oneOf' | 'anyOf'; members: [number, unknown][] } | undefined {
  const keyword = Array.isArray(schema.oneOf) ? 'oneOf' : Array.isArray(schema.anyOf) ? 'anyOf' : undefined;
  if (!keyword) return undefined;
  const members = asArray(schema[keyword])
    .map((m, i): [number, unknown] => [i, m])
    .filter(([, m]) => !isNullSchema(m));
  return { keyword, members };
}

function isNullSchema(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (value.type === 'null') return true;
  if (Array.isArray(value.enum) && value.enum.length === 1 && value.enum[0] === null) return true;
  return false;
}

/** Whether the value may be `null` on the wire (3.0 `nullable`, 3.1 `null` in `type`, a null member). */
export function isNullable(schema: unknown): boolean {
  if (!isObject(schema)) return false;
  if (schema.nullable === true || schema['x-nullable'] === true) return true;
  if (Array.isArray(schema.type) && schema.type.includes('null')) return true;
  if (Array.isArray(schema.enum) && schema.enum.includes(null)) return true;
  const variants = schema.oneOf ?? schema.anyOf;
  return Array.isArray(variants) && variants.some(isNullSchema);
}

/**
 * Whether a property's value may be `null`, looking through `$ref`s (and a one-part `allOf`): a
 * component declared `nullable: true` (GitHub's `nullable-simple-user`) makes every property
 * that refers to it nullable, since the IR holds nullability on the field, not on the type.
 */
export function isNullableThrough(doc: Json, schema: unknown): boolean {
  let current = schema;
  for (let hops = 0; hops < 32; hops++) {
    if (isNullable(current)) return true;
    if (!isObject(current)) return false;
    const single = Array.isArray(current.allOf) && current.allOf.length === 1 ? current.allOf[0] : undefined;
    const ref = refOf(current) ?? refOf(single);
    if (ref === undefined) return false;
    const target = followRef(doc, ref);
    if (!target.ok) return false;
    current = target.value;
  }
  return false;
}

/** Decides what a schema becomes, from its shape alone (so `$ref`s can name it before it is built). */
export function classify(schema: unknown): SchemaKind {
  if (!isObject(schema) || refOf(schema) !== undefined) return 'alias';
  const ext = extensionOf(schema);
  if (ext?.kind === 'interface') return 'interface';
  if (ext?.kind === 'union') return 'union';
  if (Array.isArray(schema.enum)) {
    const values = schema.enum.filter((v) => v !== null);
    return values.length > 0 && values.every((v) => typeof v === 'string') ? 'enum' : 'alias';
  }
  if (typeof schema.const === 'string') return 'enum';
  if (isExtensibleEnum(schema)) return 'enum';
  // Properties next to oneOf/anyOf (often alternatives that only differ in `required`) make a
  // model: its fields are certain, the alternatives are reported as dropped.
  if (hasKeys(schema.properties) && ext?.kind !== 'union') return 'model';
  const variants = unionVariants(schema);
  if (variants && variants.members.length > 1) return 'union';
  if (schemaTypes(schema).length > 1) return 'union';
  if (Array.isArray(schema.allOf))
    return schema.allOf.length === 1 && !hasKeys(schema.properties) ? 'alias' : 'model';
  if (hasKeys(schema.properties)) return 'model';
  if (ext?.kind === 'model') return 'model';
  return 'alias';
}

/**
 * The IR type of a schema found at `path`. Named types come from component schemas or, for
 * inline objects, enums and unions, from `hint` (`<parent>_<property>`, `<operation>_body`).
 */
export function schemaType(ctx: ImportContext, schema: unknown, path: string, hint: string): TypeRef {
  if (ctx.depth >= MAX_SCHEMA_DEPTH) {
    ctx.warn(
      'too-deep',
      path,
      `Schemas nest more than ${MAX_SCHEMA_DEPTH} levels here; the rest is imported as \`json\`. Give inner schemas names under components/schemas.`,
    );
    return primitive('json');
  }
  ctx.depth++;
  try {
    return readSchema(ctx, schema, path, hint);
  } finally {
    ctx.depth--;
  }
}

/** Inline schemas nested deeper than this are cut off (real documents nest a dozen levels). */
const MAX_SCHEMA_DEPTH = 200;

function readSchema(ctx: ImportContext, schema: unknown, path: string, hint: string): TypeRef {
  if (schema === true || (isObject(schema) && !hasKeys(schema))) return primitive('json');
  if (!isObject(schema)) {
    ctx.warn('invalid-schema', path, 'Expected a schema object here; the value is imported as `json`.');
    return primitive('json');
  }
  const ref = refOf(schema);
  if (ref !== undefined) return refType(ctx, ref, path);
  const cached = ctx.inline.get(path);
  if (cached) return cached;
  const kind = classify(schema);
  if (kind !== 'alias') {
    const name = ctx.names.claim(hint);
    const type = ctx.named(kind, name);
    ctx.inline.set(path, type);
    const declared = ctx.declarations(kind);
    const index = declared.length;
    buildNamed(ctx, kind, name, schema, path);
    const element = declared[index];
    if (element) markInline(element, ctx.translate(path));
    return type;
  }
  return aliasType(ctx, schema, path, hint);
}

/** Builds the named type `name` of `kind` from `schema`. */
export function buildNamed(
  ctx: ImportContext,
  kind: NamedKind,
  name: string,
  schema: Json,
  path: string,
): void {
  if (!builders) throw new Error('schema builders not registered');
  if (kind === 'enum') builders.enum(ctx, name, schema, path);
  else if (kind === 'union') builders.union(ctx, name, schema, path);
  else builders.model(ctx, kind, name, schema, path);
}

function refType(ctx: ImportContext, ref: string, path: string): TypeRef {
  const key = componentName(ref, 'schemas');
  if (key !== undefined && (ctx.components.has(key) || ctx.aliases.has(key))) return componentType(ctx, key);
  const target = followRef(ctx.doc, ref);
  if (!target.ok) {
    ctx.error(target.code, pointer(path, '$ref'), target.message);
    return primitive('json');
  }
  const cached = ctx.inline.get(target.pointer);
  if (cached) return cached;
  if (ctx.building.has(target.pointer)) {
    ctx.warn(
      'ref-cycle',
      path,
      `$ref '${ref}' refers back to a schema that is still being read, with no named type in between. It is imported as \`json\`; give the schema a name under components/schemas.`,
    );
    return primitive('json');
  }
  ctx.building.add(target.pointer);
  const last = target.pointer.split('/').pop() ?? 'schema';
  const type = schemaType(ctx, target.value, target.pointer, last);
  ctx.building.delete(target.pointer);
  ctx.inline.set(target.pointer, type);
  return type;
}

/** The type of a component schema by key; aliases are resolved on first use. */
export function componentType(ctx: ImportContext, key: string): TypeRef {
  const known = ctx.components.get(key);
  if (known) return known;
  const alias = ctx.aliases.get(key);
  if (!alias) return primitive('json');
  const path = pointer('/components/schemas', key);
  if (ctx.building.has(path)) {
    ctx.warn(
      'ref-cycle',
      path,
      `Schema '${key}' is defined in terms of itself with no object in between (a $ref cycle). It is imported as \`json\`; break the cycle.`,
    );
    return primitive('json');
  }
  ctx.building.add(path);
  const type = schemaType(ctx, alias, path, key);
  ctx.building.delete(path);
  ctx.components.set(key, type);
  return type;
}

function aliasType(ctx: ImportContext, schema: Json, path: string, hint: string): TypeRef {
  const variants = unionVariants(schema);
  if (variants?.members.length === 1) {
    const [index, member] = variants.members[0]!;
    return schemaType(ctx, member, pointer(path, variants.keyword, index), hint);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length === 1) {
    return schemaType(ctx, schema.allOf[0], pointer(path, 'allOf', 0), hint);
  }
  if (Array.isArray(schema.enum) && !isFieldConst(schema, path)) {
    ctx.warn(
      'non-string-enum',
      path,
      'Only string enums map to IR enums; this enum of other values is imported as its base type and the allowed values are not enforced.',
    );
  }
  const [type] = schemaTypes(schema);
  switch (type ?? inferType(schema)) {
    case 'string':
      return primitive(stringFormat(schema.format));
    case 'integer':
      return primitive(schema.format === 'int32' ? 'integer' : 'long');
    case 'number':
      return primitive(schema.format === 'decimal' ? 'decimal' : 'double');
    case 'boolean':
      return primitive('boolean');
    case 'array':
      if (schema.items === undefined) return { kind: 'list', of: primitive('json') };
      if (Array.isArray(schema.items)) {
        ctx.warn(
          'tuple-items',
          path,
          'Tuple `items` (an array of schemas) has no IR form; imported as a list of `json`.',
        );
        return { kind: 'list', of: primitive('json') };
      }
      return { kind: 'list', of: schemaType(ctx, schema.items, pointer(path, 'items'), `${hint}_item`) };
    case 'object':
      return objectAlias(ctx, schema, path, hint);
    case 'null':
      ctx.warn('null-type', path, 'A schema that only allows null has no IR form; imported as `json`.');
      return primitive('json');
    default:
      return primitive('json');
  }
}

/**
 * A one-value enum of a property or parameter (Stripe's `deleted: {type: boolean, enum: [true]}`)
 * is its `const`, which the field or parameter reading it keeps (`readConstraints`).
 */
function isFieldConst(schema: Json, path: string): boolean {
  const values = asArray(schema.enum).filter((v) => v !== null);
  return values.length === 1 && /\/(properties\/[^/]+|schema)$/.test(path);
}

function objectAlias(ctx: ImportContext, schema: Json, path: string, hint: string): TypeRef {
  const extra = schema.additionalProperties;
  if (isObject(extra)) {
    return {
      kind: 'map',
      of: schemaType(ctx, extra, pointer(path, 'additionalProperties'), `${hint}_value`),
    };
  }
  return primitive('object');
}

function inferType(schema: Json): string | undefined {
  if (isObject(schema.properties) || schema.additionalProperties !== undefined) return 'object';
  if (schema.items !== undefined) return 'array';
  return undefined;
}

const STRING_FORMATS: Readonly<Record<string, PrimitiveName>> = {
  date: 'date-iso8601',
  'date-time': 'date-time-iso8601',
  uuid: 'uuid',
};

function stringFormat(format: unknown): PrimitiveName {
  return (
    (typeof format === 'string' && Object.hasOwn(STRING_FORMATS, format) && STRING_FORMATS[format]) ||
    'string'
  );
}

/**
 * Marks a named type built from an inline schema (`openapi.inline`, the schema's pointer): its
 * name is Canon's, made from an operationId or a property, so the diff pairs such types by
 * structure or by where they sit in the document, not by name.
 */
function markInline(element: { attributes: Attribute[] }, at: string): void {
  const existing = element.attributes.find((a) => a.name === 'openapi');
  if (existing) existing.value = { ...existing.value, inline: at };
  else element.attributes.push({ name: 'openapi', value: { inline: at } });
}
