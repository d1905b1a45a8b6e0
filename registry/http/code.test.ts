import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { registryOn, userSpec } from '../../test/registry-harness.js';
import { STORE_KINDS } from '../../test/temporary-database.js';

for (const store of STORE_KINDS) {
  describe(store, () => {
    const withRegistry = registryOn(store);

    test('generated code: list the generators, generate with dependencies, cache, refuse bad options', async () => {
      await withRegistry(async ({ http, database }) => {
        await http.publish('acme', 'user', '1.0.0', userSpec({ id: 'string', email: 'string' }));
        const generators = (await http.request('GET', '/generators')).json as { name: string }[];
        assert.ok(generators.some((g) => g.name === 'typescript-types'));
        assert.ok(generators.some((g) => g.name === 'typescript-client'));

        const code = await http.request(
          'POST',
          '/services/acme/user/versions/latest/code/typescript-client',
          {
            body: {},
          },
        );
        assert.equal(code.status, 200);
        assert.equal(code.json.version, '1.0.0');
        assert.deepEqual(
          code.json.files.map((f: { path: string }) => f.path),
          ['canon-runtime/client.ts', 'client.ts', 'types.ts'],
        );
        assert.match(code.json.files[2].contents, /export interface User\b/);

        const cacheKeys = () => database.query('SELECT cache_key FROM generated_code');
        assert.equal((await cacheKeys()).length, 1);
        const again = await http.request('GET', '/services/acme/user/versions/1.0.0/code/typescript-client');
        assert.equal(again.text, code.text, 'same version and options: the cached files');
        assert.equal((await cacheKeys()).length, 1);

        // typescript-client takes no options (its schema allows no properties).
        const badOptions = await http.request(
          'POST',
          '/services/acme/user/versions/1.0.0/code/typescript-client',
          {
            body: { options: { nonsense: [1] } },
          },
        );
        assert.equal(badOptions.status, 422);
        assert.equal(badOptions.json.errors[0].code, 'invalid-generator-option');

        assert.equal((await http.request('GET', '/services/acme/user/versions/1.0.0/code/nope')).status, 404);
        assert.equal(
          (await http.request('GET', '/services/acme/user/versions/9.0.0/code/typescript-types')).status,
          404,
        );
        assert.equal(
          (
            await http.request('POST', '/services/acme/user/versions/1.0.0/code/typescript-types', {
              body: { options: 3 },
            })
          ).status,
          422,
        );
      });
    });
  });
}
