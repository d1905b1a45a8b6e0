import type { Deprecation } from '../ir.js';
import { extDeprecation, extensionOf } from './extensions.js';
import { asString, type Json } from './json.js';

/** Copies `description` and `deprecated` (with the `x-canon` deprecation text) onto an IR element. */
export function describe<T extends { description?: string; deprecation?: Deprecation }>(
  target: T,
  source: Json,
): T {
  const description = asString(source.description);
  if (description !== undefined) target.description = description;
  const ext = extDeprecation(extensionOf(source));
  if (ext) target.deprecation = ext;
  else if (source.deprecated === true) target.deprecation = {};
  return target;
}
