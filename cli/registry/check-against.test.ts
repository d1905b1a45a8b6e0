import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ADMIN, userSpec, withRegistry } from '../../test/registry-harness.js';
import { runCanon } from '../../test/spawn.js';

test('canon check --against-registry compares with the latest published version', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canon-check-registry-'));
  try {
    await withRegistry(async ({ url, http }) => {
      await http.request('PUT', '/organizations/acme', { token: ADMIN, body: { namespace: 'com.acme' } });
      await http.publish('acme', 'user', '1.0.0', userSpec({ id: 'string', email: 'string' }));
      await http.publish('acme', 'user', '2.0.0', userSpec({ id: 'string', email: 'string' }));
      writeFileSync(
        join(dir, 'canon.config.json'),
        JSON.stringify({ registry: { url, organization: 'acme' } }),
      );
      writeFileSync(join(dir, 'same.json'), userSpec({ id: 'string', email: 'string' }));
      writeFileSync(
        join(dir, 'added.json'),
        userSpec({ id: 'string', email: 'string', nick: { type: 'string', required: false } }),
      );
      writeFileSync(join(dir, 'removed.json'), userSpec({ id: 'string' }));
      writeFileSync(join(dir, 'other.json'), userSpec({ id: 'string' }, { name: 'brand new' }));
      const check = (...args: string[]) =>
        runCanon(['check', '--against-registry', '--no-lint', ...args], { cwd: dir });

      const same = await check('same.json', '--format', 'json');
      assert.equal(same.code, 0, same.stdout + same.stderr);
      assert.deepEqual(
        JSON.parse(same.stdout).changes,
        [],
        'loaded as the next version of 2.0.0: no artefacts',
      );

      const added = await check('added.json', '--format', 'json');
      assert.equal(added.code, 0, added.stderr);
      assert.deepEqual(
        JSON.parse(added.stdout).changes.map((c: { path: string }) => c.path),
        ['models/user/fields/nick'],
      );

      const removed = await check('removed.json');
      assert.equal(removed.code, 1);
      assert.match(removed.stdout, /email/);

      const fresh = await check('other.json', '--format', 'json');
      assert.equal(fresh.code, 0);
      assert.equal(JSON.parse(fresh.stdout).specs[0].status, 'new');

      const named = await check('removed.json', '--app', 'nobody');
      assert.equal(named.code, 0, 'a service the registry does not hold is new');
    });
    const unreachable = await runCanon(
      ['check', 'same.json', '--against-registry', '--registry', 'http://127.0.0.1:9'],
      { cwd: dir },
    );
    assert.equal(unreachable.code, 2);
    assert.match(unreachable.stderr, /cannot read the organization acme from the registry/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
