import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { ADMIN, withRegistry } from '../../test/registry-harness.js';
import { runCanon } from '../../test/spawn.js';

const userJson = () => readFile(new URL('../../../specs/examples/user.json', import.meta.url), 'utf8');

test('canon trace over a real socket: text, JSON, and an unreachable registry', async () => {
  await withRegistry(async ({ http, url }) => {
    assert.equal((await http.publish('canon', 'user', '1.0.0', await userJson())).status, 201);
    const env = { CANON_TOKEN: ADMIN };
    const text = await runCanon(['trace', '--registry', url], { env });
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^personal_data: \d+ field\(s\)/);
    assert.match(text.stdout, /canon\/user 1\.0\.0 {2}user\.email/);
    assert.match(text.stdout, /Event streams:\n {2}canon\/user 1\.0\.0 {2}user_event/);

    const json = await runCanon(['trace', 'personal_data', '--registry', url, '--format', 'json'], { env });
    assert.equal(json.code, 0);
    assert.equal(JSON.parse(json.stdout).annotation, 'personal_data');

    const none = await runCanon(['trace', 'no_such_annotation', '--registry', url], { env });
    assert.match(none.stdout, /no_such_annotation: 0 field\(s\), 0 type\(s\)/);
  });
  const unreachable = await runCanon(['trace', '--registry', 'http://127.0.0.1:9'], {});
  assert.equal(unreachable.code, 2);
});
