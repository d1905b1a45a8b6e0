import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADMIN, Http } from '../../../test/registry-harness.js';
import { STORE_KINDS, temporaryDatabase } from '../../../test/temporary-database.js';
import { startRegistry } from '../../server.js';
import { jsonSchema, sr, stringOf } from './confluent-testing.js';

for (const store of STORE_KINDS) {
  describe(`concurrent registrations through two registries on one database (${store})`, () => {
    it('50 at once, distinct and identical, under one subject: none lost or duplicated, ids unique and stable', async () => {
      const database = await temporaryDatabase(store);
      const options = { db: database.db, adminToken: ADMIN, log: () => {}, lockWaitMs: 30_000 };
      const first = await startRegistry(options);
      const second = await startRegistry(options);
      try {
        const replicas = [new Http(first.url), new Http(second.url)];
        await sr(replicas[0]!, 'PUT', '/config/orders-value', { compatibility: 'NONE' });
        const schemas = Array.from({ length: 50 }, (_, i) =>
          i % 2 === 0 ? stringOf(i + 1) : stringOf(1000),
        );
        const answers = await Promise.all(
          schemas.map((schema, i) =>
            sr(replicas[i % 2]!, 'POST', '/subjects/orders-value/versions', jsonSchema(schema)),
          ),
        );
        for (const answer of answers) assert.equal(answer.status, 200, answer.text);

        const distinct = new Map<number, { id: number; version: number }[]>();
        answers.forEach((answer, i) => {
          const key = schemas[i]!.maxLength;
          distinct.set(key, [...(distinct.get(key) ?? []), answer.json]);
        });
        assert.equal(distinct.size, 26);
        for (const [maxLength, outcomes] of distinct) {
          assert.equal(
            new Set(outcomes.map((o) => `${o.id}/${o.version}`)).size,
            1,
            `one id and version for maxLength ${maxLength}`,
          );
        }
        const ids = [...distinct.values()].map((o) => o[0]!.id);
        assert.equal(new Set(ids).size, 26, 'a different schema, a different id');
        const versions = (await sr(replicas[1]!, 'GET', '/subjects/orders-value/versions')).json;
        assert.deepEqual(
          versions,
          Array.from({ length: 26 }, (_, i) => i + 1),
        );

        // Every answer holds when read back through either registry, and straight from the database.
        for (const [maxLength, [outcome]] of distinct) {
          for (const replica of replicas) {
            const byId = await sr(replica, 'GET', `/schemas/ids/${outcome!.id}/schema`);
            assert.equal(byId.json.maxLength, maxLength);
            const byVersion = await sr(replica, 'GET', `/subjects/orders-value/versions/${outcome!.version}`);
            assert.equal(byVersion.json.id, outcome!.id);
          }
        }
        const rows = await database.query<{ versions: number | string; schemas: number | string }>(
          'SELECT (SELECT COUNT(*) FROM subject_versions) AS versions, (SELECT COUNT(*) FROM schemas) AS schemas',
        );
        assert.deepEqual([Number(rows[0]!.versions), Number(rows[0]!.schemas)], [26, 26]);
      } finally {
        await first.close(1000);
        await second.close(1000);
        await database.dispose();
      }
    });
  });
}
