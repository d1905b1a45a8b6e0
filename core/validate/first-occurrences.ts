/**
 * Among `count` items, the index of the first item equal to each one: `firstOf[i]` is that index,
 * or -1 when item `i` is the first of its kind.
 *
 * For keys that a Map would need built as one new string per item (an operation's route, a type's
 * qualified name): `hash(i)` mixes the key's characters without building it (see {@link mix}), and
 * `same(i, j)`, the exact comparison, runs only when two hashes match, which in a spec without
 * repeats (nearly) never happens. The table is three typed arrays, allocated once.
 *
 * @example
 * const names = ['a', 'b', 'a'];
 * const hash = (i: number) => mixText(SEED, names[i]);
 * firstOccurrences(names.length, hash, (i, j) => names[i] === names[j]); // → [-1, -1, 0]
 */
export function firstOccurrences(
  count: number,
  hash: (i: number) => number,
  same: (i: number, j: number) => boolean,
): Int32Array {
  const firstOf = new Int32Array(count).fill(-1);
  const hashes = new Int32Array(count);
  let size = 16;
  while (size < count * 2) size *= 2;
  // Open addressing: each slot holds the index of the first item of a key, or -1.
  const slots = new Int32Array(size).fill(-1);
  const mask = size - 1;
  for (let i = 0; i < count; i++) {
    const h = hash(i) | 0;
    hashes[i] = h;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const j = slots[slot]!;
      if (j === -1) {
        slots[slot] = i;
        break;
      }
      if (hashes[j] === h && same(i, j)) {
        firstOf[i] = j;
        break;
      }
    }
  }
  return firstOf;
}

/** The hash to start from. */
export const SEED = 0x811c9dc5 | 0;

/** Mixes one character code (or any small number) into `hash` (FNV-1a). */
export function mix(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193);
}

/** Mixes the characters of `text` into `hash`. */
export function mixText(hash: number, text: string): number {
  for (let i = 0; i < text.length; i++) hash = mix(hash, text.charCodeAt(i));
  return hash;
}
