import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sourceFiles, sourceImports } from './source-imports.js';

/**
 * The layering of the tree (design.md, "Layout"): core at the bottom, generators on it, the
 * registry server on both, the CLI on top. Each rule names the files it governs and the imports
 * they must not make. Test files (`*.test.ts`) may also import the test support in `test/`,
 * which is compiled to `dist/test` and not shipped.
 */
interface LayerRule {
  description: string;
  governs: (file: string) => boolean;
  forbids: (target: string, file: string) => boolean;
}

const under = (folder: string) => (path: string) => path.startsWith(`${folder}/`);
const isTest = (file: string) => file.endsWith('.test.ts');

const RULES: LayerRule[] = [
  {
    description: 'core/ imports nothing of the project outside core/ (tests: also test/)',
    governs: under('core'),
    forbids: (target, file) => !under('core')(target) && !(isTest(file) && under('test')(target)),
  },
  {
    description: 'generators/ imports neither cli/ nor registry/',
    governs: under('generators'),
    forbids: (target) => under('cli')(target) || under('registry')(target),
  },
  {
    description: 'registry/ (the server) imports nothing of cli/',
    governs: under('registry'),
    forbids: under('cli'),
  },
];

function violations(files: readonly string[]): string[] {
  const found: string[] = [];
  for (const file of files) {
    for (const { specifier, target } of sourceImports(file)) {
      if (target === undefined) continue;
      for (const rule of RULES) {
        if (rule.governs(file) && rule.forbids(target, file)) {
          found.push(`${file} imports '${specifier}': ${rule.description}`);
        }
      }
    }
  }
  return found;
}

/**
 * Every project file the shipped entry point can load, following static imports, `export … from`
 * and literal `import()` alike (a lazy import still ships).
 */
function reachableFrom(entry: string): Set<string> {
  const seen = new Set<string>();
  const pending = [entry];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const { target } of sourceImports(file)) if (target !== undefined) pending.push(target);
  }
  return seen;
}

test('no layer imports a layer above it', () => {
  const files = sourceFiles(['core', 'generators', 'registry', 'cli']);
  assert.ok(files.length > 100, `only ${files.length} source files found; is the repository root right?`);
  assert.deepEqual(violations(files), []);
});

test('what the canon binary loads needs no test support', () => {
  const shipped = [...reachableFrom('cli/bin.ts')];
  // Commands, the OpenAPI importer and the diff engine load lazily, through literal import()s.
  for (const file of ['cli/commands/serve.ts', 'core/openapi/import.ts', 'core/diff/index.ts']) {
    assert.ok(shipped.includes(file), `the walk should reach ${file}`);
  }
  assert.deepEqual(
    shipped.filter((file) => under('test')(file) || isTest(file)),
    [],
  );
});
