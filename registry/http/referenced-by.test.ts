import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN, type Http, registryOn } from '../../test/registry-harness.js';
import { STORE_KINDS } from '../../test/temporary-database.js';

const common = JSON.stringify({
  name: 'common',
  models: { money: { fields: [{ name: 'amount', type: 'decimal' }] } },
});

/** A spec of `name` with an `invoice` model; `importing` names the version of acme/common it imports. */
function importer(http: Http, name: string, importing: string | undefined, extra = 0): string {
  const fields: { name: string; type: string; required?: boolean }[] = [
    { name: 'total', type: importing ? 'common.v1.models.money' : 'decimal' },
  ];
  for (let i = 0; i < extra; i += 1) fields.push({ name: `note_${i}`, type: 'string', required: false });
  return JSON.stringify({
    name,
    ...(importing
      ? { imports: [{ uri: `${http.url}/services/acme/common/versions/${importing}/service` }] }
      : {}),
    models: { invoice: { fields } },
  });
}

for (const store of STORE_KINDS) {
  describe(store, () => {
    const withRegistry = registryOn(store);

    test('referenced-by names every live importing version, in semver order, and which one is latest', async () => {
      await withRegistry(async ({ http }) => {
        assert.equal((await http.publish('acme', 'common', '1.0.0', common)).status, 201);
        // billing imported common in 1.2.0 and 1.10.0 (semver order, not byte order), then stopped.
        for (const [version, spec] of [
          ['1.2.0', importer(http, 'billing', '1.0.0')],
          ['1.10.0', importer(http, 'billing', '1.0.0', 1)],
          ['1.11.0', importer(http, 'billing', '1.0.0', 2)],
        ] as const) {
          assert.equal((await http.publish('acme', 'billing', version, spec)).status, 201);
        }
        const dropped = await http.publish('acme', 'billing', '2.0.0', importer(http, 'billing', undefined), {
          force_reason: 'drop the import',
        });
        assert.equal(dropped.status, 201, dropped.text);
        // globex/shop's latest version imports it through `latest`.
        const shop = await http.publish('globex', 'shop', '1.0.0', importer(http, 'shop', 'latest'));
        assert.equal(shop.status, 201, shop.text);
        // A soft-deleted version is gone from the answer.
        const deleted = await http.request('DELETE', '/services/acme/billing/versions/1.11.0?reason=test', {
          token: ADMIN,
        });
        assert.equal(deleted.status, 204);

        const referrers = await http.request('GET', '/services/acme/common/referenced-by');
        assert.equal(referrers.status, 200);
        assert.deepEqual(referrers.json, [
          {
            from: 'acme/billing',
            from_version: '1.2.0',
            latest: false,
            to: 'acme/common',
            to_version: '1.0.0',
          },
          {
            from: 'acme/billing',
            from_version: '1.10.0',
            latest: false,
            to: 'acme/common',
            to_version: '1.0.0',
          },
          {
            from: 'globex/shop',
            from_version: '1.0.0',
            latest: true,
            to: 'acme/common',
            to_version: 'latest',
          },
        ]);
        // The delete refusal still counts latest versions only: billing's older ones do not block.
        const refused = await http.request('DELETE', '/services/acme/common?reason=cleanup', {
          token: ADMIN,
        });
        assert.equal(refused.status, 409);
        assert.deepEqual(refused.json.imported_by, [
          { organization: 'globex', application: 'shop', version: '1.0.0' },
        ]);
        assert.deepEqual((await http.request('GET', '/services/acme/billing/referenced-by')).json, []);
        assert.equal((await http.request('GET', '/services/acme/nothing/referenced-by')).status, 404);
      });
    });

    test('a private registry names only importing versions of organizations the token may read', async () => {
      await withRegistry(
        async ({ http }) => {
          await http.publish('acme', 'common', '1.0.0', common);
          await http.publish('acme', 'billing', '1.0.0', importer(http, 'billing', '1.0.0'));
          await http.publish('globex', 'shop', '1.0.0', importer(http, 'shop', '1.0.0'));
          const acmeReader = (
            await http.request('POST', '/tokens', {
              token: ADMIN,
              body: { organization: 'acme', role: 'read', description: 'acme reader' },
            })
          ).json.secret;
          const seen = await http.request('GET', '/services/acme/common/referenced-by', {
            token: acmeReader,
          });
          assert.equal(seen.status, 200);
          assert.deepEqual(
            seen.json.map((e: { from: string }) => e.from),
            ['acme/billing'],
          );
          const all = await http.request('GET', '/services/acme/common/referenced-by', { token: ADMIN });
          assert.deepEqual(
            all.json.map((e: { from: string }) => e.from),
            ['acme/billing', 'globex/shop'],
          );
          assert.equal((await http.request('GET', '/services/acme/common/referenced-by')).status, 401);
        },
        { anonymousReads: false },
      );
    });
  });
}
