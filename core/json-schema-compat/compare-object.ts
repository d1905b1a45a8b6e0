import { compareOpenness } from './compare-openness.js';
import { compareLocated, sub } from './compare-schema.js';
import {
  acceptsEverything,
  acceptsNothing,
  asObject,
  type CompareContext,
  child,
  type SchemaObject,
} from './context.js';
import type { Located } from './schema-refs.js';

/**
 * How an object schema treats properties it does not name: `open` admits any (no
 * `additionalProperties`, or `true`), `closed` none (`false`), `partial` some (a schema, or
 * `patternProperties`). Adding or removing a property is judged by the model it lands in.
 */
export type ContentModel = 'open' | 'closed' | 'partial';

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** The schema for properties no `properties` entry names (unevaluatedProperties when it is alone). */
function extraProperties(schema: SchemaObject): unknown {
  if ('additionalProperties' in schema) return schema.additionalProperties;
  if ('unevaluatedProperties' in schema) return schema.unevaluatedProperties;
  return true;
}

export function contentModel(schema: SchemaObject): ContentModel {
  const extra = extraProperties(schema);
  if (Object.keys(record(schema.patternProperties)).length > 0) return 'partial';
  if (acceptsEverything(extra)) return 'open';
  if (acceptsNothing(extra)) return 'closed';
  return 'partial';
}

/** The schema an unnamed property called `name` must match: a matching pattern's, else the extra one. */
function coveringSchema(schema: SchemaObject, name: string): unknown {
  for (const [pattern, patternSchema] of Object.entries(record(schema.patternProperties))) {
    try {
      if (new RegExp(pattern, 'u').test(name)) return patternSchema;
    } catch {
      // A pattern JavaScript cannot read covers nothing here; the schema check reports it.
    }
  }
  return extraProperties(schema);
}

const hasDefault = (located: Located, ctx: CompareContext, path: string) =>
  'default' in asObject(ctx.resolveUpdate(located, path).schema);

const compatibleSubschemas = (ctx: CompareContext, original: Located, update: Located, path: string) => {
  const fork = ctx.fork();
  compareLocated(fork, original, update, path);
  return fork.compatible();
};

export function compareObject(ctx: CompareContext, o: Located, u: Located, path: string): void {
  const a = asObject(o.schema);
  const b = asObject(u.schema);
  compareOpenness(
    ctx,
    sub(o, a.additionalProperties),
    sub(u, b.additionalProperties),
    'ADDITIONAL_PROPERTIES',
    child(path, 'additionalProperties'),
    'additionalProperties' in a,
    'additionalProperties' in b,
  );
  compareOpenness(
    ctx,
    sub(o, a.unevaluatedProperties),
    sub(u, b.unevaluatedProperties),
    'UNEVALUATED_PROPERTIES',
    child(path, 'unevaluatedProperties'),
    'unevaluatedProperties' in a,
    'unevaluatedProperties' in b,
  );

  const before = record(a.properties);
  const after = record(b.properties);
  const requiredBefore = new Set(Array.isArray(a.required) ? (a.required as string[]) : []);
  const requiredAfter = new Set(Array.isArray(b.required) ? (b.required as string[]) : []);
  const modelBefore = contentModel(a);
  const modelAfter = contentModel(b);

  for (const [name, schema] of Object.entries(after)) {
    const at = child(path, 'properties', name);
    if (Object.hasOwn(before, name)) {
      compareLocated(ctx, sub(o, before[name]), sub(u, schema), at);
      continue;
    }
    const added = sub(u, schema);
    const required = requiredAfter.has(name);
    const withDefault = required && hasDefault(added, ctx, at);
    if (modelBefore === 'open') {
      if (acceptsEverything(ctx.resolveUpdate(added, at).schema))
        ctx.add('PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL', at);
      else if (withDefault) ctx.add('REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL', at);
      else if (required) ctx.add('REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', at);
      else ctx.add('OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL', at);
      continue;
    }
    if (modelBefore === 'partial') {
      // Old data may carry the name already, under the pattern or extra schema that covered it.
      const covered = compatibleSubschemas(ctx, sub(o, coveringSchema(a, name)), added, at);
      ctx.add(
        covered
          ? 'PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'
          : 'PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
        at,
      );
    }
    if (withDefault) ctx.add('REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL', at);
    else if (required) ctx.add('REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL', at);
    else if (modelBefore === 'closed') ctx.add('OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL', at);
  }

  for (const [name, schema] of Object.entries(before)) {
    if (Object.hasOwn(after, name)) continue;
    const at = child(path, 'properties', name);
    const removed = sub(o, schema);
    if (modelAfter === 'open') ctx.add('PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL', at);
    else if (modelAfter === 'closed') {
      const wasFalse = acceptsNothing(ctx.resolveOriginal(removed, at).schema);
      ctx.add(
        wasFalse
          ? 'PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL'
          : 'PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL',
        at,
      );
    } else {
      const covered = compatibleSubschemas(ctx, removed, sub(u, coveringSchema(b, name)), at);
      ctx.add(
        covered
          ? 'PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'
          : 'PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
        at,
      );
    }
  }

  // Requiredness of properties both versions know (a new property's is judged with it above).
  const required = Array.isArray(b.required) ? (b.required as unknown[]) : [];
  required.forEach((name, index) => {
    if (typeof name !== 'string' || requiredBefore.has(name)) return;
    if (Object.hasOwn(after, name) && !Object.hasOwn(before, name)) return;
    const at = child(path, 'required', index);
    const schema = Object.hasOwn(after, name) ? sub(u, after[name]) : undefined;
    ctx.add(
      schema && hasDefault(schema, ctx, at)
        ? 'REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED'
        : 'REQUIRED_ATTRIBUTE_ADDED',
      at,
      undefined,
      name,
    );
  });
  for (const name of requiredBefore) {
    if (requiredAfter.has(name) || (Object.hasOwn(before, name) && !Object.hasOwn(after, name))) continue;
    ctx.add('REQUIRED_ATTRIBUTE_REMOVED', child(path, 'required'), name, undefined);
  }

  for (const [pattern, schema] of Object.entries(record(b.patternProperties))) {
    const old = record(a.patternProperties);
    if (Object.hasOwn(old, pattern))
      compareLocated(ctx, sub(o, old[pattern]), sub(u, schema), child(path, 'patternProperties', pattern));
  }
  compareDependencies(ctx, o, u, path);
}

