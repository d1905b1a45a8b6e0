import { canonicalJson } from './canonical-json.js';
import { compareArray } from './compare-array.js';
import { compareCombined, hasCombiner, soleCombiner } from './compare-combined.js';
import { compareObject } from './compare-object.js';
import {
  acceptsEverything,
  acceptsNothing,
  asObject,
  type CompareContext,
  child,
  type SchemaObject,
} from './context.js';
import type { DifferenceType } from './difference-types.js';
import type { Located } from './schema-refs.js';
import { sameWithoutReferences } from './subtree-hash.js';

/**
 * Compares two schemas at `path`, following `$ref` on both sides. The original is what data was
 * written with, the update what will read it; every difference goes into `ctx`.
 */
export function compareLocated(ctx: CompareContext, original: Located, update: Located, path: string): void {
  // Most subtrees of two versions are equal: skip them without walking.
  if (sameWithoutReferences(original.schema, update.schema)) return;
  const o = ctx.resolveOriginal(original, path);
  const u = ctx.resolveUpdate(update, path);
  ctx.once(o.schema, u.schema, () => compareResolved(ctx, o, u, path));
}

/** A subschema of a located schema, in the same document. */
export const sub = (of: Located, schema: unknown): Located => ({
  ...of,
  schema: schema as Located['schema'],
});

function compareResolved(ctx: CompareContext, o: Located, u: Located, path: string): void {
  const a = asObject(o.schema);
  const b = asObject(u.schema);
  compareAnnotations(ctx, a, b, path);

  if (acceptsNothing(a)) {
    if (!acceptsNothing(b)) ctx.add('TYPE_EXTENDED', path);
    return;
  }
  if (acceptsNothing(b)) {
    ctx.add('TYPE_NARROWED', path);
    return;
  }
  const everythingBefore = acceptsEverything(a);
  const everythingAfter = acceptsEverything(b);
  if (everythingBefore && everythingAfter) return;
  if (everythingBefore) {
    ctx.add('SCHEMA_ADDED', path);
    return;
  }
  if (everythingAfter) {
    ctx.add('SCHEMA_REMOVED', path);
    return;
  }

  // `{"anyOf": [x, y]}` against a plain `x`: the plain schema is compared as a one-element union.
  const wrappedBefore = soleCombiner(a);
  if (wrappedBefore && !hasCombiner(b)) {
    compareCombined(ctx, wrappedBefore, o, [o], u, [u], path);
    return;
  }
  const wrappedAfter = soleCombiner(b);
  if (wrappedAfter && !hasCombiner(a)) {
    compareCombined(ctx, wrappedAfter, o, [o], u, [u], path);
    return;
  }

  if (!compareTypes(ctx, a, b, path)) return;
  compareLimits(ctx, a, b, path);
  compareStringKeywords(ctx, a, b, path);
  compareMultipleOf(ctx, a, b, path);
  compareEnum(ctx, a, b, path);
  compareNot(ctx, o, u, path);
  compareObject(ctx, o, u, path);
  compareArray(ctx, o, u, path);
  compareCombined(ctx, undefined, o, [], u, [], path);
}

function compareAnnotations(ctx: CompareContext, a: SchemaObject, b: SchemaObject, path: string): void {
  const differs = (key: string) => canonicalJson(a[key]) !== canonicalJson(b[key]);
  if (differs('$id') || differs('id')) ctx.add('ID_CHANGED', path, a.$id ?? a.id, b.$id ?? b.id);
  if (differs('title')) ctx.add('TITLE_CHANGED', path, a.title, b.title);
  if (differs('description')) ctx.add('DESCRIPTION_CHANGED', path, a.description, b.description);
  if (differs('default')) ctx.add('DEFAULT_CHANGED', path, a.default, b.default);
}

const ALL_TYPES = ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'];

/** The JSON types a schema admits (`number` admits integers too); every type without `type`. */
function typeSet(schema: SchemaObject): Set<string> {
  const declared = schema.type;
  if (declared === undefined) return new Set(ALL_TYPES);
  const names = (Array.isArray(declared) ? declared : [declared]).filter((t) => typeof t === 'string');
  const types = new Set(names as string[]);
  if (types.has('number')) types.add('integer');
  return types;
}

/** False when the types have nothing in common: the rest cannot be compared. */
function compareTypes(ctx: CompareContext, a: SchemaObject, b: SchemaObject, path: string): boolean {
  // A union without its own `type` says which types it admits through its subschemas.
  if ((a.type === undefined && hasCombiner(a)) || (b.type === undefined && hasCombiner(b))) return true;
  const before = typeSet(a);
  const after = typeSet(b);
  const gained = [...after].some((t) => !before.has(t));
  const lost = [...before].some((t) => !after.has(t));
  if (!gained && !lost) return true;
  if (!lost) ctx.add('TYPE_EXTENDED', path, a.type, b.type);
  else if (!gained) ctx.add('TYPE_NARROWED', path, a.type, b.type);
  else {
    ctx.add('TYPE_CHANGED', path, a.type, b.type);
    return [...after].some((t) => before.has(t));
  }
  return true;
}

