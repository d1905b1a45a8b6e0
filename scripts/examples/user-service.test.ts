import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { nativeTsc } from '../../test/native-tsc.js';
import { repoPath } from '../../test/paths.js';
import { GENERATED_DIR, userServiceFiles } from './generate-user-service.js';

test('the example service’s generated code is up to date with specs/examples/user.json', async () => {
  for (const file of await userServiceFiles()) {
    let committed = '';
    try {
      committed = readFileSync(repoPath(GENERATED_DIR, file.path), 'utf8');
    } catch {
      // reported by the comparison below
    }
    assert.equal(
      committed,
      file.contents,
      `${GENERATED_DIR}/${file.path} is stale: run node dist/scripts/examples/generate-user-service.js`,
    );
  }
});

test('the example service compiles under strict settings and its own tests pass', () => {
  // The example has its own tsconfig (examples/ is outside the main build); build it and run its
  // tests here so that the main test run covers it.
  const tsc = spawnSync(process.execPath, [nativeTsc, '-p', repoPath('examples', 'user-service')], {
    encoding: 'utf8',
  });
  assert.equal(tsc.status, 0, `tsc failed:\n${tsc.stdout}${tsc.stderr}`);
  const run = spawnSync(process.execPath, ['--test', repoPath('examples', 'user-service', 'dist', 'test')], {
    encoding: 'utf8',
  });
  assert.equal(run.status, 0, `the example's tests failed:\n${run.stdout}${run.stderr}`);
});
