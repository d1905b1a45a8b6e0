/**
 * Publish latency with a compatibility check against a service with 100 versions under the
 * backward-transitive policy: every publish is diffed against all 100 earlier versions, each
 * with different content. The spec is API Builder's own spec of service.json
 * (apibuilder-spec.json: 16 KB, 24 models, 10 enums, 2 unions, no imports); version n adds n
 * optional fields to one model.
 *
 * Runs on SQLite and on PostgreSQL (a schema of its own in the test database) side by side: the
 * samples alternate between the two registries, and the ratio is PostgreSQL's median over SQLite's.
 *
 *   node dist/scripts/bench/registry-publish.js [versions=100] [samples=7]
 */
import { readFileSync } from 'node:fs';
import { corpusPath } from '../../test/paths.js';
import { ADMIN, Http } from '../../test/registry-harness.js';
import { type CanonProcess, startCanon } from '../../test/spawn.js';
import { STORE_KINDS, type TemporaryDatabase, temporaryDatabase } from '../../test/temporary-database.js';
import { median } from './stats.js';

const [versions, samples] = [Number(process.argv[2] ?? 100), Number(process.argv[3] ?? 7)];
const base = JSON.parse(readFileSync(corpusPath('apibuilder', 'spec', 'apibuilder-spec.json'), 'utf8')) as {
  models: Record<string, { fields: unknown[] }>;
};
const model = Object.keys(base.models)[0]!;
const variant = (n: number) => {
  const doc = structuredClone(base);
  for (let i = 1; i <= n; i++)
    doc.models[model]!.fields.push({ name: `bench_${i}`, type: 'string', required: false });
  return JSON.stringify(doc);
};

const databases: TemporaryDatabase[] = [];
const servers: CanonProcess[] = [];
try {
  for (const store of STORE_KINDS) {
    const database = await temporaryDatabase(store, 'bench-publish');
    databases.push(database);
    servers.push(
      await startCanon(['serve', '--port', '0', '--db', database.db], { env: { CANON_ADMIN_TOKEN: ADMIN } }),
    );
  }
  const https = servers.map((server) => new Http(server.url));
  for (const http of https) {
    for (let n = 0; n < versions; n++) {
      const answer = await http.publish('apicollective', 'apibuilder-spec', `1.0.${n}`, variant(n));
      if (answer.status !== 201) throw new Error(`setup publish ${n} failed: ${answer.text.slice(0, 300)}`);
    }
    await http.request('PUT', '/services/apicollective/apibuilder-spec/policy', {
      token: ADMIN,
      body: { policy: 'backward-transitive' },
    });
  }
  const times: number[][] = STORE_KINDS.map(() => []);
  for (let s = 0; s < samples; s++) {
    const n = versions + s;
    const body = variant(n);
    for (const [i, http] of https.entries()) {
      const start = performance.now();
      const answer = await http.publish('apicollective', 'apibuilder-spec', `1.0.${n}`, body);
      times[i]!.push(performance.now() - start);
      if (answer.status !== 201) throw new Error(`publish ${n} failed: ${answer.text.slice(0, 300)}`);
      console.log(
        `${STORE_KINDS[i]}: publish 1.0.${n} against ${n} earlier versions: ${times[i]!.at(-1)!.toFixed(1)} ms`,
      );
    }
  }
  const medians = times.map((t) => median(t));
  console.log(
    JSON.stringify(
      {
        earlierVersions: versions,
        samples,
        ...Object.fromEntries(
          STORE_KINDS.map((store, i) => [
            store,
            { medianMs: Number(medians[i]!.toFixed(1)), maxMs: Number(Math.max(...times[i]!).toFixed(1)) },
          ]),
        ),
        postgresOverSqlite: Number((medians[1]! / medians[0]!).toFixed(3)),
      },
      null,
      2,
    ),
  );
} finally {
  await Promise.all(servers.map((server) => server.stop()));
  await Promise.all(databases.map((database) => database.dispose()));
}
