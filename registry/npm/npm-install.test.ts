import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { repoPath } from '../../test/paths.js';
import { withRegistry } from '../../test/registry-harness.js';
import { issueToken } from '../access.js';

const run = promisify(execFile);

/**
 * Answers `GET /users/:id` the way the example user service does (specs/examples/user.json), so
 * the installed client has a real service to call over a socket.
 */
async function userService(): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const id = /^\/users\/([^/?]+)$/.exec(req.url ?? '')?.[1];
    res.setHeader('content-type', 'application/json');
    if (req.method !== 'GET' || id === undefined) {
      res.statusCode = 404;
      res.end('{}');
      return;
    }
    res.end(JSON.stringify({ id, email: 'ada@example.com', name: 'Ada', status: 'active' }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** specs/examples/user.json at `version`, its base URL the running service (content differs per version). */
function userSpec(version: string, baseUrl: string): string {
  const spec = JSON.parse(readFileSync(repoPath('specs', 'examples', 'user.json'), 'utf8'));
  return JSON.stringify({ ...spec, base_url: baseUrl, description: `The user service, ${version}.` });
}

const VERSIONS = ['1.3.0', '1.4.0', '1.4.1', '2.0.0'];

describe('npm install of generated clients from the registry (/npm/, npm itself over 127.0.0.1)', () => {
  const work = mkdtempSync(join(tmpdir(), 'canon-npm-'));
  const cache = join(work, 'npm-cache');
  let service: Awaited<ReturnType<typeof userService>>;

  /** A project directory: package.json of `type`, and the .npmrc lines given. */
  const project = (name: string, type: 'module' | 'commonjs', npmrc: string[]) => {
    const dir = join(work, name);
    mkdirSync(dir);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', type }));
    writeFileSync(join(dir, '.npmrc'), `${npmrc.join('\n')}\n`);
    return dir;
  };
  const npm = (dir: string, ...args: string[]) =>
    run('npm', [...args, '--cache', cache, '--no-audit', '--no-fund', '--no-update-notifier'], { cwd: dir });
  const locked = (dir: string) =>
    JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8')).packages[
      'node_modules/@acme/user-client'
    ] as {
      version: string;
      integrity: string;
    };
  /** Runs `code` in the project and returns what it printed, parsed. */
  const node = async (dir: string, file: string, code: string) => {
    writeFileSync(join(dir, file), code);
    return JSON.parse((await run(process.execPath, [file], { cwd: dir })).stdout) as unknown;
  };

  before(async () => {
    service = await userService();
  });
  after(() => {
    service.server.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('installs by range with a scope mapping (ESM), by exact version (same integrity again) and by dist-tag (CommonJS)', async () => {
    await withRegistry(async (registry) => {
      for (const version of VERSIONS) {
        // A new major changes the namespace (user.v2): a breaking change an admin lets through.
        const force = version.startsWith('2.') ? { force_reason: 'a new major version' } : {};
        const published = await registry.http.publish(
          'acme',
          'user',
          version,
          userSpec(version, service.url),
          force,
        );
        assert.equal(published.status, 201, published.text);
      }
      const packument = await registry.http.request('GET', '/npm/@acme%2fuser-client');
      assert.equal(packument.status, 200, packument.text);
      assert.deepEqual(Object.keys(packument.json.versions), VERSIONS);
      assert.deepEqual(packument.json['dist-tags'], { latest: '2.0.0' });
      assert.equal((await registry.http.request('GET', '/npm/@acme%2fnobody-client')).status, 404);
      const publish = await registry.http.request('PUT', '/npm/@acme%2fuser-client', { body: {} });
      assert.equal(publish.status, 405, 'publishing goes through specs, not npm publish');

      // Only @acme comes from Canon; everything else would still come from the public registry.
      const esm = project('esm', 'module', [`@acme:registry=${registry.url}/npm/`]);
      await npm(esm, 'install', '@acme/user-client@^1.4');
      const first = locked(esm);
      assert.equal(first.version, '1.4.1');
      assert.equal(first.integrity, packument.json.versions['1.4.1'].dist.integrity);
      const called = await node(
        esm,
        'main.js',
        `import { createClient } from '@acme/user-client';
const user = await createClient().users.getById({ id: 'usr-1' });
console.log(JSON.stringify(user));`,
      );
      assert.deepEqual(called, { id: 'usr-1', email: 'ada@example.com', name: 'Ada', status: 'active' });

      // The same version again, from nothing: the registry rebuilds nothing new, npm gets the same bytes.
      rmSync(join(esm, 'node_modules'), { recursive: true });
      rmSync(join(esm, 'package-lock.json'));
      await npm(esm, 'install', '--prefer-online', '@acme/user-client@1.4.1');
      assert.equal(locked(esm).integrity, first.integrity);

      const cjs = project('cjs', 'commonjs', []);
      await npm(cjs, 'install', '--registry', `${registry.url}/npm/`, '@acme/user-client@latest');
      assert.equal(locked(cjs).version, '2.0.0');
      const required = await node(
        cjs,
        'main.js',
        `const { createClient } = require('@acme/user-client');
createClient().users.getById({ id: 'usr-2' }).then((user) => console.log(JSON.stringify(user.id)));`,
      );
      assert.equal(required, 'usr-2');
    });
  });

  it('on a private registry, refuses npm without a token and installs with _authToken in .npmrc', async () => {
    await withRegistry(
      async (registry) => {
        const published = await registry.http.publish(
          'acme',
          'user',
          '1.4.0',
          userSpec('1.4.0', service.url),
        );
        assert.equal(published.status, 201, published.text);
        const { secret } = await issueToken(registry.registry.store, {
          organization: 'acme',
          role: 'read',
          description: 'npm',
          createdBy: 'test',
        });
        const scope = `@acme:registry=${registry.url}/npm/`;
        const anonymous = project('anonymous', 'module', [scope]);
        await assert.rejects(npm(anonymous, 'install', '@acme/user-client@1.4.0'), /E401|401/);

        const host = registry.url.replace(/^http:/, '');
        const allowed = project('allowed', 'module', [scope, `${host}/npm/:_authToken=${secret}`]);
        await npm(allowed, 'install', '@acme/user-client@1.4.0');
        assert.equal(locked(allowed).version, '1.4.0');
      },
      { anonymousReads: false },
    );
  });
});
