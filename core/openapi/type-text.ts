import type { TypeRef } from '../ir.js';
import { parseTypeString, splitQualifiedName } from '../type-ref.js';
import type { ImportContext } from './context.js';
import { componentType } from './schema.js';

/**
 * Reads an IR type string written by the exporter into `x-canon` (`[user]`, `map[long]`,
 * `io.x.v0.models.user`). Local names are component schema keys.
 */
export function typeFromText(ctx: ImportContext, text: string): TypeRef {
  const parsed = parseTypeString(text, (name) => {
    if (ctx.components.has(name) || ctx.aliases.has(name)) return componentType(ctx, name);
    return splitQualifiedName(name) ?? { kind: 'unknown', name };
  });
  return parsed ?? { kind: 'unknown', name: text };
}
