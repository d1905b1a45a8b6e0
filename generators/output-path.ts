/**
 * The file Canon keeps in each directory it writes generated code into, listing what it wrote
 * there (`cli/output/manifest.ts`). No generator may emit it.
 */
export const GENERATED_MANIFEST = '.canon-generated.json';

/**
 * Why `path` may not name a file inside an output directory, or undefined when it may: it must
 * be relative, `/`-separated, without empty, `.` or `..` segments (so it cannot climb out), and
 * not the manifest's own name. One rule for what generators emit, what a registry sends and what
 * a manifest lists.
 *
 * @example
 * unsafeOutputPath('models/user.ts'); // undefined
 * unsafeOutputPath('../outside.txt'); // "it climbs out with '..'"
 */
export function unsafeOutputPath(path: string): string | undefined {
  if (path === '') return 'it is empty';
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'it is absolute';
  if (path.includes('\\')) return "it uses '\\' (separate directories with '/')";
  const segments = path.split('/');
  if (segments.includes('..')) return "it climbs out with '..'";
  if (segments.some((s) => s === '' || s === '.')) return "it has an empty or '.' segment";
  if (path.toLowerCase() === GENERATED_MANIFEST) return `${GENERATED_MANIFEST} is Canon's own list of files`;
  return undefined;
}
