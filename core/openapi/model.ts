import { pointer } from '../diagnostic.js';
import type { Field, Interface, JsonObject, Model, TypeRef } from '../ir.js';
import { pluralize } from '../parse/plural.js';
import { readConstraints, readItemConstraints } from './constraints.js';
import type { ImportContext } from './context.js';
import { describe } from './describe.js';
import { extAttributes, extensionOf, extStrings } from './extensions.js';
import { asArray, asString, entries, hasKeys, isObject, type Json, jsonCopy, wireText } from './json.js';
import { componentName, followRef, refOf } from './refs.js';
import { classify, isNullableThrough, schemaType } from './schema.js';

/**
 * Validation keywords kept in the field's `openapi` attribute when the IR could not place them
 * (a `pattern` on a number, `minLength` on a union), and `readOnly`/`writeOnly`, which the IR has
 * no place for.
 */
const KEPT_KEYWORDS = [
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'multipleOf',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'const',
  'readOnly',
  'writeOnly',
] as const;

/**
 * Builds a model (or interface) from an object schema. `allOf` parts are merged into one field
 * list in order (a later part's property replaces an earlier one of the same name); `required`
 * applies across parts.
 */
export function buildModel(
  ctx: ImportContext,
  kind: 'model' | 'interface',
  name: string,
  schema: Json,
  path: string,
): void {
  const ext = extensionOf(schema);
  const plural = asString(ext?.plural) ?? pluralize(name);
  const fields: Field[] = [];
  const attributes = extAttributes(ext) ?? [];
  if (kind === 'interface') {
    const element: Interface = { name, plural, fields, attributes };
    ctx.interfaces.push(ctx.at(describe(element, schema), path));
  } else {
    const model: Model = {
      name,
      plural,
      fields,
      interfaces: extStrings(ext, 'interfaces') ?? [],
      attributes,
    };
    ctx.models.push(ctx.at(describe(model, schema), path));
  }
  const collected = new Map<string, { schema: unknown; path: string }>();
  const required = new Set<string>();
  collectProperties(ctx, schema, path, collected, required, new Set([path]));
  for (const [prop, source] of collected) {
    fields.push(buildField(ctx, name, prop, source.schema, source.path, required.has(prop)));
  }
}

function collectProperties(
  ctx: ImportContext,
  schema: Json,
  path: string,
  out: Map<string, { schema: unknown; path: string }>,
  required: Set<string>,
  stack: Set<string>,
): void {
  asArray(schema.allOf).forEach((part, i) => {
    const partPath = pointer(path, 'allOf', i);
    const ref = refOf(part);
    if (ref === undefined) {
      if (isObject(part)) collectProperties(ctx, part, partPath, out, required, stack);
      return;
    }
    const target = followRef(ctx.doc, ref);
    if (!target.ok) {
      ctx.error(target.code, pointer(partPath, '$ref'), target.message);
      return;
    }
    if (stack.has(target.pointer)) {
      ctx.warn(
        'ref-cycle',
        partPath,
        `allOf $ref '${ref}' includes a schema that includes this one (a cycle); the repeated part is skipped. Break the cycle.`,
      );
      return;
    }
    if (!isObject(target.value)) return;
    const key = componentName(ref, 'schemas');
    if (key !== undefined && isObject(target.value) && (target.value.oneOf || target.value.anyOf)) {
      ctx.warn(
        'allof-union',
        partPath,
        `allOf includes '${key}', a oneOf/anyOf; its alternatives cannot be merged into one model, so only its own properties are kept.`,
      );
    }
    stack.add(target.pointer);
    collectProperties(ctx, target.value, target.pointer, out, required, stack);
    stack.delete(target.pointer);
  });
  for (const [prop, propSchema] of entries(schema.properties)) {
    out.delete(prop);
    out.set(prop, { schema: propSchema, path: pointer(path, 'properties', prop) });
  }
  for (const r of asArray(schema.required)) if (typeof r === 'string') required.add(r);
  if (isObject(schema.additionalProperties) || schema.additionalProperties === true) {
    if (hasKeys(schema.properties)) {
      ctx.warn(
        'additional-properties',
        pointer(path, 'additionalProperties'),
        'Extra properties beside declared ones have no IR form (a model has fixed fields); they are not typed.',
      );
    }
  }
  if ((schema.oneOf || schema.anyOf) && hasKeys(schema.properties)) {
    ctx.warn(
      'union-in-model',
      path,
      'oneOf/anyOf next to properties cannot be represented on a model; the alternatives are dropped and only the properties kept.',
    );
  }
}

