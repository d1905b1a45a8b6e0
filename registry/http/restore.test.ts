import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN, registryOn, userSpec } from '../../test/registry-harness.js';
import { STORE_KINDS } from '../../test/temporary-database.js';

const v1 = userSpec({ id: 'string' });
const v11 = userSpec({ id: 'string', a: { type: 'string', required: false } });

for (const store of STORE_KINDS) {
  describe(store, () => {
    const withRegistry = registryOn(store);

    test('restore: a soft-deleted version comes back as latest, audited; a live or hard-deleted one cannot', async () => {
      await withRegistry(async ({ http }) => {
        await http.publish('acme', 'user', '1.0.0', v1);
        await http.publish('acme', 'user', '1.1.0', v11);
        const del = (path: string) => http.request('DELETE', `${path}?reason=oops`, { token: ADMIN });
        const restore = (path: string, token = ADMIN) => http.request('POST', `${path}/restore`, { token });
        assert.equal((await del('/services/acme/user/versions/1.1.0')).status, 204);
        assert.equal((await http.request('GET', '/services/acme/user')).json.latest_version, '1.0.0');

        const publisher = (
          await http.request('POST', '/tokens', {
            token: ADMIN,
            body: { organization: 'acme', role: 'publish', description: 'ci' },
          })
        ).json.secret;
        assert.equal((await restore('/services/acme/user/versions/1.1.0', publisher)).status, 403);
        const back = await restore('/services/acme/user/versions/1.1.0');
        assert.equal(back.status, 200, back.text);
        assert.deepEqual([back.json.version, back.json.previous_version], ['1.1.0', '1.0.0']);
        assert.equal((await http.request('GET', '/services/acme/user')).json.latest_version, '1.1.0');
        const audit = (await http.request('GET', '/audit', { token: ADMIN })).json[0];
        assert.deepEqual([audit.action, audit.target], ['restore-version', 'acme/user@1.1.0']);

        const live = await restore('/services/acme/user/versions/1.1.0');
        assert.equal(live.status, 409);
        assert.equal(live.json.errors[0].code, 'not-deleted');
        assert.equal(
          (
            await http.request('DELETE', '/services/acme/user/versions/1.1.0?reason=x&hard=true', {
              token: ADMIN,
            })
          ).status,
          204,
        );
        const gone = await restore('/services/acme/user/versions/1.1.0');
        assert.equal(gone.status, 404);
        assert.match(gone.json.errors[0].message, /a hard-deleted version is gone/);
        assert.equal((await restore('/services/acme/nothing/versions/1.0.0')).status, 404);
      });
    });

    test('restore: a soft-deleted service comes back with its versions; READONLY refuses it', async () => {
      await withRegistry(async ({ http }) => {
        await http.publish('acme', 'user', '1.0.0', v1);
        await http.publish('acme', 'user', '1.1.0', v11);
        assert.equal(
          (await http.request('DELETE', '/services/acme/user/versions/1.1.0?reason=x', { token: ADMIN }))
            .status,
          204,
        );
        assert.equal(
          (await http.request('DELETE', '/services/acme/user?reason=retired', { token: ADMIN })).status,
          204,
        );
        const first = await http.request('POST', '/services/acme/user/versions/1.1.0/restore', {
          token: ADMIN,
        });
        assert.equal(first.status, 409);
        assert.equal(first.json.errors[0].code, 'service-deleted');

        assert.equal(
          (await http.request('PUT', '/mode', { token: ADMIN, body: { mode: 'READONLY' } })).status,
          200,
        );
        const readOnly = await http.request('POST', '/services/acme/user/restore', { token: ADMIN });
        assert.equal(readOnly.status, 409);
        assert.equal(readOnly.json.errors[0].code, 'read-only');
        await http.request('PUT', '/mode', { token: ADMIN, body: { mode: 'READWRITE' } });

        const back = await http.request('POST', '/services/acme/user/restore', { token: ADMIN });
        assert.equal(back.status, 200, back.text);
        assert.deepEqual([back.json.application, back.json.latest_version], ['user', '1.0.0']);
        // The version deleted on its own stays deleted until restored on its own.
        assert.equal((await http.request('GET', '/services/acme/user/versions/1.1.0')).status, 404);
        assert.equal(
          (await http.request('POST', '/services/acme/user/restore', { token: ADMIN })).status,
          409,
        );
        assert.equal(
          (await http.request('POST', '/services/acme/user/versions/1.1.0/restore', { token: ADMIN })).status,
          200,
        );
        assert.equal((await http.request('GET', '/services/acme/user')).json.latest_version, '1.1.0');
        assert.equal((await http.publish('acme', 'user', '1.2.0', v11)).status, 201, 'publishes again');
      });
    });
  });
}
