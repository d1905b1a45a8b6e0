import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { rawPublishBody, rawRequest } from '../../test/raw-http.js';
import { ADMIN, userSpec, withRegistry } from '../../test/registry-harness.js';

const json = { 'content-type': 'application/json' };
const admin = { authorization: `Bearer ${ADMIN}`, ...json };

/** A valid api.json document of about `bytes` bytes (padded with a long description). */
const specOfSize = (bytes: number) => userSpec({ id: 'string' }, { description: 'x'.repeat(bytes) });

test('anonymous request bodies are bounded (4 MiB); a token lifts the bound to the full limit', async () => {
  await withRegistry(async ({ url }) => {
    const huge = rawPublishBody(specOfSize(15 * 1024 * 1024));
    const refused = await rawRequest(url, 'POST', '/validations', json, huge);
    assert.equal(refused.status, 413);
    assert.equal(refused.json.errors[0].code, 'body-too-large');
    assert.match(refused.json.errors[0].message, /Without a token .* at most 4194304 bytes\. Send a token/);
    const check = await rawRequest(url, 'POST', '/services/acme/user/checks', json, huge);
    assert.equal(check.status, 413);

    const large = rawPublishBody(specOfSize(5 * 1024 * 1024));
    assert.equal((await rawRequest(url, 'POST', '/validations', json, large)).status, 413);
    const withToken = await rawRequest(url, 'POST', '/validations', admin, large);
    assert.equal(withToken.status, 200, withToken.text.slice(0, 200));
    assert.equal(withToken.json.valid, true);
    assert.equal((await rawRequest(url, 'GET', '/_internal_/healthcheck')).status, 200);
  });
});

test('expensive calls are rationed per client: 429 with Retry-After, reads and other clients unaffected', async () => {
  await withRegistry(
    async ({ url }) => {
      const validate = (headers: Record<string, string>) =>
        rawRequest(url, 'POST', '/validations', headers, rawPublishBody(userSpec({ id: 'string' })));
      for (let i = 0; i < 3; i++) assert.equal((await validate(json)).status, 200);
      const limited = await validate(json);
      assert.equal(limited.status, 429);
      assert.equal(limited.json.errors[0].code, 'rate-limited');
      assert.equal(limited.headers['retry-after'], '60');
      assert.match(
        limited.json.errors[0].message,
        /from this address \(1 a minute, 3 at once\)\. Retry after 60 s, or send a token/,
      );
      const code = await rawRequest(url, 'GET', '/services/acme/user/versions/latest/code/typescript-types');
      assert.equal(code.status, 429, 'code generation shares the budget');
      assert.equal((await rawRequest(url, 'GET', '/services')).status, 200, 'reads are not rationed');

      for (let i = 0; i < 5; i++)
        assert.equal((await validate(admin)).status, 200, 'a token has its own budget');
      assert.equal((await validate(admin)).status, 429);
    },
    { rateLimits: { anonymous: { burst: 3, perMinute: 1 }, token: { burst: 5, perMinute: 1 } } },
  );
});

test('the generated-code cache keeps the newest entries within its size', async () => {
  await withRegistry(
    async ({ url, dir }) => {
      for (let minor = 0; minor < 8; minor++) {
        const version = `1.${minor}.0`;
        // Each version adds an optional field to the last one's: compatible, different code.
        const extra = Object.fromEntries(
          Array.from({ length: minor }, (_, i) => [`field_${i}`, { type: 'string', required: false }]),
        );
        const spec = rawPublishBody(userSpec({ id: 'string', ...extra }));
        const put = await rawRequest(url, 'PUT', `/services/acme/user/versions/${version}`, admin, spec);
        assert.equal(put.status, 201, put.text.slice(0, 300));
        const code = await rawRequest(
          url,
          'GET',
          `/services/acme/user/versions/${version}/code/typescript-types`,
          admin,
        );
        assert.equal(code.status, 200);
      }
      const db = new Database(join(dir, 'registry.db'), { readonly: true });
      const rows = db.prepare('SELECT cache_key, bytes FROM generated_code ORDER BY rowid').all() as {
        cache_key: string;
        bytes: number;
      }[];
      db.close();
      const total = rows.reduce((sum, row) => sum + row.bytes, 0);
      assert.ok(total <= 1000, `${total} bytes cached`);
      assert.ok(rows.length >= 1 && rows.length < 8, `${rows.length} entries: ${rows.map((r) => r.bytes)}`);
      // Served from the cache or generated again: the answer is the same either way.
      const again = await rawRequest(
        url,
        'GET',
        '/services/acme/user/versions/1.0.0/code/typescript-types',
        admin,
      );
      assert.equal(again.status, 200);
    },
    { generatedCacheBytes: 1000 },
  );
});
