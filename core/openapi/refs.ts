import { pointerSegments } from '../diagnostic.js';
import { isObject, type Json } from './json.js';

/** The outcome of following one `$ref`. */
export type RefTarget =
  | { ok: true; value: unknown; pointer: string }
  | { ok: false; code: 'external-ref' | 'missing-ref' | 'invalid-ref'; message: string };

/**
 * Follows local `$ref`s (`#/components/schemas/User`) inside one document. References to other
 * files or URLs are refused (`external-ref`): Canon reads one document and never fetches.
 * Only called where OpenAPI defines a Reference Object, never on example payloads.
 */
export function followRef(doc: unknown, ref: string): RefTarget {
  if (!ref.startsWith('#')) {
    return {
      ok: false,
      code: 'external-ref',
      message: `$ref '${ref}' points outside this document. Canon reads one document and does not fetch others; bundle the document (inline the target under components) and try again.`,
    };
  }
  let fragment: string;
  try {
    fragment = decodeURIComponent(ref.slice(1));
  } catch {
    return {
      ok: false,
      code: 'invalid-ref',
      message: `$ref '${ref}' is not a valid URI fragment. Write it as '#/components/schemas/Name'.`,
    };
  }
  if (fragment !== '' && !fragment.startsWith('/')) {
    return {
      ok: false,
      code: 'invalid-ref',
      message: `$ref '${ref}' is not a JSON pointer. Write it as '#/components/schemas/Name'.`,
    };
  }
  let value: unknown = doc;
  for (const segment of pointerSegments(fragment)) {
    if (Array.isArray(value) && /^(0|[1-9]\d*)$/.test(segment)) value = value[Number(segment)];
    else if (isObject(value) && Object.hasOwn(value, segment)) value = value[segment];
    else value = undefined;
    if (value === undefined) {
      return {
        ok: false,
        code: 'missing-ref',
        message: `$ref '${ref}' points to nothing in this document. Fix the name or add the target.`,
      };
    }
  }
  return { ok: true, value, pointer: fragment };
}

/** The `$ref` string of a Reference Object, if `value` is one. */
export function refOf(value: unknown): string | undefined {
  return isObject(value) && typeof value.$ref === 'string' ? value.$ref : undefined;
}

/** Local component name of `#/components/<section>/<name>` refs. */
export function componentName(ref: string, section: string): string | undefined {
  const prefix = `#/components/${section}/`;
  if (!ref.startsWith(prefix)) return undefined;
  const rest = ref.slice(prefix.length);
  if (rest.includes('/')) return undefined;
  try {
    return decodeURIComponent(rest).replaceAll('~1', '/').replaceAll('~0', '~');
  } catch {
    return undefined;
  }
}

export type { Json };
