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
 * An array schema as a tuple: the positional item schemas (draft-07 `items: [...]`, 2020-12
 * `prefixItems`) and what any further item must match (`additionalItems`, or 2020-12 `items`
 * beside `prefixItems`). A list schema `items: S` is the empty tuple with `S` for every item.
 */
interface Tuple {
  positional: unknown[];
  keyword: 'items' | 'prefixItems';
  extra: unknown;
  extraKeyword: 'additionalItems' | 'items';
  extraPresent: boolean;
  list: boolean;
}

function tupleOf(schema: SchemaObject): Tuple | undefined {
  if (Array.isArray(schema.prefixItems)) {
    return {
      positional: schema.prefixItems,
      keyword: 'prefixItems',
      extra: schema.items,
      extraKeyword: 'items',
      extraPresent: 'items' in schema,
      list: false,
    };
  }
  if (Array.isArray(schema.items)) {
    return {
      positional: schema.items,
      keyword: 'items',
      extra: schema.additionalItems,
      extraKeyword: 'additionalItems',
      extraPresent: 'additionalItems' in schema,
      list: false,
    };
  }
  if ('items' in schema)
    return {
      positional: [],
      keyword: 'items',
      extra: schema.items,
      extraKeyword: 'items',
      extraPresent: true,
      list: true,
    };
  return undefined;
}

type Model = 'open' | 'closed' | 'partial';
const modelOf = (tuple: Tuple | undefined): Model =>
  !tuple?.extraPresent || acceptsEverything(tuple.extra)
    ? 'open'
    : acceptsNothing(tuple.extra)
      ? 'closed'
      : 'partial';

export function compareArray(ctx: CompareContext, o: Located, u: Located, path: string): void {
  const a = asObject(o.schema);
  const b = asObject(u.schema);
  if ('contains' in a && 'contains' in b)
    compareLocated(ctx, sub(o, a.contains), sub(u, b.contains), child(path, 'contains'));
  compareOpenness(
    ctx,
    sub(o, a.unevaluatedItems),
    sub(u, b.unevaluatedItems),
    'UNEVALUATED_ITEMS',
    child(path, 'unevaluatedItems'),
    'unevaluatedItems' in a,
    'unevaluatedItems' in b,
  );

  const before = tupleOf(a);
  const after = tupleOf(b);
  if (!before && !after) return;
  if (before?.list && after?.list) {
    compareLocated(ctx, sub(o, before.extra), sub(u, after.extra), child(path, 'items'));
    return;
  }
  const old = before?.positional ?? [];
  const now = after?.positional ?? [];
  const keyword = after?.keyword ?? before?.keyword ?? 'items';
  const modelBefore = modelOf(before);
  const modelAfter = modelOf(after);
  const covered = (original: Located, update: Located, at: string) => {
    const fork = ctx.fork();
    compareLocated(fork, original, update, at);
    return fork.compatible();
  };

  for (let index = 0; index < Math.max(old.length, now.length); index++) {
    const at = child(path, keyword, index);
    if (index < old.length && index < now.length) {
      compareLocated(ctx, sub(o, old[index]), sub(u, now[index]), at);
    } else if (index < now.length) {
      const added = sub(u, now[index]);
      if (modelBefore === 'open') {
        const empty = acceptsEverything(ctx.resolveUpdate(added, at).schema);
        ctx.add(
          empty ? 'ITEM_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL' : 'ITEM_ADDED_TO_OPEN_CONTENT_MODEL',
          at,
        );
      } else if (modelBefore === 'closed') ctx.add('ITEM_ADDED_TO_CLOSED_CONTENT_MODEL', at);
      else {
        const ok = covered(sub(o, before?.extra), added, at);
        ctx.add(
          ok
            ? 'ITEM_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'
            : 'ITEM_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
          at,
        );
      }
    } else {
      const removed = sub(o, old[index]);
      if (modelAfter === 'open') ctx.add('ITEM_REMOVED_FROM_OPEN_CONTENT_MODEL', at);
      else if (modelAfter === 'closed') {
        const wasFalse = acceptsNothing(ctx.resolveOriginal(removed, at).schema);
        ctx.add(
          wasFalse
            ? 'ITEM_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL'
            : 'ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL',
          at,
        );
      } else {
        const ok = covered(removed, sub(u, after?.extra), at);
        ctx.add(
          ok
            ? 'ITEM_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL'
            : 'ITEM_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL',
          at,
        );
      }
    }
  }
  compareOpenness(
    ctx,
    sub(o, before?.extra),
    sub(u, after?.extra),
    'ADDITIONAL_ITEMS',
    child(path, after?.extraKeyword ?? before?.extraKeyword ?? 'additionalItems'),
    before?.extraPresent ?? false,
    after?.extraPresent ?? false,
  );
}
