import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN, registryOn, userSpec } from '../../test/registry-harness.js';
import { STORE_KINDS } from '../../test/temporary-database.js';

const v1 = userSpec({ id: 'string', email: 'string' });
const v2 = userSpec({ id: 'string', email: 'string', age: { type: 'integer', required: false } });

for (const store of STORE_KINDS) {
  describe(store, () => {
    const withRegistry = registryOn(store);

    test('reads: services, versions, one version, latest, original bytes, normalized IR', async () => {
      await withRegistry(async ({ http }) => {
        const original = `${v1}\n\n`;
        await http.publish('acme', 'user', '1.0.0', original);
        await http.publish('acme', 'user', '1.1.0', v2);

        assert.equal((await http.request('GET', '/_internal_/healthcheck')).json.status, 'healthy');
        const service = await http.request('GET', '/services/acme/user');
        assert.deepEqual(
          { ...service.json, created_at: undefined, created_by: undefined },
          {
            organization: 'acme',
            application: 'user',
            name: 'user',
            policy: 'backward',
            latest_version: '1.1.0',
            created_at: undefined,
            created_by: undefined,
          },
        );
        const versions = await http.request('GET', '/services/acme/user/versions');
        assert.deepEqual(
          versions.json.map((v: { version: string }) => v.version),
          ['1.0.0', '1.1.0'],
        );
        assert.equal(
          (await http.request('GET', '/services/acme/user/versions/latest')).json.version,
          '1.1.0',
        );
        assert.equal((await http.request('GET', '/services/acme/user/versions/1.0.0')).json.version, '1.0.0');

        const raw = await http.request('GET', '/services/acme/user/versions/1.0.0/original');
        assert.equal(raw.text, original, 'the original is served byte for byte');
        const ir = await http.request('GET', '/services/acme/user/versions/latest/service');
        assert.equal(ir.status, 200);
        assert.equal(ir.json.version, '1.1.0');
        assert.deepEqual(ir.json.organization, { key: 'acme' });
        assert.equal(ir.headers.get('x-canon-version'), '1.1.0');
        assert.equal(ir.headers.get('cache-control'), 'no-cache');

        const etag = ir.headers.get('etag')!;
        assert.match(etag, /^"[0-9a-f]{64}"$/);
        const notModified = await http.request('GET', '/services/acme/user/versions/latest/service', {
          headers: { 'if-none-match': etag },
        });
        assert.equal(notModified.status, 304);
        const pinned = await http.request('GET', '/services/acme/user/versions/1.1.0/service');
        assert.match(pinned.headers.get('cache-control')!, /immutable/);
        const head = await fetch(`${http.url}/services/acme/user/versions/latest/service`, {
          method: 'HEAD',
        });
        assert.equal(head.status, 200);
        assert.equal(head.headers.get('etag'), etag);
      });
    });

    test('change log between any two versions, in either order', async () => {
      await withRegistry(async ({ http }) => {
        await http.publish('acme', 'user', '1.0.0', v1);
        await http.publish('acme', 'user', '1.1.0', v2);
        const forward = await http.request('GET', '/services/acme/user/changes?from=1.0.0&to=1.1.0');
        assert.equal(forward.status, 200);
        assert.ok(
          forward.json.changes.some(
            (c: { path: string; level: string }) => c.path === 'models/user/fields/age',
          ),
        );
        const latest = await http.request('GET', '/services/acme/user/changes?from=1.0.0');
        assert.deepEqual(latest.json, forward.json);
        const backward = await http.request('GET', '/services/acme/user/changes?from=1.1.0&to=1.0.0');
        assert.ok(backward.json.changes.some((c: { level: string }) => c.level === 'breaking'));
        assert.equal((await http.request('GET', '/services/acme/user/changes')).status, 400);
        assert.equal((await http.request('GET', '/services/acme/user/changes?from=9.9.9')).status, 404);
        assert.equal(
          (await http.request('GET', '/services/acme/user/changes?from=1.0.0&from=1.1.0')).status,
          400,
        );
      });
    });

    test('checks and validations store nothing', async () => {
      await withRegistry(async ({ http }) => {
        await http.publish('acme', 'user', '1.0.0', v1);
        const breaking = await http.request('POST', '/services/acme/user/checks', {
          body: { original: userSpec({ id: 'string' }) },
        });
        assert.equal(breaking.status, 200);
        assert.equal(breaking.json.compatible, false);
        assert.equal(breaking.json.against, '1.0.0');
        const fine = await http.request('POST', '/services/acme/user/checks', { body: { original: v2 } });
        assert.equal(fine.json.compatible, true);
        const fresh = await http.request('POST', '/services/acme/new/checks', { body: { original: v2 } });
        assert.deepEqual(fresh.json, { compatible: true, policy: 'backward', changes: [] });

        const valid = await http.request('POST', '/validations', { body: { original: v1 } });
        assert.deepEqual(valid.json, { valid: true, format: 'api.json', errors: [], warnings: [] });
        const invalid = await http.request('POST', '/validations', { body: { original: '{"models": 1}' } });
        assert.equal(invalid.status, 200);
        assert.equal(invalid.json.valid, false);
        assert.ok(invalid.json.errors.length > 0);
        assert.equal((await http.request('GET', '/services')).json.length, 1);
      });
    });

    test('search by text and organization, with paging', async () => {
      await withRegistry(async ({ http }) => {
        await http.publish('acme', 'user', '1.0.0', v1);
        await http.publish(
          'acme',
          'billing',
          '1.0.0',
          userSpec({ id: 'string' }, { name: 'Billing Service' }),
        );
        await http.publish('zeta', 'user', '1.0.0', v1);
        const keys = async (query: string) =>
          (await http.request('GET', `/services${query}`)).json.map(
            (s: { organization: string; application: string }) => `${s.organization}/${s.application}`,
          );
        assert.deepEqual(await keys(''), ['acme/billing', 'acme/user', 'zeta/user']);
        assert.deepEqual(await keys('?q=BILLING'), ['acme/billing']);
        assert.deepEqual(await keys('?q=user&organization=zeta'), ['zeta/user']);
        assert.deepEqual(await keys('?limit=1&offset=1'), ['acme/user']);
        assert.equal((await http.request('GET', '/services?limit=-1')).status, 400);
      });
    });

    test('not found: service, version, documents', async () => {
      await withRegistry(async ({ http }) => {
        await http.publish('acme', 'user', '1.0.0', v1);
        for (const path of [
          '/services/acme/nobody',
          '/services/acme/nobody/versions',
          '/services/acme/user/versions/2.0.0',
          '/services/acme/user/versions/2.0.0/original',
          '/services/acme/nobody/versions/latest/service',
        ]) {
          const answer = await http.request('GET', path);
          assert.equal(answer.status, 404, path);
          assert.equal(answer.json.errors[0].code, 'not-found', path);
        }
      });
    });

    test('an organization namespace prefixes the default namespace of its api.json specs', async () => {
      await withRegistry(async ({ http }) => {
        assert.equal((await http.request('GET', '/organizations/acme')).status, 404);
        const set = (namespace: unknown, token?: string) =>
          http.request('PUT', '/organizations/acme', { ...(token ? { token } : {}), body: { namespace } });
        assert.equal((await set('com.acme')).status, 401);
        assert.equal((await set('Com..Acme', ADMIN)).status, 422);
        const org = await set('com.acme', ADMIN);
        assert.equal(org.status, 200);
        assert.equal(org.json.namespace, 'com.acme');
        assert.equal((await http.request('GET', '/organizations/acme')).json.namespace, 'com.acme');

        await http.publish('acme', 'user', '1.2.0', v1);
        const ir = (await http.request('GET', '/services/acme/user/versions/latest/service')).json;
        assert.equal(ir.namespace, 'com.acme.user.v1');
        await http.publish('other', 'user', '1.2.0', v1);
        assert.equal(
          (await http.request('GET', '/services/other/user/versions/latest/service')).json.namespace,
          'user.v1',
        );
      });
    });

    test('a YAML original is served as YAML, byte for byte', async () => {
      await withRegistry(async ({ http }) => {
        const yaml = [
          'openapi: 3.0.3',
          'info: { title: pets, version: 1.0.0 }',
          'paths:',
          '  /pets:',
          '    get:',
          '      responses:',
          "        '200': { description: ok }",
          '',
        ].join('\n');
        const published = await http.publish('acme', 'pets', '1.0.0', yaml, { file: 'openapi.yaml' });
        assert.equal(published.status, 201, published.text);
        assert.equal(published.json.version.format, 'openapi');
        const original = await http.request('GET', '/services/acme/pets/versions/latest/original');
        assert.equal(original.text, yaml);
        assert.match(original.headers.get('content-type') ?? '', /^application\/yaml/);
        const ir = await http.request('GET', '/services/acme/pets/versions/latest/service');
        assert.match(ir.headers.get('content-type') ?? '', /^application\/json/);
      });
    });

    test('the healthcheck touches the database: 503 when it cannot answer', async () => {
      await withRegistry(async ({ http, registry }) => {
        assert.equal((await http.request('GET', '/_internal_/healthcheck')).status, 200);
        await registry.store.close();
        const down = await http.request('GET', '/_internal_/healthcheck');
        assert.equal(down.status, 503);
        assert.equal(down.json.errors[0].code, 'unhealthy');
      });
    });

    test('a check compares as the registry would store it: under its application key and version', async () => {
      await withRegistry(async ({ http }) => {
        await http.publish('acme', 'people', '1.0.0', v1);
        const same = await http.request('POST', '/services/acme/people/checks', { body: { original: v1 } });
        assert.deepEqual(same.json, { compatible: true, policy: 'backward', against: '1.0.0', changes: [] });
      });
    });
  });
}
