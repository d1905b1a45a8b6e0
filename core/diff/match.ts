import { deepEqual } from './equality.js';

/**
 * Two versions of each element of a list, side by side: `before[i]` and `after[i]` are one
 * element, either absent when it was added or removed. Parallel lists rather than a list of pairs:
 * when nothing was added, removed or reordered they are the two input lists themselves.
 */
export interface Pairs<T> {
  readonly before: readonly (T | undefined)[];
  readonly after: readonly (T | undefined)[];
}

/** Pairs two lists by key: matched and added elements in the new order, then removed ones. */
export function matchBy<T>(
  before: readonly T[],
  after: readonly T[],
  key: (item: T) => string,
  afterKey: (item: T) => string = key,
): Pairs<T> {
  if (sameKeys(before, after, key, afterKey)) return { before, after };
  // Index loops and no iteration over the maps: this runs for every changed list, before the
  // optimizer, where `for…of` allocates per element.
  const old = new Map<string, T>();
  const oldKeys: string[] = [];
  for (let i = 0; i < before.length; i++) {
    const k = key(before[i]!);
    if (old.has(k)) continue;
    old.set(k, before[i]!);
    oldKeys.push(k);
  }
  const seen = new Set<string>();
  const b: (T | undefined)[] = [];
  const a: (T | undefined)[] = [];
  for (let i = 0; i < after.length; i++) {
    const k = afterKey(after[i]!);
    if (seen.has(k)) continue;
    seen.add(k);
    b.push(old.get(k));
    a.push(after[i]);
  }
  for (let i = 0; i < oldKeys.length; i++) {
    const k = oldKeys[i]!;
    if (seen.has(k)) continue;
    b.push(old.get(k));
    a.push(undefined);
  }
  return { before: b, after: a };
}

/**
 * Second pass over a matching: pairs an unmatched old element with an unmatched new one when
 * `same` says they are the same element under another key (a moved operation, a renamed tag).
 */
export function pairLeftovers<T>(pairs: Pairs<T>, same: (before: T, after: T) => boolean): Pairs<T> {
  const removedItems: T[] = [];
  for (let i = 0; i < pairs.before.length; i++) {
    const b = pairs.before[i];
    if (b !== undefined && pairs.after[i] === undefined) removedItems.push(b);
  }
  if (removedItems.length === 0) return pairs;
  const taken = new Set<T>();
  const out: { before: (T | undefined)[]; after: (T | undefined)[] } = { before: [], after: [] };
  for (let i = 0; i < pairs.before.length; i++) {
    const b = pairs.before[i];
    const a = pairs.after[i];
    if (b === undefined && a !== undefined) {
      const partner = removedItems.find((r) => !taken.has(r) && same(r, a));
      if (partner !== undefined) {
        taken.add(partner);
        out.before.push(partner);
        out.after.push(a);
        continue;
      }
    }
    out.before.push(b);
    out.after.push(a);
  }
  // Removed elements paired with a later added one drop out of the list as removals.
  const kept: { before: (T | undefined)[]; after: (T | undefined)[] } = { before: [], after: [] };
  for (let i = 0; i < out.before.length; i++) {
    const b = out.before[i];
    const a = out.after[i];
    if (a === undefined && b !== undefined && taken.has(b)) continue;
    kept.before.push(b);
    kept.after.push(a);
  }
  return kept;
}

/**
 * The pairs that differ, as `[before, after]`; with `dropEqual`, pairs equal on both sides are left
 * out without allocating anything for them.
 */
export function changedPairs<T>(pairs: Pairs<T>, dropEqual: boolean): Array<[T | undefined, T | undefined]> {
  const out: Array<[T | undefined, T | undefined]> = [];
  for (let i = 0; i < pairs.before.length; i++) {
    const b = pairs.before[i];
    const a = pairs.after[i];
    if (dropEqual && b !== undefined && a !== undefined && deepEqual(b, a)) continue;
    out.push([b, a]);
  }
  return out;
}

/** The common case, nothing added, removed or reordered: pair by position without building maps. */
function sameKeys<T>(
  before: readonly T[],
  after: readonly T[],
  key: (item: T) => string,
  afterKey: (item: T) => string,
): boolean {
  if (before.length !== after.length) return false;
  for (let i = 0; i < before.length; i++) if (key(before[i]!) !== afterKey(after[i]!)) return false;
  return true;
}
