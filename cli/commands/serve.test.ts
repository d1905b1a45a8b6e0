import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../../test/paths.js';
import { rawRequest } from '../../test/raw-http.js';
import { runCanon, startCanon } from '../../test/spawn.js';
import { temporaryDatabase } from '../../test/temporary-database.js';

test('canon serve prints a first admin token once, serves, and stops cleanly on SIGTERM', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canon-serve-'));
  try {
    const first = await startCanon(['serve', '--port', '0', '--db', 'data/registry.db'], {
      cwd: dir,
      env: { CANON_ADMIN_TOKEN: '' },
    });
    const health = await fetch(`${first.url}/_internal_/healthcheck`);
    assert.deepEqual(await health.json(), { status: 'healthy' });
    assert.equal(await first.stop('SIGTERM'), 0);
    const token = /admin token.*: (canon_\S+)/.exec(first.output())?.[1];
    assert.ok(token, first.output());
    assert.match(first.output(), /Registry stopped/);

    const second = await startCanon(['serve', '--port', '0', '--db', 'data/registry.db'], {
      cwd: dir,
      env: { CANON_ADMIN_TOKEN: '' },
    });
    assert.doesNotMatch(second.output(), /admin token/, 'the token is printed only when it is created');
    const tokens = await fetch(`${second.url}/tokens`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(tokens.status, 200);
    assert.equal(await second.stop('SIGINT'), 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('canon up publishes specs/ into an empty registry, then serves them until Ctrl-C', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canon-up-'));
  try {
    const args = ['up', '--port', '0', '--db', join(dir, 'up.db'), '--specs', join(repoRoot, 'specs')];
    const up = await startCanon(args, { cwd: dir });
    const services = (await (await fetch(`${up.url}/services`)).json()) as { application: string }[];
    assert.deepEqual(services.map((s) => s.application).sort(), ['common', 'registry', 'user']);
    assert.match(up.output(), /Published canon\/common/);
    assert.match(up.output(), /Try:/);
    assert.match(up.output(), /Web pages \(.*\): http:\/\/127\.0\.0\.1:\d+\/ui\//);
    const pages = await fetch(`${up.url}/ui/canon/user/latest`);
    assert.equal(pages.status, 200);
    assert.match(await pages.text(), /<h1>user <span class="muted">/);
    assert.equal(await up.stop('SIGINT'), 0);

    const again = await startCanon(args, { cwd: dir });
    assert.match(again.output(), /already holds 3 service/);
    assert.equal(await again.stop('SIGINT'), 0);

    const exported = await runCanon(['registry', 'export', 'backup.json', '--db', join(dir, 'up.db')], {
      cwd: dir,
    });
    assert.equal(exported.code, 0, exported.stderr);
    assert.match(exported.stdout, /3 service\(s\), 3 version\(s\)/);
    const imported = await runCanon(['registry', 'import', 'backup.json', '--db', 'copy.db'], { cwd: dir });
    assert.equal(imported.code, 0, imported.stderr);
    const twice = await runCanon(['registry', 'import', 'backup.json', '--db', 'copy.db'], { cwd: dir });
    assert.equal(twice.code, 1);
    assert.match(twice.stderr, /empty registry/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('canon serve --allowed-host answers for the names it lists, and refuses others (421)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canon-serve-hosts-'));
  try {
    const serve = await startCanon(
      [
        'serve',
        '--port',
        '0',
        '--db',
        'r.db',
        '--allowed-host',
        'registry.test',
        '--allowed-host',
        'canon.test',
      ],
      { cwd: dir, env: { CANON_ADMIN_TOKEN: '' } },
    );
    try {
      const status = async (host: string) =>
        (await rawRequest(serve.url, 'GET', '/services', { host })).status;
      assert.equal(await status('registry.test'), 200);
      assert.equal(await status('canon.test:7411'), 200);
      assert.equal(await status('localhost'), 200);
      assert.equal(await status('evil.test'), 421);
    } finally {
      assert.equal(await serve.stop('SIGTERM'), 0);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('canon serve --db postgres://…: serves from PostgreSQL and never prints the password', async () => {
  const database = await temporaryDatabase('postgres', 'serve');
  try {
    const url = new URL(database.db);
    url.password = 'not-needed-under-trust';
    const server = await startCanon(['serve', '--port', '0', '--db', url.toString()], {
      env: { CANON_ADMIN_TOKEN: '' },
    });
    assert.deepEqual(await (await fetch(`${server.url}/_internal_/healthcheck`)).json(), {
      status: 'healthy',
    });
    assert.equal(await server.stop('SIGTERM'), 0);
    assert.match(server.output(), /database postgres:\/\/postgres:\*\*\*@/);
    assert.doesNotMatch(server.output(), /not-needed-under-trust/);
    assert.match(server.output(), /admin token.*: canon_/);
  } finally {
    await database.dispose();
  }
});

test('canon serve on a database it cannot reach says so and exits 2', async () => {
  const result = await runCanon(['serve', '--port', '0', '--db', 'postgres://postgres@127.0.0.1:1/none']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /cannot start the registry: The registry cannot reach its database/);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
});
