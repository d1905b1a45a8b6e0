import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rawRequest } from '../../test/raw-http.js';
import { withRegistry } from '../../test/registry-harness.js';
import { hostCheck, isLoopback } from './host-check.js';

test('DNS rebinding: a registry on 127.0.0.1 answers only for loopback names and the allowed hosts', async () => {
  await withRegistry(
    async ({ url }) => {
      const port = new URL(url).port;
      const get = (host: string) => rawRequest(url, 'GET', '/services', { host });
      for (const host of [
        `evil.example:${port}`,
        'evil.example',
        `127.0.0.1.evil.example:${port}`,
        `localhost.evil:${port}`,
      ]) {
        const answer = await get(host);
        assert.equal(answer.status, 421, host);
        assert.equal(answer.json.errors[0].code, 'host-not-allowed');
        assert.match(answer.json.errors[0].message, /--allowed-host/);
      }
      for (const host of [
        `localhost:${port}`,
        `LOCALHOST:${port}`,
        `127.0.0.1:${port}`,
        `[::1]:${port}`,
        'registry.internal',
      ]) {
        assert.equal((await get(host)).status, 200, host);
      }
      // The refusal comes before anything else: no write happens through a rebound name.
      const write = await rawRequest(
        url,
        'PUT',
        '/services/acme/user/versions/1.0.0',
        { host: 'evil.example', 'content-type': 'application/json' },
        '{"original":"{}"}',
      );
      assert.equal(write.status, 421);
    },
    { allowedHosts: ['registry.internal'] },
  );
});

test('bound to another address, every host is answered unless allowed hosts are listed', () => {
  assert.equal(hostCheck('0.0.0.0'), undefined);
  assert.notEqual(hostCheck('0.0.0.0', ['registry.acme.com']), undefined);
  assert.notEqual(hostCheck('127.0.0.1'), undefined);
  assert.ok(isLoopback('127.1.2.3') && isLoopback('[::1]') && isLoopback('app.localhost'));
  assert.ok(!isLoopback('10.0.0.1') && !isLoopback('localhost.evil'));
});
