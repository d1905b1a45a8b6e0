import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoPath } from '../test/paths.js';

const root = repoPath('generators');

/** A generator folder is one whose index.ts exports a `generator`; the others are shared parts. */
function generatorFolders(): string[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .filter((name) => {
      try {
        return /export const generator\b/.test(readFileSync(join(root, name, 'index.ts'), 'utf8'));
      } catch {
        return false;
      }
    });
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*'(\.\.\/[^']+)'/g;

test('no generator folder imports another generator folder (they share generators/shared/ instead)', () => {
  const generators = generatorFolders();
  assert.ok(generators.includes('typescript-client') && generators.includes('express-routes'));
  const offences: string[] = [];
  for (const folder of generators) {
    for (const file of readdirSync(join(root, folder))) {
      // Tests may run a generator's dependencies to compile its output with theirs.
      if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
      const text = readFileSync(join(root, folder, file), 'utf8');
      for (const match of text.matchAll(IMPORT)) {
        const target = match[1]!.split('/')[1]!;
        if (target !== folder && generators.includes(target))
          offences.push(`generators/${folder}/${file} imports ${match[1]}`);
      }
    }
  }
  assert.deepEqual(offences, [], 'move what two generators share to generators/shared/');
});
