import { compareLocated, sub } from './compare-schema.js';
import {
  ANNOTATIONS,
  asObject,
  type CompareContext,
  child,
  type Difference,
  type SchemaObject,
} from './context.js';
import type { Located } from './schema-refs.js';

export type Combiner = 'allOf' | 'anyOf' | 'oneOf';
const COMBINERS: readonly Combiner[] = ['allOf', 'anyOf', 'oneOf'];

export const hasCombiner = (schema: SchemaObject) => COMBINERS.some((k) => Array.isArray(schema[k]));

/** The combiner of a schema that is nothing but one combiner (and annotations). */
export function soleCombiner(schema: SchemaObject): Combiner | undefined {
  const keys = Object.keys(schema).filter((k) => !ANNOTATIONS.has(k));
  return keys.length === 1 && COMBINERS.includes(keys[0] as Combiner) && Array.isArray(schema[keys[0]!])
    ? (keys[0] as Combiner)
    : undefined;
}

/**
 * allOf (a product: every subschema holds), anyOf and oneOf (sums: some subschema holds).
 * A sum with more alternatives reads more; a product with more conditions reads less. Each
 * subschema is matched with one on the other side that reads it; when none does, the subschemas
 * changed.
 *
 * With `wrapped`, one side is a plain schema compared as a one-element `wrapped` combination.
 */
export function compareCombined(
  ctx: CompareContext,
  wrapped: Combiner | undefined,
  o: Located,
  plainBefore: Located[],
  u: Located,
  plainAfter: Located[],
  path: string,
): void {
  const a = asObject(o.schema);
  const b = asObject(u.schema);
  if (wrapped) {
    const before = Array.isArray(a[wrapped]) ? subschemas(o, a, wrapped, path) : plain(plainBefore, path);
    const after = Array.isArray(b[wrapped]) ? subschemas(u, b, wrapped, path) : plain(plainAfter, path);
    compareSubschemas(ctx, wrapped, before, after, path);
    return;
  }
  const kindsBefore = COMBINERS.filter((k) => Array.isArray(a[k]));
  const kindsAfter = COMBINERS.filter((k) => Array.isArray(b[k]));
  if (kindsBefore.length === 1 && kindsAfter.length === 1 && kindsBefore[0] !== kindsAfter[0]) {
    const from = kindsBefore[0]!;
    const to = kindsAfter[0]!;
    // Whatever matches all (or exactly one) of some schemas matches at least one of them.
    if (to !== 'anyOf') {
      ctx.add('COMBINED_TYPE_CHANGED', path, from, to);
      return;
    }
    ctx.add('COMBINED_TYPE_EXTENDED', path, from, to);
    compareSubschemas(ctx, 'anyOf', subschemas(o, a, from, path), subschemas(u, b, to, path), path);
    return;
  }
  for (const kind of COMBINERS) {
    const before = Array.isArray(a[kind]);
    const after = Array.isArray(b[kind]);
    if (before && after)
      compareSubschemas(ctx, kind, subschemas(o, a, kind, path), subschemas(u, b, kind, path), path);
    else if (after)
      ctx.add(kind === 'allOf' ? 'PRODUCT_TYPE_EXTENDED' : 'SUM_TYPE_NARROWED', child(path, kind));
    else if (before)
      ctx.add(kind === 'allOf' ? 'PRODUCT_TYPE_NARROWED' : 'SUM_TYPE_EXTENDED', child(path, kind));
  }
}

interface Subschema {
  located: Located;
  path: string;
}

const subschemas = (of: Located, schema: SchemaObject, kind: Combiner, path: string): Subschema[] =>
  (schema[kind] as unknown[]).map((s, i) => ({ located: sub(of, s), path: child(path, kind, i) }));

const plain = (located: Located[], path: string): Subschema[] => located.map((l) => ({ located: l, path }));

function compareSubschemas(
  ctx: CompareContext,
  kind: Combiner,
  before: Subschema[],
  after: Subschema[],
  path: string,
): void {
  const sum = kind !== 'allOf';
  if (after.length > before.length)
    ctx.add(sum ? 'SUM_TYPE_EXTENDED' : 'PRODUCT_TYPE_EXTENDED', path, before.length, after.length);
  if (after.length < before.length)
    ctx.add(sum ? 'SUM_TYPE_NARROWED' : 'PRODUCT_TYPE_NARROWED', path, before.length, after.length);
  // A sum must still admit each old alternative; a product's every new condition must follow from an old one.
  const [must, candidates] = sum ? [before, after] : [after, before];
  const used = new Set<number>();
  let unmatched = 0;
  for (const wanted of must) {
    let best: { index: number; differences: Difference[]; rank: number } | undefined;
    candidates.forEach((candidate, index) => {
      if (used.has(index)) return;
      const fork = ctx.fork();
      if (sum) compareLocated(fork, wanted.located, candidate.located, candidate.path);
      else compareLocated(fork, candidate.located, wanted.located, wanted.path);
      const rank = fork.compatible('STRICT') ? 0 : fork.compatible('LENIENT') ? 1 : 2;
      if (
        rank < 2 &&
        (!best ||
          rank < best.rank ||
          (rank === best.rank && fork.differences.length < best.differences.length))
      ) {
        best = { index, differences: fork.differences, rank };
      }
    });
    if (best) {
      used.add(best.index);
      ctx.differences.push(...best.differences);
    } else unmatched++;
  }
  const counted = sum ? after.length < before.length : after.length > before.length;
  // Fewer alternatives (or more conditions) are reported above; an unmatched subschema beyond those is a change.
  const expected = counted ? Math.abs(after.length - before.length) : 0;
  if (unmatched > expected) ctx.add('COMBINED_TYPE_SUBSCHEMAS_CHANGED', path);
}
