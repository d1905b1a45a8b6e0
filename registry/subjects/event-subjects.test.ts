import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import {
  JsonDeserializer,
  JsonSerializer,
  SchemaRegistryClient,
  SerdeType,
} from '@confluentinc/schemaregistry';
import { repoPath } from '../../test/paths.js';
import { registryOn } from '../../test/registry-harness.js';

const userSpec = readFileSync(repoPath('specs/examples/user.json'), 'utf8');

for (const store of ['sqlite', 'postgres'] as const) {
  describe(`event unions of published services are subjects (${store})`, () => {
    it("a publish registers the union's JSON Schema; a consumer outside Canon reads events with it", async () => {
      await registryOn(store)(async ({ http, url }) => {
        assert.equal((await http.publish('canon', 'user', '1.0.0', userSpec)).status, 201);
        const subjects = (await http.request('GET', '/confluent/subjects')).json;
        assert.deepEqual(subjects, ['canon_user_v1_user_event-value']);
        const latest = (
          await http.request('GET', '/confluent/subjects/canon_user_v1_user_event-value/versions/latest')
        ).json;
        assert.equal(latest.version, 1);
        const schema = JSON.parse(latest.schema);
        assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
        assert.match(schema.$ref, /^#\/\$defs\//);

        // The same content again under a new service version: the same subject version.
        const spec = JSON.parse(userSpec);
        spec.description = 'another description, same events';
        assert.equal((await http.publish('canon', 'user', '1.0.1', JSON.stringify(spec))).status, 201);
        assert.deepEqual(
          (await http.request('GET', '/confluent/subjects/canon_user_v1_user_event-value/versions')).json,
          [1],
        );

        // A consumer with Confluent's client and JSON serde validates an event against it (its Ajv
        // knows no formats, so `date-time` and `uuid` are left to the consumer).
        const client = new SchemaRegistryClient({ baseURLs: [`${url}/confluent`], maxRetries: 0 });
        const topic = 'canon_user_v1_user_event';
        const serializer = new JsonSerializer(client, SerdeType.VALUE, {
          autoRegisterSchemas: false,
          useLatestVersion: true,
          validate: true,
          validateFormats: false,
        });
        const event = {
          discriminator: 'user_deleted',
          event_id: 'e-1',
          timestamp: '2026-01-02T03:04:05Z',
          id: 'u-1',
        };
        const bytes = await serializer.serialize(topic, event);
        const deserializer = new JsonDeserializer(client, SerdeType.VALUE, {
          validate: true,
          validateFormats: false,
        });
        assert.deepEqual(await deserializer.deserialize(topic, bytes), event);
        await assert.rejects(serializer.serialize(topic, { ...event, event_id: 42 }), /Invalid message/);
      });
    });
  });
}
