import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { rawRequest } from '../../test/raw-http.js';
import { ADMIN, withRegistry } from '../../test/registry-harness.js';
import { startCanon } from '../../test/spawn.js';
import { STORE_KINDS } from '../../test/temporary-database.js';
import { bootstrapAdmin } from '../access.js';
import { startRegistry } from '../server.js';
import { SqliteStore } from '../store/sqlite-store.js';

const as = (secret: string) => ({ authorization: `Bearer ${secret}`, 'content-type': 'application/json' });

test('tokens expire: 90 days by default, an explicit expiry within 3 years, 401 token-expired after it', async () => {
  await withRegistry(async ({ url, dir }) => {
    const issue = (body: Record<string, unknown>) =>
      rawRequest(
        url,
        'POST',
        '/tokens',
        as(ADMIN),
        JSON.stringify({ organization: 'acme', role: 'read', description: 'ci', ...body }),
      );
    const fallback = await issue({});
    assert.equal(fallback.status, 201);
    const days = (Date.parse(fallback.json.expires_at) - Date.now()) / 86_400_000;
    assert.ok(days > 89.9 && days <= 90, `${days}`);
    for (const expires_at of ['2001-01-01T00:00:00Z', '2999-01-01T00:00:00Z', 'tomorrow', 17]) {
      const refused = await issue({ expires_at });
      assert.equal(refused.status, 422, String(expires_at));
      assert.equal(refused.json.errors[0].path, '/expires_at');
    }
    const soon = new Date(Date.now() + 3_600_000).toISOString();
    const chosen = await issue({ expires_at: soon });
    assert.equal(chosen.json.expires_at, soon);
    assert.equal((await rawRequest(url, 'GET', '/services', as(chosen.json.secret))).status, 200);

    // Time passes: the stored expiry is moved into the past, as the clock would.
    const db = new Database(join(dir, 'registry.db'));
    db.prepare('UPDATE tokens SET expires_at = ? WHERE id = ?').run(
      '2020-01-01T00:00:00.000Z',
      chosen.json.id,
    );
    db.close();
    const expired = await rawRequest(url, 'GET', '/services', as(chosen.json.secret));
    assert.equal(expired.status, 401);
    assert.equal(expired.json.errors[0].code, 'token-expired');
    assert.match(expired.json.errors[0].message, /expired at 2020-01-01.*Ask an admin of acme/);
  });
});

for (const store of STORE_KINDS) {
  test(`an organization's admins list and revoke its tokens, and only its tokens (${store})`, async () => {
    await withRegistry(
      async ({ url }) => {
        const issue = async (organization: string, role: string, by = ADMIN) =>
          (
            await rawRequest(
              url,
              'POST',
              '/tokens',
              as(by),
              JSON.stringify({ organization, role, description: `${role} ${organization}` }),
            )
          ).json;
        const acmeAdmin = await issue('acme', 'admin');
        const acmeCi = await issue('acme', 'publish', acmeAdmin.secret);
        const globexCi = await issue('globex', 'publish');

        const listed = await rawRequest(url, 'GET', '/tokens', as(acmeAdmin.secret));
        assert.equal(listed.status, 200);
        assert.deepEqual(
          listed.json.map((t: { id: string }) => t.id),
          [acmeAdmin.id, acmeCi.id],
        );
        assert.ok(listed.json.every((t: Record<string, unknown>) => !('secret' in t) && t.expires_at));
        assert.equal(
          (await rawRequest(url, 'GET', '/tokens?organization=acme', as(acmeAdmin.secret))).json.length,
          2,
        );
        assert.equal(
          (await rawRequest(url, 'GET', '/tokens?organization=globex', as(acmeAdmin.secret))).status,
          403,
        );
        assert.equal(
          (await rawRequest(url, 'GET', '/tokens?organization=*', as(acmeAdmin.secret))).status,
          403,
        );
        assert.equal((await rawRequest(url, 'GET', '/tokens', as(acmeCi.secret))).status, 403);
        assert.equal((await rawRequest(url, 'GET', '/tokens')).status, 401);
        assert.equal((await rawRequest(url, 'GET', '/tokens?organization=globex', as(ADMIN))).json.length, 1);
        assert.equal((await rawRequest(url, 'GET', '/tokens', as(ADMIN))).json.length, 4);

        // Another organization's token is not found, exactly like a token that does not exist.
        const foreign = await rawRequest(url, 'DELETE', `/tokens/${globexCi.id}`, as(acmeAdmin.secret));
        const missing = await rawRequest(url, 'DELETE', '/tokens/tok_000000000000', as(acmeAdmin.secret));
        assert.equal(foreign.status, 404);
        assert.equal(foreign.text.replace(globexCi.id, 'ID'), missing.text.replace('tok_000000000000', 'ID'));
        assert.equal((await rawRequest(url, 'GET', '/services', as(globexCi.secret))).status, 200);

        assert.equal(
          (await rawRequest(url, 'DELETE', `/tokens/${acmeCi.id}`, as(acmeAdmin.secret))).status,
          204,
        );
        assert.equal((await rawRequest(url, 'GET', '/services', as(acmeCi.secret))).status, 401);
        assert.equal((await rawRequest(url, 'DELETE', `/tokens/${globexCi.id}`, as(ADMIN))).status, 204);
      },
      { store },
    );
  });
}

