/**
 * Structural equality of JSON-like IR values (no cycles, no functions).
 *
 * The diff runs it over every unchanged element of both versions, so it allocates nothing and
 * does little per key: `for…in` walks an object's keys in place where `Object.keys` would build
 * two arrays per object (IR objects are plain, so it sees exactly their own keys), and scalars are
 * compared without a call.
 */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const x = a[i];
      const y = b[i];
      if (x !== y && (typeof x !== 'object' || !deepEqual(x, y))) return false;
    }
    return true;
  }
  if (Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  let keys = 0;
  for (const key in ra) {
    const x = ra[key];
    const y = rb[key];
    // A key `b` lacks reads as undefined, or as an inherited function (never equal to IR data),
    // or, for `__proto__`, as an object: only then is the own-key lookup needed.
    if ((y === undefined || key === '__proto__') && !Object.hasOwn(rb, key)) return false;
    if (x !== y && (typeof x !== 'object' || !deepEqual(x, y))) return false;
    keys++;
  }
  // Every key of `a` is in `b`: equal key counts leave `b` nothing extra.
  for (const _ in rb) if (--keys < 0) return false;
  return keys === 0;
}
