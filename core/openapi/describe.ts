import type { Deprecation, Lossy } from '../ir.js';
import { extDeprecation, extensionOf } from './extensions.js';
import { asString, isObject, type Json } from './json.js';

/**
 * Copies `description` and `deprecated` (with the `x-canon` deprecation text) onto an IR element,
 * and the `x-canon` record of what an earlier import could not hold (`lossy`).
 */
export function describe<T extends { description?: string; deprecation?: Deprecation; lossy?: Lossy[] }>(
  target: T,
  source: Json,
): T {
  const description = asString(source.description);
  if (description !== undefined) target.description = description;
  const ext = extensionOf(source);
  const deprecation = extDeprecation(ext);
  if (deprecation) target.deprecation = deprecation;
  else if (source.deprecated === true) target.deprecation = {};
  if (Array.isArray(ext?.lossy)) {
    const lossy = ext.lossy.filter(
      (l): l is Lossy => isObject(l) && typeof l.code === 'string' && typeof l.message === 'string',
    );
    if (lossy.length > 0) target.lossy = lossy.map((l) => ({ code: l.code, message: l.message }));
  }
  return target;
}
