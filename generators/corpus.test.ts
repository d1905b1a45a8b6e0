import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadSpec } from '../core/load.js';
import { corpusPath } from '../test/paths.js';
import type { GeneratedFile } from './contract.js';
import { typeCheck } from './testing/compile.js';
import { generator as client } from './typescript-client/index.js';
import { generator as mock } from './typescript-mock-client/index.js';
import { generator as types } from './typescript-types/index.js';

const FOLDERS = ['apibuilder/spec', 'apibuilder-generator', 'flow'];

test('types, client and mock client of every corpus spec compile under strict tsc with zero errors', async () => {
  const sets = new Map<string, GeneratedFile[]>();
  for (const folder of FOLDERS) {
    for (const file of readdirSync(corpusPath(folder))
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const loaded = await loadSpec(readFileSync(corpusPath(folder, file), 'utf8'), { file });
      assert.ok(loaded.service, `${folder}/${file} did not load`);
      const input = { service: loaded.service, imports: loaded.imports, options: {} };
      sets.set(`${folder}/${file.replace(/\.json$/, '')}`, [
        ...types.generate(input),
        ...client.generate(input),
        ...mock.generate(input),
      ]);
    }
  }
  assert.ok(sets.size >= 30, `expected the whole corpus, found ${sets.size} specs`);
  const { errors } = typeCheck(sets);
  assert.deepEqual(errors.slice(0, 20), [], `${errors.length} type errors`);
});
