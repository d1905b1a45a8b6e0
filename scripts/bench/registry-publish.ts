/**
 * Publish latency with a compatibility check against a service with 100 versions under the
 * backward-transitive policy: every publish is diffed against all 100 earlier versions, each
 * with different content. The spec is API Builder's own spec of service.json
 * (apibuilder-spec.json: 16 KB, 24 models, 10 enums, 2 unions, no imports); version n adds n
 * optional fields to one model.
 *
 *   node dist/scripts/bench/registry-publish.js [versions=100] [samples=7]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusPath } from '../../test/paths.js';
import { ADMIN, Http } from '../../test/registry-harness.js';
import { startCanon } from '../../test/spawn.js';
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

const dir = mkdtempSync(join(tmpdir(), 'canon-bench-publish-'));
const server = await startCanon(['serve', '--port', '0', '--db', join(dir, 'bench.db')], {
  env: { CANON_ADMIN_TOKEN: ADMIN },
});
try {
  const http = new Http(server.url);
  for (let n = 0; n < versions; n++) {
    const answer = await http.publish('apicollective', 'apibuilder-spec', `1.0.${n}`, variant(n));
    if (answer.status !== 201) throw new Error(`setup publish ${n} failed: ${answer.text.slice(0, 300)}`);
  }
  await http.request('PUT', '/services/apicollective/apibuilder-spec/policy', {
    token: ADMIN,
    body: { policy: 'backward-transitive' },
  });
  const times: number[] = [];
  for (let s = 0; s < samples; s++) {
    const n = versions + s;
    const body = variant(n);
    const start = performance.now();
    const answer = await http.publish('apicollective', 'apibuilder-spec', `1.0.${n}`, body);
    times.push(performance.now() - start);
    if (answer.status !== 201) throw new Error(`publish ${n} failed: ${answer.text.slice(0, 300)}`);
    console.log(`publish 1.0.${n} against ${n} earlier versions: ${times.at(-1)!.toFixed(1)} ms`);
  }
  console.log(
    JSON.stringify(
      {
        earlierVersions: versions,
        samples,
        medianMs: Number(median(times).toFixed(1)),
        maxMs: Number(Math.max(...times).toFixed(1)),
      },
      null,
      2,
    ),
  );
} finally {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
}
