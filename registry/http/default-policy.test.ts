import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN, registryOn, userSpec } from '../../test/registry-harness.js';
import { STORE_KINDS } from '../../test/temporary-database.js';

const v1 = userSpec({ id: 'string' });

for (const store of STORE_KINDS) {
  describe(store, () => {
    const withRegistry = registryOn(store);

    test('the default policy: new services start with it, existing ones keep theirs, only a * admin sets it', async () => {
      await withRegistry(async ({ http }) => {
        assert.equal((await http.publish('acme', 'old', '1.0.0', v1)).status, 201);
        assert.deepEqual((await http.request('GET', '/policy')).json, { policy: 'backward' });

        const acmeAdmin = (
          await http.request('POST', '/tokens', {
            token: ADMIN,
            body: { organization: 'acme', role: 'admin', description: 'acme admin' },
          })
        ).json.secret;
        const body = { policy: 'major-may-break' };
        assert.equal((await http.request('PUT', '/policy', { token: acmeAdmin, body })).status, 403);
        assert.equal((await http.request('PUT', '/policy', { body })).status, 401);
        const bad = await http.request('PUT', '/policy', { token: ADMIN, body: { policy: 'lenient' } });
        assert.equal(bad.status, 422);
        assert.equal(bad.json.errors[0].path, '/policy');
        const set = await http.request('PUT', '/policy', { token: ADMIN, body });
        assert.deepEqual([set.status, set.json], [200, body]);
        assert.deepEqual((await http.request('GET', '/policy')).json, body);

        const checked = await http.request('POST', '/services/acme/new/checks', {
          token: ADMIN,
          body: { original: v1 },
        });
        assert.equal(checked.json.policy, 'major-may-break', 'a check of a service to be');
        assert.equal((await http.publish('acme', 'new', '1.0.0', v1)).status, 201);
        assert.equal((await http.request('GET', '/services/acme/new')).json.policy, 'major-may-break');
        assert.equal((await http.request('GET', '/services/acme/old')).json.policy, 'backward');
        // The new service's gate takes a breaking change under a new major.
        assert.equal((await http.publish('acme', 'new', '2.0.0', userSpec({ id: 'long' }))).status, 201);
        const audit = (await http.request('GET', '/audit', { token: ADMIN })).json.find(
          (e: { action: string }) => e.action === 'set-default-policy',
        );
        assert.deepEqual([audit.target, audit.detail], ['*', 'major-may-break']);
      });
    });
  });
}

test('a private registry answers the default policy to tokens only', async () => {
  await registryOn('sqlite')(
    async ({ http }) => {
      assert.equal((await http.request('GET', '/policy')).status, 401);
      assert.equal((await http.request('GET', '/policy', { token: ADMIN })).json.policy, 'backward');
    },
    { anonymousReads: false },
  );
});
