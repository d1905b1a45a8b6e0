import ts from 'typescript';

/** Options whose API value is an enum number; tsconfig.json spells them by name. */
const ENUM_OPTIONS: Partial<Record<keyof ts.CompilerOptions, Record<number, string>>> = {
  target: ts.ScriptTarget,
  module: ts.ModuleKind,
  moduleResolution: ts.ModuleResolutionKind,
};

/** Names the reverse enum maps give that tsconfig.json does not accept, and the name it does. */
const ALIASES: Record<string, string> = { Latest: 'ESNext' };

/** Enum options whose tsconfig spelling differs from the enum's names (`LineFeed` is `lf`). */
const UNMAPPED = new Set(['newLine', 'jsx', 'moduleDetection']);

/**
 * Turns compiler options as the TypeScript API takes them into `compilerOptions` of a tsconfig.json,
 * so the same options can be handed to a command-line compiler.
 *
 * @example compilerOptionsToTsconfig({ target: ts.ScriptTarget.ES2022, lib: ['lib.dom.d.ts'] })
 *   // → { target: 'ES2022', lib: ['dom'] }
 */
export function compilerOptionsToTsconfig(options: ts.CompilerOptions): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const names = ENUM_OPTIONS[key];
    if (names && typeof value === 'number') {
      const name = names[value];
      if (name === undefined) throw new Error(`compiler option ${key}: ${value} is not a known value`);
      out[key] = ALIASES[name] ?? name;
    } else if (key === 'lib' && Array.isArray(value)) {
      // The API takes lib file names (lib.es2022.d.ts); tsconfig.json takes their short names.
      out[key] = value.map((file) => String(file).replace(/^lib\.(.*)\.d\.ts$/, '$1'));
    } else if (UNMAPPED.has(key)) {
      throw new Error(
        `compiler option ${key} cannot be written to a tsconfig.json yet: teach compilerOptionsToTsconfig its names`,
      );
    } else {
      out[key] = value;
    }
  }
  return out;
}
