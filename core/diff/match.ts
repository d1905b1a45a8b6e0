/** Pairs two lists by key: matched and added elements in the new order, then removed ones. */
export function matchBy<T>(
  before: readonly T[],
  after: readonly T[],
  key: (item: T) => string,
  afterKey: (item: T) => string = key,
): Array<[T | undefined, T | undefined]> {
  if (sameKeys(before, after, key, afterKey)) return before.map((item, i) => [item, after[i]]);
  const old = new Map<string, T>();
  for (const item of before) {
    const k = key(item);
    if (!old.has(k)) old.set(k, item);
  }
  const seen = new Set<string>();
  const out: Array<[T | undefined, T | undefined]> = [];
  for (const item of after) {
    const k = afterKey(item);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push([old.get(k), item]);
  }
  for (const [k, item] of old) if (!seen.has(k)) out.push([item, undefined]);
  return out;
}

/**
 * Second pass over a matching: pairs an unmatched old element with an unmatched new one when
 * `same` says they are the same element under another key (a moved operation, a renamed tag).
 */
export function pairLeftovers<T>(
  pairs: Array<[T | undefined, T | undefined]>,
  same: (before: T, after: T) => boolean,
): Array<[T | undefined, T | undefined]> {
  const removedItems = pairs.filter(([b, a]) => a === undefined && b !== undefined).map(([b]) => b as T);
  if (removedItems.length === 0) return pairs;
  const taken = new Set<T>();
  const out: Array<[T | undefined, T | undefined]> = [];
  for (const [b, a] of pairs) {
    if (b === undefined && a !== undefined) {
      const partner = removedItems.find((r) => !taken.has(r) && same(r, a));
      if (partner !== undefined) {
        taken.add(partner);
        out.push([partner, a]);
        continue;
      }
    }
    if (a === undefined && b !== undefined && taken.has(b)) continue;
    out.push([b, a]);
  }
  return out.filter(([b, a]) => !(a === undefined && b !== undefined && taken.has(b)));
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
