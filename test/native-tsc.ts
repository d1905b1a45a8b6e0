import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const native = createRequire(import.meta.url);

/**
 * The command-line compiler of TypeScript 7, the native one (devDependency `typescript-native`).
 * Tests type-check generated code with it because it is several times faster than 5.9; it has no
 * JavaScript API, so code that needs the compiler API keeps importing `typescript` (5.9).
 *
 * @example spawnSync(process.execPath, [nativeTsc, '-p', 'out/tsconfig.json'])
 */
export const nativeTsc = join(dirname(native.resolve('typescript-native/package.json')), 'bin', 'tsc');

/**
 * The compiler's executable itself (the platform package `bin/tsc` starts): running it directly
 * spares each type check the Node process that `bin/tsc` is on Node 20, which has no `execve`
 * and so waits for the executable as a child. `undefined` when the platform package is missing
 * (then {@link checkProject} goes through `bin/tsc`).
 */
export const nativeTscExecutable: string | undefined = (() => {
  try {
    const packages = createRequire(native.resolve('typescript-native/package.json'));
    const platform = dirname(
      packages.resolve(`@typescript/typescript-${process.platform}-${process.arch}/package.json`),
    );
    const exe = join(platform, 'lib', process.platform === 'win32' ? 'tsc.exe' : 'tsc');
    return existsSync(exe) ? exe : undefined;
  } catch {
    return undefined;
  }
})();

/**
 * The environment a type check runs in. The compiler is written in Go, and Go's collector at its
 * default pace spent about 40 % of each check's CPU time here (Stripe's wire project: 4.9 s of
 * CPU, 3.0 s with the collector off). A check is a short-lived process, so the collector is off
 * until the heap nears `GOMEMLIMIT`, which bounds it (the largest check here peaks near 0.5 GB).
 * A caller's own GOGC or GOMEMLIMIT wins.
 */
function nativeTscEnv(): NodeJS.ProcessEnv {
  return { GOGC: 'off', GOMEMLIMIT: '2GiB', ...process.env };
}

/** Runs the native `tsc` with `args` in `cwd` (the executable directly when it is found). */
export function runNativeTsc(args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  const [command, argv] = nativeTscExecutable
    ? [nativeTscExecutable, args]
    : [process.execPath, [nativeTsc, ...args]];
  const run = spawnSync(command, argv, {
    cwd,
    encoding: 'utf8',
    env: nativeTscEnv(),
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw run.error;
  return run;
}

/**
 * Runs the native `tsc -p <project>` in `cwd` and returns its diagnostics as
 * `file:line:col message` lines (paths relative to `cwd`); empty means it compiles.
 */
export function checkProject(project: string, cwd: string): string[] {
  const run = runNativeTsc(['-p', project, '--pretty', 'false'], cwd);
  const output = `${run.stdout}${run.stderr}`;
  const diagnostics = parseDiagnostics(output);
  // A compiler that failed without a diagnostic we can read must not pass as "no errors".
  if (run.status !== 0 && diagnostics.length === 0) {
    return [`tsc -p ${project} exited with ${run.status ?? run.signal}: ${output.trim()}`];
  }
  return diagnostics;
}

const LOCATED = /^(.+)\((\d+),(\d+)\): (?:error|warning|message) TS\d+: (.*)$/;
const GLOBAL = /^(?:error|warning|message) TS\d+: (.*)$/;

/**
 * Reads `tsc --pretty false` output: one diagnostic per `file(line,col): error TSn: message` line,
 * the indented lines after it being the rest of its message chain (kept, joined by newlines).
 */
export function parseDiagnostics(output: string): string[] {
  const diagnostics: string[] = [];
  for (const line of output.split(/\r?\n/)) {
    const located = LOCATED.exec(line);
    const global = located ? null : GLOBAL.exec(line);
    if (located) diagnostics.push(`${located[1]}:${located[2]}:${located[3]} ${located[4]}`);
    else if (global) diagnostics.push(global[1]!);
    else if (line.trim() !== '' && diagnostics.length > 0) diagnostics.push(`${diagnostics.pop()}\n${line}`);
  }
  return diagnostics;
}

/**
 * Writes the `.ts` files of `files` under `root` and emits each as ES2022
 * JavaScript next to it with the native compiler, without type-checking (`noCheck`) or following
 * imports (`noResolve`): what `ts.transpileModule` did file by file, in one process for the batch
 * and without loading TypeScript 5.9 into the test. Type checks are `checkProject`'s job. Throws
 * with the compiler's output when it reports anything (a syntax error).
 *
 * @example emitJavaScript(dir, files); await import(pathToFileURL(join(dir, 'routes.js')).href);
 */
export function emitJavaScript(
  root: string,
  files: readonly { path: string; contents: string }[],
  options: { module?: 'ES2022' | 'ESNext'; verbatimModuleSyntax?: boolean } = {},
): void {
  const sources: string[] = [];
  for (const file of files) {
    if (!file.path.endsWith('.ts')) continue;
    const path = join(root, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.contents);
    sources.push(file.path);
  }
  if (sources.length === 0) return;
  const compilerOptions = {
    target: 'ES2022',
    module: options.module ?? 'ES2022',
    moduleResolution: 'bundler',
    verbatimModuleSyntax: options.verbatimModuleSyntax ?? false,
    noCheck: true,
    noResolve: true,
    skipLibCheck: true,
    types: [],
    lib: ['ES2022'],
  };
  const project = 'tsconfig.emit.json';
  writeFileSync(join(root, project), `${JSON.stringify({ compilerOptions, files: sources }, null, 2)}\n`);
  const diagnostics = checkProject(project, root);
  if (diagnostics.length > 0) {
    throw new Error(`emitting JavaScript in ${root} failed:\n${diagnostics.slice(0, 20).join('\n')}`);
  }
}
