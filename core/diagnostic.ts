/**
 * One problem found in a spec: a stable `code`, a JSON pointer `path` into the source document,
 * and a message that names the element and says what to do. Validators return all of them at
 * once, never only the first.
 */
export interface Diagnostic {
  code: string;
  /** JSON pointer into the source document (`/models/user/fields/0/type`); `''` is the root. */
  path: string;
  message: string;
  /** `warning` for problems that do not make the spec unusable (e.g. lossy imports). */
  severity?: 'error' | 'warning';
  line?: number;
  column?: number;
}

/** Appends one path segment to a JSON pointer, escaping `~` and `/` as RFC 6901 requires. */
export function pointer(base: string, ...segments: (string | number)[]): string {
  let out = base;
  for (const segment of segments) {
    const text = typeof segment === 'number' ? String(segment) : segment;
    out +=
      text.includes('~') || text.includes('/')
        ? `/${text.replaceAll('~', '~0').replaceAll('/', '~1')}`
        : `/${text}`;
  }
  return out;
}

/** Splits a JSON pointer into its unescaped segments. */
export function pointerSegments(path: string): string[] {
  if (path === '') return [];
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

export function isError(d: Diagnostic): boolean {
  return d.severity !== 'warning';
}
