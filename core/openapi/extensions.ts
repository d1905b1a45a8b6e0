import type { Attribute, Deprecation } from '../ir.js';
import { asString, isObject, type Json } from './json.js';

/**
 * The `x-canon` extension: what the IR knows and OpenAPI cannot say (plurals, attributes,
 * annotations, API Builder's union wire forms, resource grouping, the service's identity).
 * The exporter writes it next to the plain OpenAPI it describes; the importer prefers it when
 * present, which is what makes api.json → OpenAPI → IR a lossless round trip. Other tools ignore
 * `x-` keys, so the document stays ordinary OpenAPI for them.
 */
export const EXT = 'x-canon';

/** The `x-canon` object of an OpenAPI object, or undefined. */
export function extensionOf(value: unknown): Json | undefined {
  if (!isObject(value)) return undefined;
  const ext = value[EXT];
  return isObject(ext) ? ext : undefined;
}

export function extAttributes(ext: Json | undefined): Attribute[] | undefined {
  const list = ext?.attributes;
  if (!Array.isArray(list)) return undefined;
  return list.filter((a): a is Attribute => isObject(a) && typeof a.name === 'string' && isObject(a.value));
}

export function extDeprecation(ext: Json | undefined): Deprecation | undefined {
  const value = ext?.deprecation;
  if (!isObject(value)) return undefined;
  const description = asString(value.description);
  return description === undefined ? {} : { description };
}

export function extStrings(ext: Json | undefined, key: string): string[] | undefined {
  const list = ext?.[key];
  return Array.isArray(list) && list.every((s) => typeof s === 'string') ? (list as string[]) : undefined;
}