/** Numeric bounds: `upper` bounds loosen when they grow, `lower` bounds when they shrink. */
const LIMITS: readonly [keyword: string, bound: 'upper' | 'lower', prefix: string][] = [
  ['maxLength', 'upper', 'MAX_LENGTH'],
  ['minLength', 'lower', 'MIN_LENGTH'],
  ['maximum', 'upper', 'MAXIMUM'],
  ['minimum', 'lower', 'MINIMUM'],
  ['exclusiveMaximum', 'upper', 'EXCLUSIVE_MAXIMUM'],
  ['exclusiveMinimum', 'lower', 'EXCLUSIVE_MINIMUM'],
  ['maxProperties', 'upper', 'MAX_PROPERTIES'],
  ['minProperties', 'lower', 'MIN_PROPERTIES'],
  ['maxItems', 'upper', 'MAX_ITEMS'],
  ['minItems', 'lower', 'MIN_ITEMS'],
  ['maxContains', 'upper', 'MAX_CONTAINS'],
  ['minContains', 'lower', 'MIN_CONTAINS'],
];

function compareLimits(ctx: CompareContext, a: SchemaObject, b: SchemaObject, path: string): void {
  for (const [keyword, , prefix] of LIMITS) {
    const before = typeof a[keyword] === 'number' ? (a[keyword] as number) : undefined;
    const after = typeof b[keyword] === 'number' ? (b[keyword] as number) : undefined;
    if (before === after) continue;
    const at = child(path, keyword);
    const suffix =
      before === undefined
        ? 'ADDED'
        : after === undefined
          ? 'REMOVED'
          : after > before
            ? 'INCREASED'
            : 'DECREASED';
    ctx.add(`${prefix}_${suffix}` as DifferenceType, at, before, after);
  }
}

function compareStringKeywords(ctx: CompareContext, a: SchemaObject, b: SchemaObject, path: string): void {
  if (a.pattern !== b.pattern) {
    const type =
      a.pattern === undefined
        ? 'PATTERN_ADDED'
        : b.pattern === undefined
          ? 'PATTERN_REMOVED'
          : 'PATTERN_CHANGED';
    ctx.add(type, child(path, 'pattern'), a.pattern, b.pattern);
  }
  const unique = (s: SchemaObject) => s.uniqueItems === true;
  if (unique(a) !== unique(b)) {
    ctx.add(unique(b) ? 'UNIQUE_ITEMS_ADDED' : 'UNIQUE_ITEMS_REMOVED', child(path, 'uniqueItems'));
  }
}

function compareMultipleOf(ctx: CompareContext, a: SchemaObject, b: SchemaObject, path: string): void {
  const before = typeof a.multipleOf === 'number' ? a.multipleOf : undefined;
  const after = typeof b.multipleOf === 'number' ? b.multipleOf : undefined;
  if (before === after) return;
  const at = child(path, 'multipleOf');
  if (before === undefined) ctx.add('MULTIPLE_OF_ADDED', at, before, after);
  else if (after === undefined) ctx.add('MULTIPLE_OF_REMOVED', at, before, after);
  // Every multiple of 10 is a multiple of 5: a divisor of the old factor still admits old data.
  else if (isMultiple(before, after)) ctx.add('MULTIPLE_OF_REDUCED', at, before, after);
  else if (isMultiple(after, before)) ctx.add('MULTIPLE_OF_EXPANDED', at, before, after);
  else ctx.add('MULTIPLE_OF_CHANGED', at, before, after);
}

function isMultiple(value: number, factor: number): boolean {
  const ratio = value / factor;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9;
}

/** `enum` and `const` as the set of values they admit (undefined: any value). */
function admitted(schema: SchemaObject): Set<string> | undefined {
  if ('const' in schema) return new Set([canonicalJson(schema.const)]);
  if (Array.isArray(schema.enum)) return new Set(schema.enum.map((v) => canonicalJson(v)));
  return undefined;
}

function compareEnum(ctx: CompareContext, a: SchemaObject, b: SchemaObject, path: string): void {
  const before = admitted(a);
  const after = admitted(b);
  if (before === undefined && after === undefined) return;
  const at = child(path, 'const' in b || (!('enum' in b) && 'const' in a) ? 'const' : 'enum');
  if (before === undefined) {
    ctx.add('ENUM_ARRAY_NARROWED', at, undefined, b.enum ?? b.const);
    return;
  }
  if (after === undefined) {
    ctx.add('ENUM_ARRAY_EXTENDED', at, a.enum ?? a.const, undefined);
    return;
  }
  const gained = [...after].some((v) => !before.has(v));
  const lost = [...before].some((v) => !after.has(v));
  if (!gained && !lost) return;
  const type = !lost ? 'ENUM_ARRAY_EXTENDED' : !gained ? 'ENUM_ARRAY_NARROWED' : 'ENUM_ARRAY_CHANGED';
  ctx.add(type, at, a.enum ?? a.const, b.enum ?? b.const);
}

/** `not`: the schema it excludes growing excludes more data (extended), shrinking less. */
function compareNot(ctx: CompareContext, o: Located, u: Located, path: string): void {
  const a = asObject(o.schema);
  const b = asObject(u.schema);
  if (!('not' in a) && !('not' in b)) return;
  const at = child(path, 'not');
  if (!('not' in a)) {
    ctx.add('NOT_TYPE_EXTENDED', at);
    return;
  }
  if (!('not' in b)) {
    ctx.add('NOT_TYPE_NARROWED', at);
    return;
  }
  const forward = ctx.fork();
  compareLocated(forward, sub(o, a.not), sub(u, b.not), at);
  if (!forward.substantive()) return;
  if (forward.compatible()) {
    ctx.add('NOT_TYPE_EXTENDED', at);
    return;
  }
  const reverse = ctx.reversed();
  compareLocated(reverse, sub(u, b.not), sub(o, a.not), at);
  ctx.add(reverse.compatible() ? 'NOT_TYPE_NARROWED' : 'NOT_TYPE_EXTENDED', at);
}
