import type { Service } from '../core/ir.js';
import type { GeneratedFile } from './contract.js';

/** How a generated npm package is named. */
export interface PackageIdentity {
  name: string;
  version: string;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;

/**
 * The package name and version derived from a spec: `<organization>-<application>-client`
 * (lower case, npm-safe) and the spec's version when it is semver, else `0.0.0-<version>`.
 */
export function packageIdentity(service: Service, overrides: Partial<PackageIdentity> = {}): PackageIdentity {
  const slug = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^[._-]+|[-]+$/g, '');
  const derived = [slug(service.organization.key), slug(service.application.key), 'client']
    .filter((p) => p !== '')
    .join('-');
  const version = SEMVER.test(service.version)
    ? service.version
    : `0.0.0-${service.version.replace(/[^0-9A-Za-z.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '') || 'unversioned'}`;
  return { name: overrides.name ?? derived.slice(0, 214), version: overrides.version ?? version };
}

/** Errors in a user-given package name or version, as messages. */
export function checkPackageIdentity(identity: PackageIdentity): string[] {
  const problems: string[] = [];
  if (!/^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/.test(identity.name) || identity.name.length > 214) {
    problems.push(
      `'${identity.name}' is not a valid npm package name (lower case letters, digits, '-', '.', '_', optional @scope/).`,
    );
  }
  if (!SEMVER.test(identity.version))
    problems.push(`'${identity.version}' is not a semver version such as 1.2.3.`);
  return problems;
}

/**
 * Turns generated TypeScript sources into an installable ESM package: sources under `src/`,
 * JavaScript and declarations under `dist/` (compiled with the TypeScript compiler), an index
 * that re-exports the client and the types, and a `package.json` with `exports`.
 */
export async function buildPackage(
  files: readonly GeneratedFile[],
  service: Service,
  identity: PackageIdentity,
): Promise<GeneratedFile[]> {
  const sources = files.filter((f) => f.path.endsWith('.ts'));
  const others = files.filter((f) => !f.path.endsWith('.ts'));
  const has = (path: string) => sources.some((f) => f.path === path);
  const indexLines: string[] = [];
  if (has('client.ts')) indexLines.push("export * from './client.js';");
  if (has('types.ts')) indexLines.push("export * as types from './types.js';");
  if (indexLines.length === 0) indexLines.push('export {};');
  const index: GeneratedFile = { path: 'index.ts', contents: `${indexLines.join('\n')}\n` };
  const all = has('index.ts') ? sources : [...sources, index];
  const compiled = await compile(all);
  const exportsMap: Record<string, { types: string; import: string }> = {};
  for (const file of all) {
    if (file.path.startsWith('imports/')) continue;
    const stem = file.path.replace(/\.ts$/, '');
    const key = stem === 'index' ? '.' : `./${stem}`;
    exportsMap[key] = { types: `./dist/${stem}.d.ts`, import: `./dist/${stem}.js` };
  }
  const manifest = {
    name: identity.name,
    version: identity.version,
    description: `Generated TypeScript client for ${service.name} ${service.version} (${service.namespace}).`,
    type: 'module',
    main: './dist/index.js',
    types: './dist/index.d.ts',
    exports: exportsMap,
    files: ['dist', 'src'],
    sideEffects: false,
  };
  return [
    { path: 'package.json', contents: `${JSON.stringify(manifest, null, 2)}\n` },
    ...all.map((f) => ({ ...f, path: `src/${f.path}` })),
    ...compiled.map((f) => ({ ...f, path: `dist/${f.path}` })),
    ...others,
  ];
}

/** Compiles in memory: ES2022 modules and `.d.ts` files, one program, nothing read from disk but the libs. */
async function compile(sources: readonly GeneratedFile[]): Promise<GeneratedFile[]> {
  const ts = (await import('typescript')).default;
  const root = '/__canon_package__/';
  const byName = new Map(sources.map((f) => [root + f.path, f.contents]));
  const options: import('typescript').CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    declaration: true,
    strict: true,
    skipLibCheck: true,
    rootDir: root,
    outDir: `${root}out/`,
    newLine: ts.NewLineKind.LineFeed,
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  const out: GeneratedFile[] = [];
  host.readFile = (name) =>
    byName.get(name) ?? (name === `${root}package.json` ? '{"type":"module"}' : readFile(name));
  host.fileExists = (name) => byName.has(name) || name === `${root}package.json` || fileExists(name);
  host.getSourceFile = (name, version, onError, create) => {
    const text = byName.get(name);
    return text !== undefined
      ? ts.createSourceFile(name, text, version)
      : getSourceFile(name, version, onError, create);
  };
  host.writeFile = (name, text) => {
    out.push({ path: name.slice(`${root}out/`.length), contents: text });
  };
  host.getCurrentDirectory = () => root;
  const program = ts.createProgram([...byName.keys()], options, host);
  const result = program.emit();
  const errors = [...ts.getPreEmitDiagnostics(program), ...result.diagnostics].filter(
    (d) => d.category === ts.DiagnosticCategory.Error,
  );
  if (errors.length > 0) {
    const first = errors.slice(0, 5).map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
    throw new Error(
      `the generated code does not compile (${errors.length} errors), so no package was built: ${first.join('; ')}`,
    );
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}
