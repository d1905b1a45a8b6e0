import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { parseDiagnostics } from '../../test/native-tsc.js';
import { repoPath } from '../../test/paths.js';
import { STRICT_OPTIONS, typeCheck } from './compile.js';
import { injectedCalls } from './injection.js';
import { compilerOptionsToTsconfig } from './tsconfig-options.js';

const optionalSet = new Map([
  ['a', [{ path: 'x.ts', contents: 'interface P { y?: string }\nexport const p: P = { y: undefined };\n' }]],
]);

test('typeCheck reports file:line:col and the whole message chain; extra options override the strict ones', () => {
  assert.deepEqual(typeCheck(optionalSet).errors, [
    "a/x.ts:2:14 Type '{ y: undefined; }' is not assignable to type 'P' with 'exactOptionalPropertyTypes: true'. Consider adding 'undefined' to the types of the target's properties.\n" +
      "  Types of property 'y' are incompatible.\n" +
      "    Type 'undefined' is not assignable to type 'string'.",
  ]);
  assert.deepEqual(typeCheck(optionalSet, { exactOptionalPropertyTypes: false }).errors, []);
});

test('diagnostics without a file are reported as their message, chain included', () => {
  assert.deepEqual(parseDiagnostics("error TS5023: Unknown compiler option 'bogus'.\n"), [
    "Unknown compiler option 'bogus'.",
  ]);
  assert.deepEqual(typeCheck(optionalSet, { types: ['no-such-types-package'] }).errors, [
    "Cannot find type definition file for 'no-such-types-package'.\n  The file is in the program because:\n    Entry point of type library 'no-such-types-package' specified in compilerOptions",
  ]);
});

test('API compiler options become tsconfig.json options: enums by name, libs by short name', () => {
  // STRICT_OPTIONS, spelled as the API takes them, are what typeCheck writes to its tsconfig.json.
  const strictAsApi: ts.CompilerOptions = {
    strict: true,
    noUncheckedIndexedAccess: true,
    exactOptionalPropertyTypes: true,
    verbatimModuleSyntax: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    skipLibCheck: true,
  };
  assert.deepEqual(compilerOptionsToTsconfig(strictAsApi), STRICT_OPTIONS);
  const written = JSON.parse(readFileSync(join(typeCheck(optionalSet).root, 'tsconfig.json'), 'utf8'));
  assert.deepEqual(written.compilerOptions, STRICT_OPTIONS);
  assert.deepEqual(compilerOptionsToTsconfig({ target: ts.ScriptTarget.Latest }), { target: 'ESNext' });
  assert.throws(
    () => compilerOptionsToTsconfig({ newLine: ts.NewLineKind.LineFeed }),
    /newLine cannot be written to a tsconfig\.json yet/,
  );
});

/** Every identifier `process` TypeScript's parser finds in `text`: what `injectedCalls` must see. */
function processIdentifiers(text: string): number {
  const source = ts.createSourceFile('probe.ts', text, ts.ScriptTarget.ES2022, true);
  let count = 0;
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && node.text === 'process') count++;
    ts.forEachChild(node, visit);
  };
  visit(source);
  return count;
}

test("injectedCalls finds what TypeScript's parser finds: snippets, hostile generated code, the repository's sources", async () => {
  const snippets = [
    "const a = ''; process.exit(1);",
    'const s = \'process.exit(1)\'; const d = "process"; // process.exit\n/* process.exit(1) */',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text with a template in it
    'const t = `process ${process.pid} ${`${process.env}`} process`;',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: source text with a template in it
    'const t = `a ${ { b: `c ${process.x}` }.b } process`; process.y;',
    "const r = /process\\/[/]x/g.test('x'); const q = a / process.b / 2;",
    'function f() { return /process/.source; } f() / process.c;',
    'x++ / process.d / 2; y-- / 1;',
    "const o = { process: 1, in: 2 }; o.in / process.e; o['process'];",
    '/** @example process.exit(1) */ export const z = (a: number) => a / 2 / process.f;',
    'const e = \'it\\\'s process\'; const g = "\\"process\\""; process?.h;',
  ];
  const { resolveGenerators } = await import('../registry.js');
  const { runGenerators } = await import('../run.js');
  const { hostileService } = await import('./sample-services.js');
  const names = [
    'typescript-types',
    'typescript-client',
    'typescript-mock-client',
    'express-routes',
    'json-schema-types',
  ];
  const generated = runGenerators(await resolveGenerators(names), hostileService, []).filter((f) =>
    f.path.endsWith('.ts'),
  );
  // The runtimes (regular expressions, nested templates), and the sources here that use process.
  const sources = ['generators/runtime', 'cli', 'test'].flatMap((dir) =>
    readdirSync(repoPath(dir), { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(repoPath(dir, f), 'utf8'))
      .filter((text) => dir === 'generators/runtime' || /\bprocess\b/.test(text)),
  );
  const texts = [...snippets, ...generated.map((f) => f.contents), ...sources];
  assert.ok(generated.length >= 5 && sources.length > 20);
  const differing = texts
    .map((text, index) => ({
      index,
      lexer: injectedCalls(text).length,
      parser: processIdentifiers(text),
    }))
    .filter((r) => r.lexer !== r.parser);
  assert.deepEqual(differing, []);
  assert.ok(
    texts.some((text) => processIdentifiers(text) > 0),
    'some of them use process',
  );
});
