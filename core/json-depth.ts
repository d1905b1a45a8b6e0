/**
 * How deep a spec document may nest (objects and arrays). The largest real specs known to Canon
 * nest 23 levels (Stripe's OpenAPI document); the loader, the diff engine and the generators walk
 * documents recursively, so an unbounded depth would end in a stack overflow instead of an answer.
 */
export const MAX_NESTING = 128;

/**
 * The JSON pointer of the first value nested deeper than `limit` levels (the document itself is
 * level 1), or undefined when the whole value fits. It cannot overflow the stack itself.
 *
 * @example nestingBeyond({ a: { b: {} } }, 2) // → '/a/b'
 */
export function nestingBeyond(value: unknown, limit = MAX_NESTING): string | undefined {
  // Every spec that loads is checked, and nearly all fit: measure without building pointers.
  return withinDepth(value, limit) ? undefined : firstTooDeep(value, limit);
}

/**
 * Whether nothing in `value` is nested deeper than `limit` levels. Recursive, but it returns as
 * soon as `depth` passes `limit`, so it never goes more than `limit` + 1 calls deep. `for…in`
 * walks a parsed object's own keys without the array `Object.values` would allocate for each.
 */
function withinDepth(value: unknown, limit: number, depth = 1): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (depth > limit) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!withinDepth(value[i], limit, depth + 1)) return false;
    return true;
  }
  const object = value as Record<string, unknown>;
  for (const key in object) if (!withinDepth(object[key], limit, depth + 1)) return false;
  return true;
}

/** The pointer `nestingBeyond` reports: the first too deep value in document order. */
function firstTooDeep(value: unknown, limit: number): string | undefined {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 1, path: '' }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (item.value === null || typeof item.value !== 'object') continue;
    if (item.depth > limit) return item.path;
    const entries = Array.isArray(item.value)
      ? item.value.map((child, index) => [String(index), child] as const)
      : Object.entries(item.value);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      const segment = key.replaceAll('~', '~0').replaceAll('/', '~1');
      stack.push({ value: child, depth: item.depth + 1, path: `${item.path}/${segment}` });
    }
  }
  return undefined;
}