test('a restart with a revoked CANON_ADMIN_TOKEN starts, and the token stays revoked', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canon-revoked-'));
  const lines: string[] = [];
  const start = (adminToken: string) =>
    startRegistry({ db: join(dir, 'r.db'), adminToken, log: (line) => lines.push(line) });
  try {
    const first = await start(ADMIN);
    const other = await rawRequest(
      first.url,
      'POST',
      '/tokens',
      as(ADMIN),
      JSON.stringify({ organization: '*', role: 'admin', description: 'ops' }),
    );
    const mine = (await rawRequest(first.url, 'GET', '/tokens', as(ADMIN))).json.find(
      (t: { description: string }) => t.description === 'CANON_ADMIN_TOKEN',
    );
    assert.equal(
      (await rawRequest(first.url, 'DELETE', `/tokens/${mine.id}`, as(other.json.secret))).status,
      204,
    );
    await first.close();

    const again = await start(ADMIN);
    try {
      assert.equal((await rawRequest(again.url, 'GET', '/_internal_/healthcheck')).status, 200);
      const refused = await rawRequest(again.url, 'GET', '/tokens', as(ADMIN));
      assert.equal(refused.status, 401);
      assert.ok(lines.some((line) => /CANON_ADMIN_TOKEN was revoked and stays revoked/.test(line)));
      assert.equal((await rawRequest(again.url, 'GET', '/tokens', as(other.json.secret))).json.length, 1);
    } finally {
      await again.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('two registries starting at once on a fresh database: both serve, one first admin token, file 0600', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canon-race-'));
  try {
    const args = ['serve', '--port', '0', '--db', 'registry.db'];
    const env = { CANON_ADMIN_TOKEN: '' };
    const both = await Promise.all([
      startCanon(args, { cwd: dir, env }),
      startCanon(args, { cwd: dir, env }),
    ]);
    const health = await Promise.all(both.map((p) => rawRequest(p.url, 'GET', '/_internal_/healthcheck')));
    assert.deepEqual(
      health.map((h) => h.status),
      [200, 200],
    );
    assert.deepEqual(await Promise.all(both.map((p) => p.stop('SIGTERM'))), [0, 0]);
    const printed = both.flatMap((p) =>
      [...p.output().matchAll(/admin token.*: (canon_\S+)/g)].map((m) => m[1]),
    );
    assert.equal(printed.length, 1, both.map((p) => p.output()).join('\n---\n'));
    const db = new Database(join(dir, 'registry.db'), { readonly: true });
    assert.equal(db.prepare('SELECT count(*) FROM tokens').pluck().get(), 1);
    db.close();
    for (const file of ['registry.db', 'registry.db-wal', 'registry.db-shm']) {
      try {
        assert.equal(statSync(join(dir, file)).mode & 0o777, 0o600, file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || file === 'registry.db') throw error;
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bootstrapping two stores on one fresh file at once: one first admin token, no UNIQUE failure', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canon-bootstrap-'));
  try {
    const file = join(dir, 'r.db');
    const stores = [new SqliteStore(file), new SqliteStore(file)];
    // Both start together: each one's await lets the other run, as two processes would interleave.
    const generated = await Promise.all(stores.map((store) => bootstrapAdmin(store, undefined)));
    assert.equal(generated.filter((g) => g?.generated).length, 1);
    const fromEnv = await Promise.all(stores.map((store) => bootstrapAdmin(store, 'canon_from_env')));
    assert.deepEqual(
      fromEnv.map((g) => g?.generated),
      [false, undefined],
      'added once, by one of them',
    );
    assert.equal((await stores[0]!.listTokens()).length, 2);
    await Promise.all(stores.map((store) => store.close()));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