/** `dependencies` (draft-07) and `dependentRequired` / `dependentSchemas` (2019-09 on). */
function compareDependencies(ctx: CompareContext, o: Located, u: Located, path: string): void {
  const a = asObject(o.schema);
  const b = asObject(u.schema);
  const split = (schema: SchemaObject) => {
    const arrays = new Map<string, [string[], string]>();
    const schemas = new Map<string, [unknown, string]>();
    for (const [name, value] of Object.entries(record(schema.dependencies))) {
      if (Array.isArray(value)) arrays.set(name, [value as string[], 'dependencies']);
      else schemas.set(name, [value, 'dependencies']);
    }
    for (const [name, value] of Object.entries(record(schema.dependentRequired))) {
      if (Array.isArray(value)) arrays.set(name, [value as string[], 'dependentRequired']);
    }
    for (const [name, value] of Object.entries(record(schema.dependentSchemas)))
      schemas.set(name, [value, 'dependentSchemas']);
    return { arrays, schemas };
  };
  const before = split(a);
  const after = split(b);
  for (const [name, [names, keyword]] of after.arrays) {
    const at = child(path, keyword, name);
    const old = before.arrays.get(name)?.[0];
    if (old === undefined) {
      ctx.add('DEPENDENCY_ARRAY_ADDED', at, undefined, names);
      continue;
    }
    const gained = names.some((n) => !old.includes(n));
    const lost = old.some((n) => !names.includes(n));
    if (gained && lost) ctx.add('DEPENDENCY_ARRAY_CHANGED', at, old, names);
    else if (gained) ctx.add('DEPENDENCY_ARRAY_EXTENDED', at, old, names);
    else if (lost) ctx.add('DEPENDENCY_ARRAY_NARROWED', at, old, names);
  }
  for (const [name, [names, keyword]] of before.arrays) {
    if (!after.arrays.has(name))
      ctx.add('DEPENDENCY_ARRAY_REMOVED', child(path, keyword, name), names, undefined);
  }
  for (const [name, [schema, keyword]] of after.schemas) {
    const at = child(path, keyword, name);
    const old = before.schemas.get(name);
    if (old === undefined) ctx.add('DEPENDENCY_SCHEMA_ADDED', at);
    else compareLocated(ctx, sub(o, old[0]), sub(u, schema), at);
  }
  for (const [name, [, keyword]] of before.schemas) {
    if (!after.schemas.has(name)) ctx.add('DEPENDENCY_SCHEMA_REMOVED', child(path, keyword, name));
  }
}
