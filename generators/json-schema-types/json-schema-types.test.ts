import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadSpec } from '../../core/load.js';
import { repoPath } from '../../test/paths.js';
import { typeCheck } from '../testing/compile.js';
import { checkGolden } from '../testing/golden.js';
import { injectedCalls } from '../testing/injection.js';
import { commonService, hostileService, peopleService } from '../testing/sample-services.js';
import { generator } from './index.js';

test('json-schema-to-typescript types for the people sample match the golden file and compile strictly', () => {
  const files = generator.generate({ service: peopleService, imports: [commonService], options: {} });
  assert.deepEqual(
    files.map((f) => f.path),
    ['json-schema-types.ts'],
  );
  checkGolden('generators/json-schema-types/golden/people', files);
  assert.deepEqual(typeCheck(new Map([['people', files]])).errors, []);
  const again = generator.generate({
    service: structuredClone(peopleService),
    imports: [structuredClone(commonService)],
    options: {},
  });
  assert.deepEqual(again, files, 'deterministic');
});

test('the example user service (its event union included) compiles, and a value of each event type checks', async () => {
  const loaded = await loadSpec(readFileSync(repoPath('specs/examples/user.json'), 'utf8'), {
    file: 'user.json',
  });
  const files = generator.generate({ service: loaded.service!, imports: [], options: {} });
  assert.match(files[0]!.contents, /export interface UserDeleted \{\n {2}event_id: string\n/);
  const usage = {
    path: 'usage.ts',
    contents: `import type { UserDeleted } from './json-schema-types.js';\nexport const deleted: UserDeleted = { event_id: 'e', timestamp: '2026-01-01T00:00:00Z', id: 'u' };\n`,
  };
  assert.deepEqual(typeCheck(new Map([['user', [...files, usage]]])).errors, []);
});

test('a hostile spec compiles and injects nothing', () => {
  const files = generator.generate({ service: hostileService, imports: [], options: {} });
  assert.deepEqual(typeCheck(new Map([['hostile', files]])).errors, []);
  assert.deepEqual(injectedCalls(files[0]!.contents), []);
  checkGolden('generators/json-schema-types/golden/hostile', files);
});
