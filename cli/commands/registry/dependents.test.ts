import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN, type Http, registryOn } from '../../../test/registry-harness.js';
import { runCanon } from '../../../test/spawn.js';
import { STORE_KINDS } from '../../../test/temporary-database.js';

const registryCli =
  (url: string, token = ADMIN) =>
  (...args: string[]) =>
    runCanon(['registry', ...args, '--registry', url], { env: { CANON_TOKEN: token } });

const common = JSON.stringify({
  name: 'common',
  models: { money: { fields: [{ name: 'amount', type: 'decimal' }] } },
});

/** `name` with an `invoice` model whose total is acme/common's money (at `importing`), or a decimal. */
const invoices = (http: Http, name: string, importing: string | undefined, notes = 0) =>
  JSON.stringify({
    name,
    ...(importing
      ? { imports: [{ uri: `${http.url}/services/acme/common/versions/${importing}/service` }] }
      : {}),
    models: {
      invoice: {
        fields: [
          { name: 'total', type: importing ? 'common.v1.models.money' : 'decimal' },
          ...Array.from({ length: notes }, (_, i) => ({
            name: `note_${i}`,
            type: 'string',
            required: false,
          })),
        ],
      },
    },
  });

for (const store of STORE_KINDS) {
  describe(store, () => {
    const withRegistry = registryOn(store);

    test('canon registry dependents, graph and a delete refused while imported', async () => {
      await withRegistry(async ({ url, http }) => {
        const admin = registryCli(url);
        assert.equal((await http.publish('acme', 'common', '1.0.0', common)).status, 201);
        assert.equal(
          (await http.publish('acme', 'billing', '1.0.0', invoices(http, 'billing', '1.0.0'))).status,
          201,
        );
        assert.equal(
          (await http.publish('acme', 'billing', '1.1.0', invoices(http, 'billing', '1.0.0', 1))).status,
          201,
        );
        const shop = await http.publish('globex', 'shop', '3.0.0', invoices(http, 'shop', 'latest'));
        assert.equal(shop.status, 201, shop.text);

        const text = await admin('dependents', 'acme/common');
        assert.equal(text.code, 0, text.stderr);
        assert.equal(
          text.stdout,
          [
            'acme/common is imported by 2 service(s), 3 version(s):',
            '  acme/billing 1.0.0  imports 1.0.0',
            '  acme/billing 1.1.0  imports 1.0.0  (latest)',
            '  globex/shop 3.0.0   imports latest  (latest)',
            '',
          ].join('\n'),
        );
        const json = JSON.parse((await admin('dependents', 'acme/common', '--format', 'json')).stdout);
        assert.deepEqual(json[0], {
          from: 'acme/billing',
          from_version: '1.0.0',
          latest: false,
          to: 'acme/common',
          to_version: '1.0.0',
        });
        assert.equal(
          (await admin('dependents', 'acme/billing')).stdout,
          'acme/billing: no other service imports it.\n',
        );
        const unknown = await admin('dependents', 'acme/nothing');
        assert.equal(unknown.code, 1);
        assert.match(unknown.stdout, /^acme\/nothing: refused \(404\)\.\n {2}not-found: /);

        const refused = await admin('delete', 'acme/common', '1.0.0', '--reason', 'cleanup');
        assert.equal(refused.code, 1);
        assert.equal(
          refused.stdout,
          [
            'acme/common 1.0.0: refused (409).',
            '  imported: acme/common 1.0.0 is imported by acme/billing 1.1.0 (its latest version). Publish a version of it without the import first, then delete.',
            '  imported: acme/common 1.0.0 is imported by globex/shop 3.0.0 (its latest version). Publish a version of it without the import first, then delete.',
            'Every version that imports it: canon registry dependents acme/common',
            '',
          ].join('\n'),
        );
        const asJson = await admin(
          'delete',
          'acme/common',
          '--service',
          '--reason',
          'cleanup',
          '--format',
          'json',
        );
        assert.equal(asJson.code, 1);
        assert.deepEqual(JSON.parse(asJson.stdout).imported_by, [
          { organization: 'acme', application: 'billing', version: '1.1.0' },
          { organization: 'globex', application: 'shop', version: '3.0.0' },
        ]);
        assert.equal((await http.request('GET', '/services/acme/common/versions/1.0.0')).status, 200, 'kept');

        const graph = await admin('graph', 'acme');
        assert.equal(graph.code, 0, graph.stderr);
        assert.equal(
          graph.stdout,
          [
            'acme: 2 service(s), 2 import(s)',
            '',
            'acme/billing',
            '  imports     acme/common 1.0.0',
            '',
            'acme/common',
            '  imported by acme/billing 1.1.0',
            '  imported by globex/shop 3.0.0',
            '',
          ].join('\n'),
        );
        const graphJson = JSON.parse((await admin('graph', '--org', 'globex', '--format', 'json')).stdout);
        assert.deepEqual(graphJson.services, ['globex/shop']);
        assert.equal(graphJson.edges[0].to, 'acme/common');
        const noOrg = await admin('graph');
        assert.equal(noOrg.code, 2);
        assert.match(noOrg.stderr, /name the organization, e.g. 'canon registry graph acme', or give --org/);
      });
    });

    test('canon registry namespace and dependents on a private registry', async () => {
      await withRegistry(
        async ({ url, http }) => {
          const admin = registryCli(url);
          const set = await admin('namespace', 'acme', 'com.acme');
          assert.equal(set.code, 0, set.stderr);
          assert.equal(set.stdout, 'acme: namespace set to com.acme.\n');
          assert.equal((await admin('namespace', 'acme')).stdout, 'acme: com.acme\n');
          const bad = await admin('namespace', 'acme', 'Not A Namespace');
          assert.equal(bad.code, 1);
          assert.match(bad.stdout, /invalid-field at \/namespace: /);

          await http.publish('acme', 'common', '1.0.0', common);
          await http.publish('globex', 'shop', '1.0.0', invoices(http, 'shop', '1.0.0'));
          const anonymous = await registryCli(url, '')('dependents', 'acme/common');
          assert.equal(anonymous.code, 2);
          assert.match(anonymous.stderr, /failed \(401\)/);
          const acmeReader = (
            await http.request('POST', '/tokens', {
              token: ADMIN,
              body: { organization: 'acme', role: 'read', description: 'reader' },
            })
          ).json.secret;
          const hidden = await registryCli(url, acmeReader)('dependents', 'acme/common');
          assert.equal(
            hidden.stdout,
            'acme/common: no other service imports it.\n',
            'globex is not readable',
          );
        },
        { anonymousReads: false },
      );
    });
  });
}
