import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN, registryOn, userSpec } from '../../test/registry-harness.js';
import { STORE_KINDS } from '../../test/temporary-database.js';

const v1 = userSpec({ id: 'string' });
const v11 = userSpec({ id: 'string', a: { type: 'string', required: false } });
const v12 = userSpec({
  id: 'string',
  a: { type: 'string', required: false },
  b: { type: 'string', required: false },
});

const versionsOf = async (
  http: { request: (m: string, p: string) => Promise<{ json: unknown }> },
  app = 'user',
) =>
  ((await http.request('GET', `/services/acme/${app}/versions`)).json as { version: string }[]).map(
    (v) => v.version,
  );

for (const store of STORE_KINDS) {
  describe(store, () => {
    const withRegistry = registryOn(store);

    test('soft delete: hidden from reads, latest moves back, the number is not reused, the reason is audited', async () => {
      await withRegistry(async ({ http }) => {
        for (const [version, spec] of [
          ['1.0.0', v1],
          ['1.1.0', v11],
          ['1.2.0', v12],
        ] as const) {
          assert.equal((await http.publish('acme', 'user', version, spec)).status, 201);
        }
        const noReason = await http.request('DELETE', '/services/acme/user/versions/1.2.0', { token: ADMIN });
        assert.equal(noReason.status, 400);
        const reader = (
          await http.request('POST', '/tokens', {
            token: ADMIN,
            body: { organization: 'acme', role: 'publish', description: 'ci' },
          })
        ).json.secret;
        const path = '/services/acme/user/versions/1.2.0?reason=leaked%20a%20field';
        assert.equal((await http.request('DELETE', path, { token: reader })).status, 403);
        assert.equal((await http.request('DELETE', path, { token: ADMIN })).status, 204);
        assert.equal((await http.request('DELETE', path, { token: ADMIN })).status, 404, 'already deleted');

        assert.deepEqual(await versionsOf(http), ['1.0.0', '1.1.0']);
        assert.equal((await http.request('GET', '/services/acme/user')).json.latest_version, '1.1.0');
        assert.equal((await http.request('GET', '/services/acme/user/versions/1.2.0')).status, 404);
        assert.equal(
          (await http.request('GET', '/services/acme/user/versions/latest/service')).json.version,
          '1.1.0',
        );
        const again = await http.publish('acme', 'user', '1.2.0', v12);
        assert.equal(again.status, 409);
        assert.equal(again.json.errors[0].code, 'version-deleted');
        const audit = (await http.request('GET', '/audit', { token: ADMIN })).json[0];
        assert.deepEqual(
          [audit.action, audit.target, audit.detail],
          ['delete-version', 'acme/user@1.2.0', 'leaked a field'],
        );
        // A new version follows the deleted one in the change log: it is still history.
        assert.equal((await http.publish('acme', 'user', '1.3.0', v12)).status, 201);
        assert.equal(
          (await http.request('GET', '/services/acme/user/versions/1.3.0')).json.previous_version,
          '1.2.0',
        );
      });
    });

    test('hard delete: the next version is relinked to the one before, and the number is free again', async () => {
      await withRegistry(async ({ http }) => {
        await http.publish('acme', 'user', '1.0.0', v1);
        await http.publish('acme', 'user', '1.1.0', v11);
        await http.publish('acme', 'user', '1.2.0', v12);
        const gone = await http.request(
          'DELETE',
          '/services/acme/user/versions/1.1.0?reason=wrong&hard=true',
          {
            token: ADMIN,
          },
        );
        assert.equal(gone.status, 204);
        assert.deepEqual(await versionsOf(http), ['1.0.0', '1.2.0']);
        const next = (await http.request('GET', '/services/acme/user/versions/1.2.0')).json;
        assert.equal(next.previous_version, '1.0.0');
        assert.deepEqual(
          next.changes
            .filter((c: { rule: string }) => c.rule !== 'version-changed')
            .map((c: { path: string }) => c.path),
          ['models/user/fields/a', 'models/user/fields/b'],
        );
        assert.equal((await http.publish('acme', 'user', '1.1.0', v11)).status, 201);
        assert.equal(
          (await http.request('GET', '/services/acme/user/versions/1.2.0')).json.previous_version,
          '1.1.0',
        );
      });
    });

    test("deletes are refused while another service's latest version imports it", async () => {
      await withRegistry(async ({ http }) => {
        const common = JSON.stringify({
          name: 'common',
          models: { money: { fields: [{ name: 'amount', type: 'decimal' }] } },
        });
        await http.publish('acme', 'common', '1.0.0', common);
        const billing = (imports: boolean) =>
          JSON.stringify({
            name: 'billing',
            ...(imports
              ? { imports: [{ uri: `${http.url}/services/acme/common/versions/1.0.0/service` }] }
              : {}),
            models: {
              invoice: { fields: [{ name: 'total', type: imports ? 'common.v1.models.money' : 'decimal' }] },
            },
          });
        assert.equal((await http.publish('acme', 'billing', '1.0.0', billing(true))).status, 201);
        for (const path of ['/services/acme/common/versions/1.0.0', '/services/acme/common']) {
          const refused = await http.request('DELETE', `${path}?reason=cleanup`, { token: ADMIN });
          assert.equal(refused.status, 409, path);
          assert.equal(refused.json.errors[0].code, 'imported');
          assert.deepEqual(refused.json.imported_by, [
            { organization: 'acme', application: 'billing', version: '1.0.0' },
          ]);
        }
        // Once billing's latest version no longer imports it, common may go.
        const next = await http.publish('acme', 'billing', '2.0.0', billing(false), {
          force_reason: 'drop the import',
        });
        assert.equal(next.status, 201, next.text);
        assert.equal(
          (await http.request('DELETE', '/services/acme/common?reason=cleanup', { token: ADMIN })).status,
          204,
        );
        assert.equal((await http.request('GET', '/services/acme/common')).status, 404);
        assert.deepEqual(
          ((await http.request('GET', '/services')).json as { application: string }[]).map(
            (s) => s.application,
          ),
          ['billing'],
        );
      });
    });

    test('a deleted service refuses publishes until it is hard-deleted', async () => {
      await withRegistry(async ({ http }) => {
        await http.publish('acme', 'user', '1.0.0', v1);
        assert.equal(
          (await http.request('DELETE', '/services/acme/user?reason=retired', { token: ADMIN })).status,
          204,
        );
        const refused = await http.publish('acme', 'user', '1.1.0', v11);
        assert.equal(refused.status, 409);
        assert.equal(refused.json.errors[0].code, 'service-deleted');
        const hard = await http.request('DELETE', '/services/acme/user?reason=retired&hard=true', {
          token: ADMIN,
        });
        assert.equal(hard.status, 204);
        assert.equal((await http.publish('acme', 'user', '1.1.0', v11)).status, 201);
        assert.deepEqual(await versionsOf(http), ['1.1.0']);
      });
    });

    test('READONLY mode, for the registry and for one service', async () => {
      await withRegistry(async ({ http }) => {
        await http.publish('acme', 'user', '1.0.0', v1);
        await http.publish('acme', 'other', '1.0.0', v1);
        assert.deepEqual((await http.request('GET', '/mode')).json, { mode: 'READWRITE' });
        const set = (path: string, mode: string) =>
          http.request('PUT', path, { token: ADMIN, body: { mode } });
        assert.equal((await set('/mode', 'READONLY')).status, 200);
        const refused = await http.publish('acme', 'user', '1.1.0', v11);
        assert.equal(refused.status, 409);
        assert.equal(refused.json.errors[0].code, 'read-only');
        assert.equal(
          (await http.request('DELETE', '/services/acme/user?reason=x', { token: ADMIN })).status,
          409,
          'deletes too',
        );
        assert.equal(
          (await http.request('GET', '/services/acme/user/versions/latest')).status,
          200,
          'reads go on',
        );
        await set('/mode', 'READWRITE');

        assert.equal((await set('/services/acme/user/mode', 'READONLY')).status, 200);
        assert.deepEqual((await http.request('GET', '/services/acme/user/mode')).json, { mode: 'READONLY' });
        assert.equal((await http.publish('acme', 'user', '1.1.0', v11)).status, 409);
        assert.equal(
          (await http.publish('acme', 'other', '1.1.0', v11)).status,
          201,
          'other services are open',
        );
        await set('/services/acme/user/mode', 'READWRITE');
        assert.equal((await http.publish('acme', 'user', '1.1.0', v11)).status, 201);
        assert.equal((await set('/mode', 'SOMETIMES')).status, 422);
        assert.equal((await http.request('PUT', '/mode', { body: { mode: 'READONLY' } })).status, 401);
        assert.equal((await set('/services/acme/nothing/mode', 'READONLY')).status, 404);
      });
    });

    test('version ranges in reads: ^, ~ and x pick the highest release in them', async () => {
      await withRegistry(async ({ http }) => {
        await http.publish('acme', 'user', '1.0.0', v1);
        await http.publish('acme', 'user', '1.2.0', v11);
        await http.publish('acme', 'user', '1.3.0-rc.1', v12);
        await http.publish('acme', 'user', '2.0.0', userSpec({ id: 'long' }), {
          force_reason: 'ids are numbers',
        });
        const get = (path: string) => http.request('GET', `/services/acme/user/versions/${path}`);
        assert.equal((await get('^1.0')).json.version, '1.2.0');
        assert.equal((await get('%5E1.0')).json.version, '1.2.0', 'percent-encoded');
        assert.equal((await get('~1.0')).json.version, '1.0.0');
        assert.equal((await get('1.x')).json.version, '1.2.0');
        assert.equal((await get('2')).json.version, '2.0.0');
        const doc = await get('1.x/service');
        assert.equal(doc.json.version, '1.2.0');
        assert.equal(doc.headers.get('cache-control'), 'no-cache');
        assert.equal(doc.headers.get('x-canon-version'), '1.2.0');
        assert.match((await get('1.2.0/service')).headers.get('cache-control') ?? '', /immutable/);
        const none = await get('^3');
        assert.equal(none.status, 404);
        assert.match(none.json.errors[0].message, /1\.0\.0, 1\.2\.0, 1\.3\.0-rc\.1, 2\.0\.0/);
        const changes = await http.request('GET', '/services/acme/user/changes?from=~1.0&to=1.x');
        assert.deepEqual([changes.json.from, changes.json.to], ['1.0.0', '1.2.0']);
      });
    });

    test('lookup by content hash: every version stored with it', async () => {
      await withRegistry(async ({ http }) => {
        const first = (await http.publish('acme', 'user', '1.0.0', v1)).json.version;
        await http.publish('acme', 'user', '1.1.0', v11);
        const found = await http.request('GET', `/contents/${first.content_hash}`);
        assert.equal(found.status, 200);
        assert.equal(found.json.content_hash, first.content_hash);
        assert.deepEqual(
          found.json.versions.map((v: { version: string }) => v.version),
          ['1.0.0'],
        );
        assert.equal((await http.request('GET', `/contents/sha256:${'0'.repeat(64)}`)).status, 404);
      });
    });
  });
}
