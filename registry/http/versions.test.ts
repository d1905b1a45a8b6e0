import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rawPublishBody, rawRequest } from '../../test/raw-http.js';
import { ADMIN, userSpec, withRegistry } from '../../test/registry-harness.js';
import { STORE_KINDS } from '../../test/temporary-database.js';
import { MAX_PRERELEASE_LENGTH } from '../version-key.js';

const admin = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
const spec = rawPublishBody(userSpec({ id: 'string' }));

test('build metadata is refused: one version never has two names', async () => {
  await withRegistry(async ({ url }) => {
    const built = await rawRequest(url, 'PUT', '/services/acme/user/versions/1.2.0+b7', admin, spec);
    assert.equal(built.status, 422);
    assert.equal(built.json.errors[0].code, 'invalid-version');
    assert.match(built.json.errors[0].message, /build metadata .*Publish it as 1\.2\.0\./);
    const encoded = await rawRequest(url, 'PUT', '/services/acme/user/versions/1.2.0%2Bb7', admin, spec);
    assert.equal(encoded.status, 422);
    assert.equal(
      (await rawRequest(url, 'PUT', '/services/acme/user/versions/1.2.0', admin, spec)).status,
      201,
    );
    assert.equal((await rawRequest(url, 'GET', '/services/acme/user/versions/1.2.0')).json.version, '1.2.0');
  });
});

test('a prerelease is at most 64 characters', async () => {
  await withRegistry(async ({ url }) => {
    const long = await rawRequest(
      url,
      'PUT',
      `/services/acme/user/versions/1.0.0-${'a'.repeat(5000)}`,
      admin,
      spec,
    );
    assert.equal(long.status, 422);
    assert.match(long.json.errors[0].message, /5000 characters; the limit is 64/);
    assert.ok(long.text.length < 1000, 'the answer does not echo the whole version');
    const fits = `1.0.0-${'a'.repeat(MAX_PRERELEASE_LENGTH)}`;
    assert.equal(
      (await rawRequest(url, 'PUT', `/services/acme/user/versions/${fits}`, admin, spec)).status,
      201,
    );
    const versions = (await rawRequest(url, 'GET', '/services/acme/user/versions')).json;
    assert.deepEqual(
      versions.map((v: { version: string }) => v.version),
      [fits],
    );
  });
});

for (const store of STORE_KINDS) {
  test(`latest is the highest release; a prerelease only while there is no release (${store})`, async () => {
    await withRegistry(
      async ({ url }) => {
        const publish = async (version: string) => {
          const answer = await rawRequest(url, 'PUT', `/services/acme/user/versions/${version}`, admin, spec);
          assert.equal(answer.status, 201, answer.text.slice(0, 300));
        };
        const latest = async () => (await rawRequest(url, 'GET', '/services/acme/user')).json.latest_version;
        await publish('1.0.0-rc.1');
        assert.equal(await latest(), '1.0.0-rc.1');
        // A new major changes the api.json namespace: let it.
        const policy = JSON.stringify({ policy: 'major-may-break' });
        assert.equal((await rawRequest(url, 'PUT', '/services/acme/user/policy', admin, policy)).status, 200);
        await publish('1.0.0');
        assert.equal(await latest(), '1.0.0');
        await publish('2.0.0-rc.1');
        assert.equal(await latest(), '1.0.0', 'a prerelease above the highest release is not latest');
        assert.equal(
          (await rawRequest(url, 'GET', '/services/acme/user/versions/latest')).json.version,
          '1.0.0',
        );
        const original = await rawRequest(url, 'GET', '/services/acme/user/versions/latest/service');
        assert.equal(original.headers['x-canon-version'], '1.0.0');
        await publish('1.1.0');
        assert.equal(await latest(), '1.1.0');
        await publish('2.0.0');
        assert.equal(await latest(), '2.0.0');
        await publish('1.2.0');
        assert.equal(await latest(), '2.0.0', 'a patch for an older line is not latest');
      },
      { store },
    );
  });
}
