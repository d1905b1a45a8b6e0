import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rawPublishBody, rawRequest } from '../../test/raw-http.js';
import { ADMIN, withRegistry } from '../../test/registry-harness.js';

const SECRET = JSON.stringify({
  name: 'secret',
  models: { launch_code: { fields: [{ name: 'code', type: 'string' }] } },
});

/** A spec that imports another organization's service and uses its model. */
const BRIDGE = JSON.stringify({
  name: 'bridge',
  imports: [{ uri: 'http://registry.example/services/globex/secret/versions/1.0.0/service' }],
  models: { bridge: { fields: [{ name: 'stolen', type: 'secret.v1.models.launch_code' }] } },
});

test("private mode: an npm package carries an import's types only for a caller who may read it", async () => {
  await withRegistry(
    async ({ url }) => {
      const admin = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
      const publish = async (path: string, spec: string) =>
        assert.equal((await rawRequest(url, 'PUT', path, admin, rawPublishBody(spec))).status, 201);
      await publish('/services/globex/secret/versions/1.0.0', SECRET);
      // An operator publishes a version of acme's that imports globex.
      await publish('/services/acme/bridge/versions/1.0.0', BRIDGE);
      const token = (
        await rawRequest(
          url,
          'POST',
          '/tokens',
          admin,
          JSON.stringify({ organization: 'acme', role: 'read', description: 'acme npm' }),
        )
      ).json.secret as string;
      const acme = { authorization: `Bearer ${token}` };

      // The operator's install builds and caches the package first: acme must not get it from the cache.
      const tarball = '/npm/@acme/bridge-client/-/bridge-client-1.0.0.tgz';
      assert.equal((await rawRequest(url, 'GET', '/npm/@acme%2fbridge-client', admin)).status, 200);
      for (const path of ['/npm/@acme%2fbridge-client', tarball]) {
        const answer = await rawRequest(url, 'GET', path, acme);
        assert.equal(answer.status, 403, `${path}: ${answer.text.slice(0, 300)}`);
        assert.equal(answer.json.errors[0].code, 'forbidden-import');
        assert.doesNotMatch(answer.text, /launch_code|LaunchCode/);
      }
    },
    { anonymousReads: false },
  );
});
