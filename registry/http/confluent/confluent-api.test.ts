import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADMIN, registryOn } from '../../../test/registry-harness.js';
import { CONFLUENT_JSON, jsonSchema, sr, stringOf } from './confluent-testing.js';

for (const store of ['sqlite', 'postgres'] as const) {
  describe(`the Confluent API: subjects, versions, ids, deletes, config and modes (${store})`, () => {
    const withRegistry = registryOn(store);

    it('registers, looks up, lists and fetches, with Confluent content types', async () => {
      await withRegistry(async ({ http }) => {
        const v1 = await sr(http, 'POST', '/subjects/orders-value/versions', jsonSchema(stringOf(10)));
        assert.equal(v1.status, 200, v1.text);
        assert.equal(v1.headers.get('content-type'), CONFLUENT_JSON);
        assert.deepEqual(v1.json, { id: 1, version: 1 });
        const v2 = await sr(http, 'POST', '/subjects/orders-value/versions', jsonSchema(stringOf(20)));
        assert.deepEqual(v2.json, { id: 2, version: 2 });

        assert.deepEqual((await sr(http, 'GET', '/subjects')).json, ['orders-value']);
        assert.deepEqual((await sr(http, 'GET', '/subjects/orders-value/versions')).json, [1, 2]);
        const latest = await sr(http, 'GET', '/subjects/orders-value/versions/latest');
        assert.deepEqual(latest.json, {
          subject: 'orders-value',
          version: 2,
          id: 2,
          schemaType: 'JSON',
          schema: JSON.stringify(stringOf(20)),
        });
        assert.deepEqual((await sr(http, 'GET', '/subjects/orders-value/versions/-1')).json.version, 2);
        assert.deepEqual(
          (await sr(http, 'GET', '/subjects/orders-value/versions/1/schema')).json,
          stringOf(10),
        );
        const lookup = await sr(http, 'POST', '/subjects/orders-value', jsonSchema(stringOf(10)));
        assert.deepEqual([lookup.json.id, lookup.json.version], [1, 1]);
        assert.equal(
          (await sr(http, 'POST', '/subjects/orders-value', jsonSchema(stringOf(99)))).json.error_code,
          40403,
        );
        assert.deepEqual((await sr(http, 'GET', '/schemas/ids/2')).json, {
          schemaType: 'JSON',
          schema: JSON.stringify(stringOf(20)),
        });
        assert.deepEqual((await sr(http, 'GET', '/schemas/ids/2/schema')).json, stringOf(20));
        assert.deepEqual((await sr(http, 'GET', '/schemas/ids/1/subjects')).json, ['orders-value']);
        assert.deepEqual((await sr(http, 'GET', '/schemas/types')).json, ['JSON']);
        // Bearer works as well as basic auth, and reads need no token on an open registry.
        assert.equal((await http.request('GET', '/confluent/schemas/ids/1', { token: ADMIN })).status, 200);
        assert.equal((await sr(http, 'GET', '/schemas/ids/1', undefined, null)).status, 200);

        const missing: [string, number][] = [
          ['/subjects/nope/versions', 40401],
          ['/subjects/orders-value/versions/9', 40402],
          ['/schemas/ids/99', 40403],
          ['/subjects/orders-value/versions/x', 42202],
          ['/config/orders-value', 40408],
          ['/mode/orders-value', 40409],
        ];
        for (const [path, code] of missing) {
          const answer = await sr(http, 'GET', path);
          assert.equal(answer.json.error_code, code, path);
          assert.equal(answer.status, Math.floor(code / 100), path);
        }
      });
    });

    it('dry-run checks against the latest, one version, or all the level requires (verbose)', async () => {
      await withRegistry(async ({ http }) => {
        for (const n of [30, 10]) {
          await sr(http, 'PUT', '/config/s', { compatibility: 'NONE' });
          await sr(http, 'POST', '/subjects/s/versions', jsonSchema(stringOf(n)));
        }
        await sr(http, 'PUT', '/config/s', { compatibility: 'BACKWARD_TRANSITIVE' });
        const candidate = jsonSchema(stringOf(20));
        assert.deepEqual(
          (await sr(http, 'POST', '/compatibility/subjects/s/versions/latest', candidate)).json,
          { is_compatible: true },
        );
        assert.deepEqual((await sr(http, 'POST', '/compatibility/subjects/s/versions/1', candidate)).json, {
          is_compatible: false,
        });
        const all = await sr(http, 'POST', '/compatibility/subjects/s/versions?verbose=true', candidate);
        assert.equal(all.json.is_compatible, false);
        assert.match(
          all.json.messages[0],
          /max length decreased at #\/maxLength \(30 → 20\).*against version 1/,
        );
        assert.deepEqual(
          all.json.incompatibilities.map((i: { rule: string; against: number }) => [i.rule, i.against]),
          [['max-length-decreased', 1]],
        );
        const refused = await sr(http, 'POST', '/subjects/s/versions', candidate);
        assert.equal(refused.status, 409);
        assert.equal(refused.json.error_code, 409);
        assert.deepEqual((await sr(http, 'GET', '/subjects/s/versions')).json, [1, 2]);
      });
    });

    it('config and mode per subject and for the registry; READONLY refuses writes with 42205', async () => {
      await withRegistry(async ({ http }) => {
        assert.deepEqual((await sr(http, 'GET', '/config')).json, { compatibilityLevel: 'BACKWARD' });
        assert.deepEqual((await sr(http, 'PUT', '/config', { compatibility: 'FULL' })).json, {
          compatibility: 'FULL',
        });
        assert.deepEqual((await sr(http, 'GET', '/config/s?defaultToGlobal=true')).json, {
          compatibilityLevel: 'FULL',
        });
        await sr(http, 'PUT', '/config/s', { compatibility: 'NONE', compatibilityPolicy: 'LENIENT' });
        assert.deepEqual((await sr(http, 'GET', '/config/s')).json, {
          compatibilityLevel: 'NONE',
          compatibilityPolicy: 'LENIENT',
        });
        assert.equal(
          (await sr(http, 'PUT', '/config/s', { compatibility: 'SIDEWAYS' })).json.error_code,
          42203,
        );
        assert.deepEqual((await sr(http, 'DELETE', '/config/s')).json, { compatibilityLevel: 'NONE' });
        assert.equal((await sr(http, 'GET', '/config/s')).json.error_code, 40408);

        assert.deepEqual((await sr(http, 'GET', '/mode')).json, { mode: 'READWRITE' });
        await sr(http, 'PUT', '/mode/s', { mode: 'READONLY' });
        const refused = await sr(http, 'POST', '/subjects/s/versions', jsonSchema(stringOf(1)));
        assert.equal(refused.json.error_code, 42205);
        assert.match(refused.json.message, /READONLY/);
        assert.equal((await sr(http, 'PUT', '/mode/s', { mode: 'SLEEPY' })).json.error_code, 42204);
        assert.deepEqual((await sr(http, 'DELETE', '/mode/s')).json, { mode: 'READONLY' });
        assert.equal((await sr(http, 'POST', '/subjects/s/versions', jsonSchema(stringOf(1)))).status, 200);
        // Canon's registry-wide READONLY holds for subjects too.
        await http.request('PUT', '/mode', { token: ADMIN, body: { mode: 'READONLY' } });
        assert.equal(
          (await sr(http, 'POST', '/subjects/t/versions', jsonSchema(stringOf(1)))).json.error_code,
          42205,
        );
      });
    });

    it('IMPORT mode stores given ids and versions; an id is never overwritten, and later ids follow it', async () => {
      await withRegistry(async ({ http }) => {
        assert.equal(
          (await sr(http, 'POST', '/subjects/s/versions', jsonSchema(stringOf(1), { id: 5 }))).json
            .error_code,
          42205,
        );
        assert.deepEqual((await sr(http, 'PUT', '/mode', { mode: 'IMPORT' })).json, { mode: 'IMPORT' });
        assert.deepEqual(
          (await sr(http, 'POST', '/subjects/s/versions', jsonSchema(stringOf(1), { id: 40, version: 3 })))
            .json,
          { id: 40, version: 3 },
        );
        const overwrite = await sr(
          http,
          'POST',
          '/subjects/t/versions',
          jsonSchema(stringOf(2), { id: 40, version: 1 }),
        );
        assert.equal(overwrite.json.error_code, 42205);
        await sr(http, 'PUT', '/mode', { mode: 'READWRITE' });
        assert.deepEqual((await sr(http, 'POST', '/subjects/t/versions', jsonSchema(stringOf(2)))).json, {
          id: 41,
          version: 1,
        });
        assert.equal(
          (await sr(http, 'PUT', '/mode', { mode: 'IMPORT' })).json.error_code,
          42205,
          'subjects exist: needs force',
        );
        assert.equal((await sr(http, 'PUT', '/mode?force=true', { mode: 'IMPORT' })).status, 200);
      });
    });

    it('soft and hard deletes in two steps; ids stay readable after a soft delete and are never reused', async () => {
      await withRegistry(async ({ http }) => {
        await sr(http, 'PUT', '/config/s', { compatibility: 'NONE' });
        for (const n of [1, 2, 3]) await sr(http, 'POST', '/subjects/s/versions', jsonSchema(stringOf(n)));
        assert.equal(
          (await sr(http, 'DELETE', '/subjects/s/versions/2?permanent=true')).json.error_code,
          40407,
        );
        assert.equal((await sr(http, 'DELETE', '/subjects/s/versions/2')).json, 2);
        assert.equal((await sr(http, 'DELETE', '/subjects/s/versions/2')).json.error_code, 40406);
        assert.deepEqual((await sr(http, 'GET', '/subjects/s/versions')).json, [1, 3]);
        assert.deepEqual((await sr(http, 'GET', '/subjects/s/versions?deleted=true')).json, [1, 2, 3]);
        assert.equal((await sr(http, 'GET', '/subjects/s/versions/2')).json.error_code, 40402);
        assert.equal((await sr(http, 'GET', '/subjects/s/versions/2?deleted=true')).json.id, 2);
        assert.equal(
          (await sr(http, 'GET', '/schemas/ids/2')).status,
          200,
          'a soft-deleted schema is still readable by id',
        );
        assert.equal((await sr(http, 'DELETE', '/subjects/s/versions/2?permanent=true')).json, 2);
        assert.equal((await sr(http, 'GET', '/schemas/ids/2')).json.error_code, 40403);

        assert.equal((await sr(http, 'DELETE', '/subjects/s?permanent=true')).json.error_code, 40405);
        assert.deepEqual((await sr(http, 'DELETE', '/subjects/s')).json, [1, 3]);
        assert.equal((await sr(http, 'DELETE', '/subjects/s')).json.error_code, 40404);
        assert.deepEqual((await sr(http, 'GET', '/subjects')).json, []);
        assert.deepEqual((await sr(http, 'GET', '/subjects?deleted=true')).json, ['s']);
        assert.deepEqual((await sr(http, 'DELETE', '/subjects/s?permanent=true')).json, [1, 3]);
        assert.equal((await sr(http, 'GET', '/subjects/s/versions')).json.error_code, 40401);
        // The same schema again gets a new id: the old one named a deleted registration.
        assert.deepEqual((await sr(http, 'POST', '/subjects/s/versions', jsonSchema(stringOf(2)))).json, {
          id: 4,
          version: 1,
        });
      });
    });

    it('references: $ref to another subject resolves, is listed by referencedby, and blocks deleting it', async () => {
      await withRegistry(async ({ http }) => {
        const address = { type: 'object', properties: { street: stringOf(40) } };
        assert.equal((await sr(http, 'POST', '/subjects/address/versions', jsonSchema(address))).json.id, 1);
        const order = { type: 'object', properties: { ship_to: { $ref: 'address.json' } } };
        const references = [{ name: 'address.json', subject: 'address', version: 1 }];
        const registered = await sr(
          http,
          'POST',
          '/subjects/order/versions',
          jsonSchema(order, { references }),
        );
        assert.deepEqual(registered.json, { id: 2, version: 1 });
        assert.deepEqual((await sr(http, 'GET', '/subjects/order/versions/1')).json.references, references);
        assert.deepEqual((await sr(http, 'GET', '/subjects/address/versions/1/referencedby')).json, [2]);
        const blocked = await sr(http, 'DELETE', '/subjects/address/versions/1');
        assert.equal(blocked.json.error_code, 42206);
        // A narrower address in v2 of the referenced subject, referenced by order v2: checked through the reference.
        await sr(http, 'PUT', '/config/address', { compatibility: 'NONE' });
        await sr(
          http,
          'POST',
          '/subjects/address/versions',
          jsonSchema({ type: 'object', properties: { street: stringOf(20) } }),
        );
        const narrower = await sr(
          http,
          'POST',
          '/compatibility/subjects/order/versions/latest?verbose=true',
          jsonSchema(order, { references: [{ ...references[0], version: 2 }] }),
        );
        assert.equal(narrower.json.is_compatible, false);
        assert.match(narrower.json.messages[0], /#\/properties\/ship_to\/properties\/street\/maxLength/);
      });
    });
  });
}
