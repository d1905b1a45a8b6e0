import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN, registryOn, userSpec } from '../../test/registry-harness.js';
import { STORE_KINDS } from '../../test/temporary-database.js';

const v1 = userSpec({ id: 'string', email: 'string' });
const v1Added = userSpec({ id: 'string', email: 'string', age: { type: 'integer', required: false } });
const v1Removed = userSpec({ id: 'string' });

for (const store of STORE_KINDS) {
  describe(store, () => {
    const withRegistry = registryOn(store);

    test('publish stores a version, is idempotent, and refuses different content under the same version', async () => {
      await withRegistry(async ({ http }) => {
        const created = await http.publish('acme', 'user', '1.0.0', v1);
        assert.equal(created.status, 201);
        assert.equal(created.json.status, 'created');
        assert.equal(created.json.version.version, '1.0.0');
        assert.match(created.json.version.content_hash, /^sha256:[0-9a-f]{64}$/);
        assert.match(created.json.version.published_by, /^token:tok_/);

        const again = await http.publish('acme', 'user', '1.0.0', v1);
        assert.equal(again.status, 200);
        assert.equal(again.json.status, 'exists');
        assert.deepEqual(again.json.version, created.json.version);

        const conflict = await http.publish('acme', 'user', '1.0.0', v1Added);
        assert.equal(conflict.status, 409);
        assert.equal(conflict.json.errors[0].code, 'version-exists');
        assert.equal((await http.request('GET', '/services/acme/user/versions')).json.length, 1);
      });
    });

    test('the gate refuses a breaking change with the changes, accepts a compatible one with its change log', async () => {
      await withRegistry(async ({ http }) => {
        await http.publish('acme', 'user', '1.0.0', v1);
        const refused = await http.publish('acme', 'user', '1.1.0', v1Removed);
        assert.equal(refused.status, 409);
        assert.ok(refused.json.errors.some((e: { code: string }) => e.code === 'breaking-change'));
        assert.ok(refused.json.changes.length > 0);
        assert.ok(
          refused.json.changes.every(
            (c: { level: string; against: string }) => c.level === 'breaking' && c.against === '1.0.0',
          ),
        );

        const accepted = await http.publish('acme', 'user', '1.1.0', v1Added);
        assert.equal(accepted.status, 201);
        assert.equal(accepted.json.version.previous_version, '1.0.0');
        assert.ok(
          accepted.json.version.changes.some((c: { path: string }) => c.path === 'models/user/fields/age'),
        );
        assert.ok(accepted.json.version.changes.every((c: { level: string }) => c.level !== 'breaking'));
      });
    });

    test('a new major version with the same content passes the default policy: its derived namespace is no wire change', async () => {
      await withRegistry(async ({ http }) => {
        await http.publish('acme', 'user', '1.0.0', v1);
        const next = await http.publish('acme', 'user', '2.0.0', v1);
        assert.equal(next.status, 201, JSON.stringify(next.json));
        const namespace = next.json.version.changes.find((c: { path: string }) => c.path === 'namespace');
        assert.equal(namespace.rule, 'derived-namespace-changed');
        assert.equal(namespace.level, 'info');
      });
    });

    test('dry runs store nothing; an admin can force a breaking change with a reason; others cannot', async () => {
      await withRegistry(async ({ http }) => {
        await http.publish('acme', 'user', '1.0.0', v1);
        const dry = await http.publish('acme', 'user', '1.0.1', v1Added, { dry_run: true });
        assert.equal(dry.status, 200);
        assert.equal(dry.json.status, 'dry-run');
        const dryBreaking = await http.publish('acme', 'user', '1.0.1', v1Removed, { dry_run: true });
        assert.equal(dryBreaking.status, 409);
        assert.equal((await http.request('GET', '/services/acme/user/versions')).json.length, 1);

        const publisher = await http.request('POST', '/tokens', {
          token: ADMIN,
          body: { organization: 'acme', role: 'publish', description: 'ci' },
        });
        const notAdmin = await http.publish(
          'acme',
          'user',
          '1.1.0',
          v1Removed,
          { force_reason: 'please' },
          publisher.json.secret,
        );
        assert.equal(notAdmin.status, 403);
        const empty = await http.publish('acme', 'user', '1.1.0', v1Removed, { force_reason: '  ' });
        assert.equal(empty.status, 422);

        const forced = await http.publish('acme', 'user', '1.1.0', v1Removed, {
          force_reason: 'email moved to the contact service',
        });
        assert.equal(forced.status, 201);
        assert.equal(forced.json.version.forced_reason, 'email moved to the contact service');
        assert.ok(forced.json.version.changes.some((c: { level: string }) => c.level === 'breaking'));
        const stored = await http.request('GET', '/services/acme/user/versions/1.1.0');
        assert.equal(stored.json.forced_reason, 'email moved to the contact service');

        const needless = await http.publish('acme', 'user', '1.2.0', v1Removed, {
          force_reason: 'just in case',
        });
        assert.equal(needless.status, 201);
        assert.equal(
          needless.json.version.forced_reason,
          undefined,
          'a reason is kept only when it was needed',
        );
      });
    });

    test('policies: none, major-may-break and backward-transitive', async () => {
      await withRegistry(async ({ http }) => {
        await http.publish('acme', 'user', '1.0.0', v1);
        const setPolicy = (policy: string) =>
          http.request('PUT', '/services/acme/user/policy', { token: ADMIN, body: { policy } });

        assert.equal((await setPolicy('major-may-break')).json.policy, 'major-may-break');
        assert.equal((await http.publish('acme', 'user', '1.1.0', v1Removed)).status, 409);
        assert.equal((await http.publish('acme', 'user', '2.0.0', v1Removed)).status, 201);

        assert.equal((await setPolicy('none')).status, 200);
        assert.equal((await http.publish('acme', 'user', '2.1.0', userSpec({ id: 'long' }))).status, 201);

        // backward compares 2.1.1 with 2.1.0 only; backward-transitive also with 1.0.0 and 2.0.0,
        // whose consumers read `id` as a string.
        assert.equal((await setPolicy('backward')).status, 200);
        const same = userSpec({ id: 'long' });
        assert.equal((await http.publish('acme', 'user', '2.1.1', same)).status, 201);
        assert.equal((await setPolicy('backward-transitive')).status, 200);
        const transitive = await http.publish('acme', 'user', '2.1.2', same);
        assert.equal(transitive.status, 409, 'breaks consumers of 1.0.0 and 2.0.0');
        assert.ok(transitive.json.changes.some((c: { against: string }) => c.against === '1.0.0'));

        const bad = await setPolicy('sometimes');
        assert.equal(bad.status, 422);
        assert.equal(bad.json.errors[0].path, '/policy');
        assert.equal(
          (
            await http.request('PUT', '/services/acme/nobody/policy', {
              token: ADMIN,
              body: { policy: 'none' },
            })
          ).status,
          404,
        );
      });
    });

    test('a version published between two others is checked against both and relinks the change log', async () => {
      await withRegistry(async ({ http }) => {
        await http.publish('acme', 'user', '1.0.0', v1);
        await http.publish(
          'acme',
          'user',
          '1.2.0',
          userSpec({
            id: 'string',
            email: 'string',
            age: { type: 'integer', required: false },
            nick: { type: 'string', required: false },
          }),
        );
        const middle = await http.publish('acme', 'user', '1.1.0', v1Added);
        assert.equal(middle.status, 201);
        const versions = (await http.request('GET', '/services/acme/user/versions')).json;
        assert.deepEqual(
          versions.map((v: { version: string }) => v.version),
          ['1.0.0', '1.1.0', '1.2.0'],
        );
        assert.equal(versions[2].previous_version, '1.1.0');
        assert.deepEqual(
          versions[2].changes
            .filter((c: { rule: string }) => c.rule !== 'version-changed')
            .map((c: { path: string }) => c.path),
          ['models/user/fields/nick'],
        );
        assert.equal((await http.request('GET', '/services/acme/user')).json.latest_version, '1.2.0');

        // Without `age`, 1.1.5 breaks the consumers of its predecessor 1.1.0.
        assert.equal((await http.publish('acme', 'user', '1.1.5', v1)).status, 409);
      });
    });

    test('an invalid spec, version or key is refused with every problem (422)', async () => {
      await withRegistry(async ({ http }) => {
        const invalid = await http.publish(
          'acme',
          'user',
          '1.0.0',
          JSON.stringify({
            name: 'user',
            models: {
              user: {
                fields: [
                  { name: 'x', type: 'nope' },
                  { name: 'y', type: 'nada' },
                ],
              },
            },
          }),
        );
        assert.equal(invalid.status, 422);
        assert.ok(invalid.json.errors.length >= 2);
        assert.ok(
          invalid.json.errors.every(
            (e: { code: string; path: string; message: string }) =>
              e.code && typeof e.path === 'string' && e.message,
          ),
        );
        assert.equal((await http.publish('acme', 'user', 'one', v1)).json.errors[0].code, 'invalid-version');
        assert.equal(
          (await http.publish('Acme!', 'user', '1.0.0', v1)).json.errors[0].code,
          'invalid-organization-key',
        );
        assert.equal((await http.publish('acme', 'user', '1.0.0', '{"name": ')).status, 422);
        assert.equal((await http.request('GET', '/services')).json.length, 0);
      });
    });

    test('event unions belong to one service', async () => {
      await withRegistry(async ({ http }) => {
        const withEvents = (name: string) =>
          JSON.stringify({
            name,
            models: { user_upserted: { fields: [{ name: 'event_id', type: 'string' }] } },
            unions: { user_event: { discriminator: 'discriminator', types: [{ type: 'user_upserted' }] } },
          });
        assert.equal((await http.publish('acme', 'user', '1.0.0', withEvents('user'))).status, 201);
        assert.equal((await http.publish('acme', 'user', '1.0.1', withEvents('user'))).status, 201);
        const stolen = await http.publish('acme', 'audit', '1.0.0', withEvents('audit'));
        assert.equal(stolen.status, 409);
        assert.equal(stolen.json.errors[0].code, 'event-union-owned');
        assert.equal(stolen.json.errors[0].path, '/unions/user_event');
        assert.equal(
          (await http.publish('other', 'audit', '1.0.0', withEvents('audit'))).status,
          201,
          'other organizations have their own streams',
        );
        const owners = await http.request('GET', '/events?organization=acme');
        assert.deepEqual(owners.json, [{ organization: 'acme', union: 'user_event', application: 'user' }]);
      });
    });

    test('imports resolve from the registry itself, in its own URLs and in API Builder style', async () => {
      await withRegistry(async ({ http }) => {
        const common = JSON.stringify({
          name: 'common',
          models: { money: { fields: [{ name: 'amount', type: 'decimal' }] } },
        });
        assert.equal((await http.publish('acme', 'common', '1.0.0', common)).status, 201);
        const importing = (uri: string) =>
          JSON.stringify({
            name: 'billing',
            imports: [{ uri }],
            models: { invoice: { fields: [{ name: 'total', type: 'common.v1.models.money' }] } },
          });
        const ours = await http.publish(
          'acme',
          'billing',
          '1.0.0',
          importing(`${http.url}/services/acme/common/versions/latest/service`),
        );
        assert.equal(ours.status, 201, JSON.stringify(ours.json));
        const apiBuilderStyle = await http.publish(
          'acme',
          'billing',
          '1.0.1',
          importing('https://example.com/acme/common/1.0.0/service.json'),
        );
        assert.equal(apiBuilderStyle.status, 201, JSON.stringify(apiBuilderStyle.json));
        const ir = (await http.request('GET', '/services/acme/billing/versions/1.0.1/service')).json;
        assert.equal(ir.imports[0].namespace, 'common.v1');
        const missing = await http.publish(
          'acme',
          'billing',
          '1.0.2',
          importing('https://example.com/acme/nothing/1.0.0/service.json'),
        );
        assert.equal(missing.status, 422);
        assert.ok(missing.json.errors.some((e: { code: string }) => e.code === 'unresolved-import'));
      });
    });
  });
}
