import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { GeneratorError, resolveGenerators } from './registry.js';

function moduleDir(modules: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'canon-registry-'));
  for (const [file, contents] of Object.entries(modules)) writeFileSync(join(dir, file), contents);
  return dir;
}

const generatorModule = (name: string, dependencies: string[]) =>
  `export const generator = { name: ${JSON.stringify(name)}, description: 'test', options: { defaults: {}, schema: {} }, dependencies: ${JSON.stringify(dependencies)}, generate: () => [] };\n`;

test('built-ins resolve with their dependencies first, each once', async () => {
  const names = (await resolveGenerators(['typescript-mock-client', 'typescript-types'])).map((g) => g.name);
  assert.deepEqual(names, ['typescript-types', 'typescript-client', 'typescript-mock-client']);
});

test('an unknown generator names itself and the one that asked for it', async () => {
  await assert.rejects(resolveGenerators(['nope']), (error: unknown) => {
    assert.ok(error instanceof GeneratorError);
    assert.equal(error.code, 'unknown-generator');
    assert.match(error.message, /'nope'.*Known generators: typescript-types/);
    return true;
  });
  const baseDir = moduleDir({ 'a.mjs': generatorModule('a', ['missing']) });
  await assert.rejects(
    resolveGenerators(['a'], { modules: ['./a.mjs'], baseDir }),
    /'missing' \(a dependency of 'a'\)/,
  );
});

test('a dependency cycle is an error naming the generators on it', async () => {
  const baseDir = moduleDir({ 'a.mjs': generatorModule('a', ['b']), 'b.mjs': generatorModule('b', ['a']) });
  await assert.rejects(
    resolveGenerators(['a'], { modules: ['./a.mjs', './b.mjs'], baseDir }),
    (error: unknown) => {
      assert.ok(error instanceof GeneratorError);
      assert.equal(error.code, 'generator-cycle');
      assert.match(error.message, /a → b → a/);
      return true;
    },
  );
});

test('third-party modules must have the generator shape and a free name', async () => {
  const baseDir = moduleDir({
    'bad.mjs': 'export const generator = { name: "bad" };\n',
    'clash.mjs': generatorModule('typescript-types', []),
  });
  await assert.rejects(
    resolveGenerators([], { modules: ['./bad.mjs'], baseDir }),
    /not a Canon generator: `description` must be a string; `generate` must be a function/,
  );
  await assert.rejects(resolveGenerators([], { modules: ['./clash.mjs'], baseDir }), /already taken/);
  await assert.rejects(
    resolveGenerators([], { modules: ['no-such-package-xyz'], baseDir }),
    /cannot find generator package 'no-such-package-xyz'/,
  );
});
