import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  JsonDeserializer,
  JsonSerializer,
  RestError,
  SchemaRegistryClient,
  SerdeType,
} from '@confluentinc/schemaregistry';
import { ADMIN, registryOn } from '../../../test/registry-harness.js';

const order = (amount: object) =>
  JSON.stringify({
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    properties: { id: { type: 'string' }, amount },
    required: ['id'],
    additionalProperties: false,
  });

for (const store of ['sqlite', 'postgres'] as const) {
  describe(`Confluent's npm client against /confluent (${store})`, () => {
    const withRegistry = registryOn(store);
    const client = (url: string) =>
      new SchemaRegistryClient({
        baseURLs: [`${url}/confluent`],
        basicAuthCredentials: { credentialsSource: 'USER_INFO', userInfo: `canon:${ADMIN}` },
        maxRetries: 0,
      });

    it('registers, fetches by id, serializes and deserializes with its JSON Schema serde', async () => {
      await withRegistry(async (registry) => {
        const sr = client(registry.url);
        const schema = { schemaType: 'JSON', schema: order({ type: 'number' }) };
        const id = await sr.register('orders-value', schema);
        assert.equal(typeof id, 'number');
        assert.equal(await sr.register('orders-value', schema), id, 'registering again is idempotent');

        const fetched = await client(registry.url).getBySubjectAndId('orders-value', id);
        assert.equal(fetched.schema, schema.schema);
        assert.equal(fetched.schemaType, 'JSON');
        const latest = await sr.getLatestSchemaMetadata('orders-value');
        assert.deepEqual([latest.id, latest.version, latest.subject], [id, 1, 'orders-value']);

        const serializer = new JsonSerializer(sr, SerdeType.VALUE, {
          autoRegisterSchemas: false,
          useLatestVersion: true,
          validate: true,
        });
        const bytes = await serializer.serialize('orders', { id: 'o-1', amount: 12.5 });
        assert.equal(bytes.readUInt8(0), 0, 'magic byte');
        assert.equal(bytes.readInt32BE(1), id, 'the schema id travels in the message');
        const deserializer = new JsonDeserializer(client(registry.url), SerdeType.VALUE, { validate: true });
        assert.deepEqual(await deserializer.deserialize('orders', bytes), { id: 'o-1', amount: 12.5 });
        await assert.rejects(serializer.serialize('orders', { id: 7 }), /Invalid message/);
      });
    });

    it('a refused incompatible registration surfaces as the client error, nothing stored', async () => {
      await withRegistry(async (registry) => {
        const sr = client(registry.url);
        await sr.register('orders-value', { schemaType: 'JSON', schema: order({ type: 'number' }) });
        const incompatible = { schemaType: 'JSON', schema: order({ type: 'string' }) };
        assert.equal(await sr.testSubjectCompatibility('orders-value', incompatible), false);
        await assert.rejects(sr.register('orders-value', incompatible), (error: unknown) => {
          assert.ok(error instanceof RestError);
          assert.equal(error.status, 409);
          assert.equal(error.errorCode, 409);
          assert.match(error.message, /incompatible with an earlier schema for subject "orders-value"/);
          assert.match(error.message, /type-changed/);
          return true;
        });
        assert.deepEqual(await sr.getAllVersions('orders-value'), [1]);
        // A compatible evolution (a wider type) is accepted as version 2.
        const wider = { schemaType: 'JSON', schema: order({ type: ['number', 'string'] }) };
        assert.equal(await sr.testSubjectCompatibility('orders-value', wider), true);
        await sr.register('orders-value', wider);
        assert.deepEqual(await sr.getAllVersions('orders-value'), [1, 2]);
      });
    });

    it('the same schema under two subjects has one id; another schema gets another', async () => {
      await withRegistry(async (registry) => {
        const sr = client(registry.url);
        const schema = { schemaType: 'JSON', schema: order({ type: 'number' }) };
        const a = await sr.register('a-value', schema);
        // The same schema with other key order and spacing is the same normalized schema.
        const parsed = JSON.parse(schema.schema) as Record<string, unknown>;
        const reordered = JSON.stringify(Object.fromEntries(Object.entries(parsed).reverse()), null, 1);
        const b = await sr.register('b-value', { schemaType: 'JSON', schema: reordered });
        const c = await sr.register('c-value', { schemaType: 'JSON', schema: order({ type: 'integer' }) });
        assert.equal(a, b);
        assert.notEqual(a, c);
        const versions = await registry.http.request('GET', `/confluent/schemas/ids/${a}/versions`);
        assert.deepEqual(versions.json, [
          { subject: 'a-value', version: 1 },
          { subject: 'b-value', version: 1 },
        ]);
      });
    });
  });
}
