import type { Body } from '../../core/ir.js';

/** JSON media types: `application/json` and the `+json` ones (`application/merge-patch+json`). */
export function isJsonMediaType(type: string): boolean {
  return /^application\/(?:[\w.-]+\+)?json$/i.test(type);
}

/**
 * The media type generated code sends a body as, when the spec declares one other than
 * `application/json`: the first declared one (Kubernetes' `application/json-patch+json`, GitHub's
 * `text/plain`). A wildcard (`*\/*`, Swagger 2.0's `consumes` of Kubernetes) means JSON.
 */
export function sentMediaType(body: Body | undefined): string | undefined {
  const first = body?.mediaTypes?.[0];
  if (first === undefined || first === 'application/json' || first.includes('*')) return undefined;
  return first;
}
