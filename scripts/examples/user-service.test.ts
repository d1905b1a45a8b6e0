import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { runNativeTsc } from '../../test/native-tsc.js';
import { repoPath, repoRoot } from '../../test/paths.js';
import { exampleFiles } from './generate-user-service.js';

test('the examples’ generated code is up to date with specs/examples/user.json', async () => {
  for (const file of await exampleFiles()) {
    let committed = '';
    try {
      committed = readFileSync(repoPath(file.dir, file.path), 'utf8');
    } catch {
      // reported by the comparison below
    }
    assert.equal(
      committed,
      file.contents,
      `${file.dir}/${file.path} is stale: run node dist/scripts/examples/generate-user-service.js`,
    );
  }
});

test('the examples compile under strict settings and their own tests pass', () => {
  // Each example has its own tsconfig (examples/ is outside the main build); build them and run
  // their tests here so that the main test run covers them. The read model's end-to-end test
  // starts the user service's build, so the user service is built first.
  for (const example of ['user-service', 'user-read-model']) {
    const tsc = runNativeTsc(['-p', repoPath('examples', example)], repoRoot);
    assert.equal(tsc.status, 0, `tsc -p examples/${example} failed:\n${tsc.stdout}${tsc.stderr}`);
  }
  // Without NODE_TEST_CONTEXT: inherited from this test run, it makes the child report to a
  // parent runner that is not there, and it then runs nothing and exits 0.
  const { NODE_TEST_CONTEXT: _inherited, ...env } = process.env;
  for (const example of ['user-service', 'user-read-model']) {
    const run = spawnSync(process.execPath, ['--test', repoPath('examples', example, 'dist', 'test')], {
      encoding: 'utf8',
      env,
    });
    assert.equal(run.status, 0, `the tests of examples/${example} failed:\n${run.stdout}${run.stderr}`);
    const passed = Number(/^# pass (\d+)$/m.exec(run.stdout)?.[1] ?? 0);
    assert.ok(passed > 0, `the tests of examples/${example} ran nothing:\n${run.stdout}${run.stderr}`);
  }
});
