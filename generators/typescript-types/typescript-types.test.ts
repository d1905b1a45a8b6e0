import assert from 'node:assert/strict';
import { test } from 'node:test';
import { typeCheck } from '../testing/compile.js';
import { checkGolden } from '../testing/golden.js';
import { injectedCalls } from '../testing/injection.js';
import { commonService, hostileService, peopleService } from '../testing/sample-services.js';
import { generator } from './index.js';

test('types for the people sample match the golden files and compile strictly', () => {
  const files = generator.generate({ service: peopleService, imports: [commonService], options: {} });
  assert.deepEqual(
    files.map((file) => file.path),
    ['types.ts', 'imports/io.canon.common.v0.ts'],
  );
  checkGolden('generators/typescript-types/golden/people', files);
  const { errors } = typeCheck(new Map([['people', files]]));
  assert.deepEqual(errors, []);
});

test('generation is deterministic', () => {
  const a = generator.generate({ service: peopleService, imports: [commonService], options: {} });
  const b = generator.generate({
    service: structuredClone(peopleService),
    imports: [structuredClone(commonService)],
    options: {},
  });
  assert.deepEqual(a, b);
});

test('an import that was not provided becomes unknown, not a broken import', () => {
  const files = generator.generate({ service: peopleService, imports: [], options: {} });
  assert.equal(files.length, 1);
  assert.match(files[0]!.contents, /balance\?: unknown;/);
  assert.deepEqual(typeCheck(new Map([['people', files]])).errors, []);
});

test('a hostile spec compiles and injects nothing', async () => {
  const files = generator.generate({ service: hostileService, imports: [], options: {} });
  const contents = files[0]!.contents;
  assert.deepEqual(typeCheck(new Map([['hostile', files]])).errors, []);
  assert.deepEqual(
    injectedCalls("const a = ''; process.exit(1);"),
    ['process.exit'],
    'the probe sees real calls',
  );
  assert.deepEqual(injectedCalls(contents), []);
  assert.match(contents, /process\.exit/, 'the hostile text is there, inert');
  assert.doesNotMatch(contents, /[\u2028\u2029]/);
  checkGolden('generators/typescript-types/golden/hostile', files);
});
