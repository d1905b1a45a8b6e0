/**
 * A file of Canon's build by its path under `dist/` (`registry/ui/browser/enhance.js`), for what
 * is read or started from disk at run time rather than imported.
 *
 * This module sits one folder below `dist/`, and so does every file of the bundled CLI
 * (`dist/bundle/`, where this module ends up inlined), so one relative URL finds the file from
 * both. A URL relative to the caller's own module would not: in the bundle, that module's code
 * lives in `dist/bundle/`.
 */
export function builtFile(path: string): URL {
  return new URL(`../${path}`, import.meta.url);
}