/** One model field from a property schema. Wire names are kept exactly. */
export function buildField(
  ctx: ImportContext,
  parent: string,
  name: string,
  schema: unknown,
  path: string,
  required: boolean,
): Field {
  const type = schemaType(ctx, schema, path, `${parent}_${name}`);
  const source = isObject(schema) ? schema : {};
  const ext = extensionOf(source);
  const field: Field = { name, type, required, annotations: [], attributes: [] };
  if (isNullableThrough(ctx.doc, source)) field.nullable = true;
  const def = ext && typeof ext.default === 'string' ? ext.default : wireText(source.default);
  if (def !== undefined) field.default = def;
  const placed = readConstraints(field, throughAliases(ctx, source), type, (pattern) =>
    ctx.warn(
      'invalid-pattern',
      path,
      `pattern '${pattern}' is not an ECMAScript regular expression (with the u flag); it is kept in the 'openapi' attribute and not checked. Rewrite it in ECMAScript syntax.`,
    ),
  );
  const items = itemConstraintsOf(ctx, source, type, path);
  if (items) field.items = items;
  const example = exampleText(source);
  if (example !== undefined) field.example = example;
  describe(field, source);
  if (ext) {
    field.annotations = extStrings(ext, 'annotations') ?? [];
    field.attributes = extAttributes(ext) ?? [];
  } else {
    const kept = keptKeywords(source, placed);
    if (kept) field.attributes = [{ name: 'openapi', value: kept }];
  }
  return ctx.at(field, path);
}

/**
 * A property schema with the keywords of the alias components it refers to (a `$ref` to
 * GitHub's `webhook-config-url`, `{type: string, format: uri}`): an alias is inlined, so its
 * constraints belong to the field. The property's own keywords win.
 */
export function throughAliases(ctx: ImportContext, schema: Json, hops = 0): Json {
  const ref = refOf(schema);
  if (ref === undefined || hops > 32) return schema;
  const target = followRef(ctx.doc, ref);
  if (!target.ok || !isObject(target.value) || classify(target.value) !== 'alias') return schema;
  const { $ref: _ref, ...own } = schema;
  return { ...throughAliases(ctx, target.value, hops + 1), ...own };
}

/**
 * The constraints of a list's items or a map's values (through alias components), a pattern
 * ECMAScript cannot read warned about at `path`. Fields and parameters read them alike.
 */
export function itemConstraintsOf(
  ctx: ImportContext,
  schema: Json,
  type: TypeRef,
  path: string,
): ReturnType<typeof readItemConstraints> {
  return readItemConstraints(
    schema,
    type,
    (s) => throughAliases(ctx, s),
    (pattern) =>
      ctx.warn(
        'invalid-pattern',
        path,
        `pattern '${pattern}' of the items is not an ECMAScript regular expression (with the u flag); it is not checked. Rewrite it in ECMAScript syntax.`,
      ),
  );
}

export function exampleText(source: Json): string | undefined {
  if (source.example !== undefined) return wireText(source.example);
  if (Array.isArray(source.examples) && source.examples.length > 0) return wireText(source.examples[0]);
  return undefined;
}

function keptKeywords(source: Json, placed: ReadonlySet<string>): JsonObject | undefined {
  let kept: JsonObject | undefined;
  for (const key of KEPT_KEYWORDS) {
    const value = source[key];
    if (value === undefined || placed.has(key)) continue;
    kept ??= {};
    kept[key] = jsonCopy(value);
  }
  return kept;
}
