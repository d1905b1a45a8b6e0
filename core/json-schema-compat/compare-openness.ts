import { compareLocated } from './compare-schema.js';
import { acceptsEverything, acceptsNothing, type CompareContext } from './context.js';
import type { DifferenceType } from './difference-types.js';
import type { Located } from './schema-refs.js';

/**
 * `additionalProperties`, `unevaluatedProperties`, `additionalItems` and `unevaluatedItems`: what
 * a schema admits beyond what it names. Admitting more (`false` → anything: ADDED; a wider schema:
 * EXTENDED) reads old data; admitting less (→ `false`: REMOVED; a narrower schema: NARROWED) may not.
 */
export function compareOpenness(
  ctx: CompareContext,
  original: Located,
  update: Located,
  prefix: 'ADDITIONAL_PROPERTIES' | 'UNEVALUATED_PROPERTIES' | 'ADDITIONAL_ITEMS' | 'UNEVALUATED_ITEMS',
  path: string,
  presentBefore: boolean,
  presentAfter: boolean,
): void {
  if (!presentBefore && !presentAfter) return;
  const before = presentBefore ? ctx.resolveOriginal(original, path).schema : true;
  const after = presentAfter ? ctx.resolveUpdate(update, path).schema : true;
  const type = (suffix: string) => `${prefix}_${suffix}` as DifferenceType;
  if (acceptsEverything(before) && acceptsEverything(after)) return;
  if (acceptsNothing(before) && acceptsNothing(after)) return;
  if (acceptsNothing(before)) {
    ctx.add(type('ADDED'), path);
    return;
  }
  if (acceptsNothing(after)) {
    ctx.add(type('REMOVED'), path);
    return;
  }
  if (acceptsEverything(after)) {
    ctx.add(type('EXTENDED'), path);
    return;
  }
  if (acceptsEverything(before)) {
    ctx.add(type('NARROWED'), path);
    return;
  }
  const fork = ctx.fork();
  compareLocated(fork, { ...original, schema: before }, { ...update, schema: after }, path);
  if (!fork.substantive()) return;
  ctx.add(type(fork.compatible() ? 'EXTENDED' : 'NARROWED'), path);
}
