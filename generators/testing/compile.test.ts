import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import ts from 'typescript';
import { parseDiagnostics } from '../../test/native-tsc.js';
import { STRICT_OPTIONS, typeCheck } from './compile.js';
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
