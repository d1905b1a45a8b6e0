import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type RawAnswer, rawPublishBody, rawRequest } from '../../test/raw-http.js';
import { ADMIN, withRegistry } from '../../test/registry-harness.js';

const SECRET = JSON.stringify({
  name: 'secret',
  models: { launch_code: { fields: [{ name: 'code', type: 'string' }] } },
});

/** The attacker's spec: imports a service of another organization and uses its model. */
const importing = (org: string, app: string) =>
  JSON.stringify({
    name: 'spy',
    imports: [{ uri: `http://registry.example/services/${org}/${app}/versions/1.0.0/service` }],
    models: { spy: { fields: [{ name: 'stolen', type: `${app}.v1.models.launch_code` }] } },
  });

/** An answer with what may differ between two requests (the service names in it) blanked out. */
const shape = (answer: RawAnswer) => ({
  status: answer.status,
  body: answer.text.replaceAll('globex', 'ORG').replaceAll('secret', 'APP').replaceAll('ghost', 'APP'),
});

test('private mode: an import reads only what the caller may read, and reveals nothing else', async () => {
  await withRegistry(
    async ({ url }) => {
      const admin = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };
      assert.equal(
        (
          await rawRequest(
            url,
            'PUT',
            '/services/globex/secret/versions/1.0.0',
            admin,
            rawPublishBody(SECRET),
          )
        ).status,
        201,
      );
      const issue = async (organization: string, role: string) =>
        (
          await rawRequest(
            url,
            'POST',
            '/tokens',
            admin,
            JSON.stringify({ organization, role, description: `${role} ${organization}` }),
          )
        ).json.secret as string;
      const acme = {
        authorization: `Bearer ${await issue('acme', 'publish')}`,
        'content-type': 'application/json',
      };

      // Publish, dry run, check and validation: globex/secret answers exactly like a service that does not exist.
      const attempts = [
        ['PUT', '/services/acme/spy/versions/1.0.0', ''],
        ['PUT', '/services/acme/spy/versions/1.0.0', ',"dry_run":true'],
        ['POST', '/services/acme/spy/checks', ''],
        ['POST', '/validations', ''],
      ] as const;
      for (const [method, path, extra] of attempts) {
        const stolen = await rawRequest(
          url,
          method,
          path,
          acme,
          rawPublishBody(importing('globex', 'secret'), extra),
        );
        const missing = await rawRequest(
          url,
          method,
          path,
          acme,
          rawPublishBody(importing('globex', 'ghost'), extra),
        );
        assert.deepEqual(shape(stolen), shape(missing), `${method} ${path}${extra}`);
        assert.doesNotMatch(stolen.text, /launch_code|"valid":true|"status":"created"/);
        assert.match(stolen.text, /unresolved-import/);
      }
      assert.equal((await rawRequest(url, 'GET', '/services/acme/spy')).status, 401);

      // Anonymous callers get nothing from a private registry, validations included.
      const anonymous = { 'content-type': 'application/json' };
      const validation = await rawRequest(url, 'POST', '/validations', anonymous, rawPublishBody(SECRET));
      assert.equal(validation.status, 401);
      assert.equal(validation.json.errors[0].code, 'unauthorized');
      const check = await rawRequest(
        url,
        'POST',
        '/services/globex/secret/checks',
        anonymous,
        rawPublishBody(SECRET),
      );
      assert.equal(check.status, 401);

      // A version that imports globex (published by an operator) does not give acme globex's code.
      assert.equal(
        (
          await rawRequest(
            url,
            'PUT',
            '/services/acme/bridge/versions/1.0.0',
            admin,
            rawPublishBody(importing('globex', 'secret')),
          )
        ).status,
        201,
      );
      const acmeReader = { authorization: `Bearer ${await issue('acme', 'read')}` };
      // The operator asks first: the cached files must not become readable to acme either.
      assert.equal(
        (await rawRequest(url, 'GET', '/services/acme/bridge/versions/1.0.0/code/typescript-types', admin))
          .status,
        200,
      );
      const code = await rawRequest(
        url,
        'GET',
        '/services/acme/bridge/versions/1.0.0/code/typescript-types',
        acmeReader,
      );
      assert.equal(code.status, 403, code.text);
      assert.equal(code.json.errors[0].code, 'forbidden-import');
      assert.doesNotMatch(code.text, /launch_code|LaunchCode/);

      // As service.json, whose author writes the import record: it claims acme, its URI points
      // to globex. Both are checked, cached files or not.
      const forged = JSON.stringify({
        name: 'forged',
        organization: { key: 'acme' },
        application: { key: 'forged' },
        namespace: 'forged.v1',
        version: '1.0.0',
        imports: [
          {
            uri: 'http://registry.example/services/globex/secret/versions/1.0.0/service',
            namespace: 'secret.v1',
            organization: { key: 'acme' },
            application: { key: 'secret' },
            version: '1.0.0',
            enums: [],
            interfaces: [],
            unions: [],
            models: ['launch_code'],
            annotations: [],
          },
        ],
        enums: [],
        interfaces: [],
        unions: [],
        models: [
          {
            name: 'spy',
            plural: 'spies',
            fields: [{ name: 'stolen', type: 'secret.v1.models.launch_code', required: true }],
          },
        ],
        resources: [],
      });
      const stored = await rawRequest(
        url,
        'PUT',
        '/services/acme/forged/versions/1.0.0',
        admin,
        rawPublishBody(forged),
      );
      assert.equal(stored.status, 201, stored.text.slice(0, 300));
      const forgedPath = '/services/acme/forged/versions/1.0.0/code/typescript-types';
      assert.equal((await rawRequest(url, 'GET', forgedPath, admin)).status, 200);
      const viaForged = await rawRequest(url, 'GET', forgedPath, acmeReader);
      assert.equal(viaForged.status, 403, viaForged.text.slice(0, 300));
      assert.doesNotMatch(viaForged.text, /launch_code|LaunchCode/);
    },
    { anonymousReads: false },
  );
});
