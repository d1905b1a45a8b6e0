import { dirname, posix } from 'node:path';
import ts from 'typescript';
import type { GeneratedFile } from '../contract.js';

/** The generated code did not compile; no package can be built from it. */
export class PackageCompileError extends Error {
  override name = 'PackageCompileError';
}

/** Where the sources live in the compiler's view; nothing is read from or written to disk there. */
const ROOT = '/package/src';
const OUT = '/package/dist';

const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ES2022,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
  types: [],
  declaration: true,
  strict: true,
  skipLibCheck: true,
  noEmitOnError: true,
  rootDir: ROOT,
  outDir: OUT,
  newLine: ts.NewLineKind.LineFeed,
};

const CJS_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  newLine: ts.NewLineKind.LineFeed,
  verbatimModuleSyntax: false,
};

/**
 * The compiler's own lib declarations (lib.es2022.d.ts, lib.dom.d.ts, …), parsed once per process
 * and shared by every program: parsing lib.dom.d.ts costs more than compiling a small client.
 */
const libFiles = new Map<string, ts.SourceFile | undefined>();
const libDir = dirname(ts.getDefaultLibFilePath(OPTIONS));

function libFile(name: string): ts.SourceFile | undefined {
  if (!libFiles.has(name)) {
    const text = ts.sys.readFile(name);
    libFiles.set(
      name,
      text === undefined ? undefined : ts.createSourceFile(name, text, ts.ScriptTarget.ES2022),
    );
  }
  return libFiles.get(name);
}

/**
 * The first line of the declarations emitted for the spec's own modules: they are the compiler's
 * output from sources this program has just checked under `strict` (it emits nothing when they do
 * not compile), so a consumer's compiler need not check them again. Without it, a consumer that
 * leaves `skipLibCheck` off pays for checking every declaration of a large API at every build
 * (Stripe's: 0.3–0.4 s in a 3 s strict `tsc --noEmit` of a small consumer). The runtime's
 * declarations stay checked: they name the platform's `fetch` types, the one thing that depends
 * on the consumer's own settings. The pragma must be the file's first comment, and `@ts-nocheck`
 * must be followed by a space: the compiler reads the word after `@` up to the first blank.
 */
const CHECKED_HERE =
  '// @ts-nocheck - compiler output of sources type-checked under strict when this package was built\n';

function checkedHere(path: string, declarations: string): string {
  return path.startsWith('canon-runtime/') ? declarations : `${CHECKED_HERE}${declarations}`;
}

/** JavaScript for ESM and CommonJS consumers, and the declarations both use. */
export interface CompiledPackage {
  esm: GeneratedFile[];
  cjs: GeneratedFile[];
  declarations: GeneratedFile[];
}

/**
 * Compiles TypeScript sources in memory with the TypeScript 5.9 compiler API: one type-checked
 * program emits ES2022 modules and `.d.ts` files; each module is then transpiled on its own to
 * CommonJS (no type information is needed for that). Only the compiler's lib declarations are
 * read, never the file system around it; output is sorted by path, so it is deterministic.
 */
export function compileSources(sources: readonly GeneratedFile[]): CompiledPackage {
  const byName = new Map(sources.map((f) => [posix.join(ROOT, f.path), f.contents]));
  const emitted = new Map<string, string>();
  const host: ts.CompilerHost = {
    getSourceFile: (name, languageVersion) => {
      const text = byName.get(name);
      if (text !== undefined) return ts.createSourceFile(name, text, languageVersion);
      return name.startsWith(libDir) ? libFile(name) : undefined;
    },
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    getDefaultLibLocation: () => libDir,
    writeFile: (name, text) => emitted.set(posix.relative(OUT, name), text),
    getCurrentDirectory: () => ROOT,
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (name) => byName.has(name) || (name.startsWith(libDir) && libFile(name) !== undefined),
    readFile: (name) => byName.get(name) ?? (name.startsWith(libDir) ? ts.sys.readFile(name) : undefined),
    directoryExists: (name) => name.startsWith(ROOT) || name.startsWith(libDir),
    getDirectories: () => [],
  };
  const program = ts.createProgram([...byName.keys()].sort(), OPTIONS, host);
  const diagnostics = ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (diagnostics.length > 0) {
    const first = diagnostics.slice(0, 5).map((d) => {
      const where = d.file ? `${posix.relative(ROOT, d.file.fileName)}: ` : '';
      return `${where}${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
    throw new PackageCompileError(
      `the generated code does not compile (${diagnostics.length} errors), so no package was built: ${first.join('; ')}`,
    );
  }
  program.emit();
  const sorted = (files: GeneratedFile[]) =>
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const esm = sorted(
    [...emitted].filter(([p]) => p.endsWith('.js')).map(([path, contents]) => ({ path, contents })),
  );
  const declarations = sorted(
    [...emitted]
      .filter(([p]) => p.endsWith('.d.ts'))
      .map(([path, contents]) => ({ path, contents: checkedHere(path, contents) })),
  );
  const cjs = sorted(
    sources
      .filter((f) => f.path.endsWith('.ts') && !f.path.endsWith('.d.ts'))
      .map((f) => ({
        path: f.path.replace(/\.ts$/, '.js'),
        contents: ts.transpileModule(f.contents, { compilerOptions: CJS_OPTIONS, fileName: f.path })
          .outputText,
      })),
  );
  return { esm, cjs, declarations };
}
