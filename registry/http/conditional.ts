/**
 * Whether an `If-None-Match` header matches a representation's entity tag (RFC 9110 §13.1.2):
 * `*`, or a comma-separated list of tags compared weakly (`W/"x"` matches `"x"`).
 *
 * @example ifNoneMatch('W/"a", "b"', '"a"') // → true
 */
export function ifNoneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  // Entity tags may contain commas inside their quotes, so they are matched, not split.
  for (const match of header.matchAll(/(?:W\/)?("[^"]*")/g)) {
    if (match[1] === opaque) return true;
  }
  return false;
}
