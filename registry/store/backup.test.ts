import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN, Http, registryOn, userSpec } from '../../test/registry-harness.js';
import { STORE_KINDS, temporaryDatabase } from '../../test/temporary-database.js';
import { startRegistry } from '../server.js';
import { openStore } from './open-store.js';

/** Every read the API offers, for comparing two registries answer for answer. */
async function everyRead(http: Http): Promise<Record<string, string>> {
  const answers: Record<string, string> = {};
  const read = async (path: string, token?: string) => {
    const answer = await http.request('GET', path, token ? { token } : {});
    answers[path] = `${answer.status} ${answer.headers.get('etag') ?? ''} ${answer.text}`;
    return answer;
  };
  const services = await read('/services');
  await read('/events');
  await read('/tokens', ADMIN);
  await read('/audit?limit=1000', ADMIN);
  for (const org of new Set((services.json as { organization: string }[]).map((s) => s.organization))) {
    await read(`/organizations/${org}`);
  }
  for (const s of services.json as { organization: string; application: string }[]) {
    const base = `/services/${s.organization}/${s.application}`;
    await read(base);
    const versions = await read(`${base}/versions`);
    for (const v of [...(versions.json as { version: string }[]).map((x) => x.version), 'latest']) {
      await read(`${base}/versions/${v}`);
      await read(`${base}/versions/${v}/original`);
      await read(`${base}/versions/${v}/service`);
      await read(`${base}/changes?from=${v}`);
    }
  }
  return answers;
}

for (const [from, to] of [...STORE_KINDS.map((k) => [k, k] as const), ['sqlite', 'postgres'] as const]) {
  test(`export from ${from}, import into an empty ${to} database: every read answers the same`, async () => {
    await registryOn(from)(async ({ http, registry }) => {
      await http.publish('acme', 'user', '1.0.0', userSpec({ id: 'string' }));
      await http.publish(
        'acme',
        'user',
        '1.2.0',
        userSpec({ id: 'string', a: { type: 'string', required: false } }),
      );
      await http.publish('acme', 'user', '1.1.0', userSpec({ id: 'string' }));
      await http.publish('acme', 'user', '2.0.0', userSpec({ id: 'long' }), {
        force_reason: 'ids are numbers now',
      });
      await http.request('PUT', '/services/acme/user/policy', { token: ADMIN, body: { policy: 'none' } });
      await http.publish(
        'zeta',
        'events',
        '0.1.0',
        JSON.stringify({
          name: 'events',
          models: { thing_upserted: { fields: [{ name: 'event_id', type: 'string' }] } },
          unions: { events_event: { discriminator: 'discriminator', types: [{ type: 'thing_upserted' }] } },
        }),
      );
      await http.request('POST', '/tokens', {
        token: ADMIN,
        body: { organization: 'acme', role: 'read', description: 'r' },
      });
      const before = await everyRead(http);
      const dump = await registry.store.exportAll();

      const restoredDb = await temporaryDatabase(to, 'restored');
      try {
        const target = await openStore(restoredDb.db);
        await target.importAll(JSON.parse(JSON.stringify(dump)));
        if (from === to) assert.deepEqual(await target.exportAll(), dump, 'the dump round-trips exactly');
        await assert.rejects(target.importAll(dump), /empty registry/);
        await target.close();

        const restored = await startRegistry({ db: restoredDb.db, adminToken: ADMIN, log: () => {} });
        try {
          assert.deepEqual(await everyRead(new Http(restored.url)), before);
        } finally {
          await restored.close();
        }
      } finally {
        await restoredDb.dispose();
      }
    });
  });
}

for (const kind of STORE_KINDS)
  describe(kind, () => {
    test('import refuses what is not an export, and loads nothing from it', async () => {
      const empty = await temporaryDatabase(kind, 'empty');
      const store = await openStore(empty.db);
      try {
        await assert.rejects(store.importAll({ format: 'other' } as never), /not a Canon registry export/);
        const bad = {
          format: 'canon-registry-export',
          formatVersion: 1,
          tables: { organizations: [{ id: 1, key: 'a', created_at: 'x', created_by: 'y', 'evil"': 1 }] },
        };
        await assert.rejects(store.importAll(bad as never), /unknown columns/);
        assert.deepEqual((await store.exportAll()).tables.organizations, []);
      } finally {
        await store.close();
        await empty.dispose();
      }
    });
  });
