import { createHash } from 'node:crypto';

interface Summary {
  hash: string;
  /** The subtree holds a `$ref`: equal text may still mean different schemas (other targets). */
  refers: boolean;
}

const summaries = new WeakMap<object, Summary>();

/**
 * A structural hash of a JSON value (object keys in sorted order), memoized per object: parsed
 * schemas are cached by id and compared again at every registration, so each subtree is hashed
 * once. Iterative, so that deep documents cannot overflow the stack.
 */
export function summarize(value: unknown): Summary {
  if (value === null || typeof value !== 'object')
    return { hash: `v${JSON.stringify(value)}`, refers: false };
  const known = summaries.get(value);
  if (known) return known;
  const stack: { node: object; expanded: boolean }[] = [{ node: value, expanded: false }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (summaries.has(top.node)) {
      stack.pop();
      continue;
    }
    const entries = Array.isArray(top.node)
      ? top.node.map((v, i) => [String(i), v] as const)
      : Object.entries(top.node).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (!top.expanded) {
      top.expanded = true;
      for (const [, child] of entries) {
        if (child !== null && typeof child === 'object' && !summaries.has(child))
          stack.push({ node: child, expanded: false });
      }
      continue;
    }
    const hash = createHash('sha1').update(Array.isArray(top.node) ? '[' : '{');
    let refers = !Array.isArray(top.node) && typeof (top.node as Record<string, unknown>).$ref === 'string';
    for (const [key, child] of entries) {
      const summary = child !== null && typeof child === 'object' ? summaries.get(child)! : undefined;
      hash
        .update(JSON.stringify(key))
        .update(':')
        .update(summary ? summary.hash : `v${JSON.stringify(child)}`)
        .update(',');
      if (summary?.refers) refers = true;
    }
    summaries.set(top.node, { hash: hash.digest('base64'), refers });
    stack.pop();
  }
  return summaries.get(value)!;
}

/** True when two schemas are certainly the same: equal structure and no `$ref` inside. */
export function sameWithoutReferences(a: unknown, b: unknown): boolean {
  if (a === b) return typeof a !== 'object' || a === null || !summarize(a).refers;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  const x = summarize(a);
  return !x.refers && x.hash === summarize(b).hash;
}
