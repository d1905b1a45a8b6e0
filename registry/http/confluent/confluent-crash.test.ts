import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADMIN, Http } from '../../../test/registry-harness.js';
import { type CanonProcess, startCanon } from '../../../test/spawn.js';
import { STORE_KINDS, temporaryDatabase } from '../../../test/temporary-database.js';
import { jsonSchema, sr, stringOf } from './confluent-testing.js';

for (const store of STORE_KINDS) {
  describe(`SIGKILL during registrations (${store})`, () => {
    it('every acknowledged schema is present afterwards under its id and version; none twice; ids never reused', async () => {
      const database = await temporaryDatabase(store, 'subjects-crash');
      const start = () =>
        startCanon(['serve', '--port', '0', '--db', database.db], { env: { CANON_ADMIN_TOKEN: ADMIN } });
      let server: CanonProcess = await start();
      const acknowledged = new Map<
        string,
        { subject: string; id: number; version: number; maxLength: number }
      >();
      let next = 1;
      try {
        await sr(new Http(server.url), 'PUT', '/config', { compatibility: 'NONE' });
        for (let round = 0; round < 2; round++) {
          const http = new Http(server.url);
          let killed = false;
          let firstAck: () => void = () => {};
          const acked = new Promise<void>((resolve) => (firstAck = resolve));
          const worker = async () => {
            while (!killed) {
              const n = next++;
              const subject = `s-${n % 3}`;
              try {
                const answer = await sr(
                  http,
                  'POST',
                  `/subjects/${subject}/versions`,
                  jsonSchema(stringOf(n)),
                );
                assert.equal(answer.status, 200, answer.text);
                acknowledged.set(`${n}`, { subject, ...answer.json, maxLength: n });
                firstAck();
              } catch (error) {
                if (!killed) throw error;
                return;
              }
            }
          };
          const workers = Promise.all([worker(), worker(), worker(), worker()]);
          // Killed once registrations are under way, with requests in flight whatever the moment.
          await Promise.race([acked, workers]);
          killed = true;
          await server.stop('SIGKILL');
          await workers;
          server = await start();
        }
        const rows = await database.query<{ subject: string; version: number; id: number; schema: string }>(
          'SELECT v.subject, v.version, v.schema_id AS id, c.schema FROM subject_versions v JOIN schemas c ON c.id = v.schema_id',
        );
        const stored = new Map(rows.map((r) => [`${r.subject}/${r.version}`, r]));
        assert.ok(acknowledged.size > 0);
        for (const ack of acknowledged.values()) {
          const row = stored.get(`${ack.subject}/${ack.version}`);
          assert.ok(row, `acknowledged ${ack.subject} v${ack.version} is missing`);
          assert.equal(Number(row.id), ack.id);
          assert.equal(JSON.parse(row.schema).maxLength, ack.maxLength);
        }
        assert.equal(new Set(rows.map((r) => Number(r.id))).size, rows.length, 'one id per schema');
        const highest = Math.max(...rows.map((r) => Number(r.id)));
        const after = await sr(
          new Http(server.url),
          'POST',
          '/subjects/after/versions',
          jsonSchema(stringOf(1_000_000)),
        );
        assert.ok(after.json.id > highest, 'a new schema after the crashes gets a new id');
      } finally {
        await server.stop();
        await database.dispose();
      }
    });
  });
}
