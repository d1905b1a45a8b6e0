import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rawPublishBody, rawRequest } from '../../test/raw-http.js';
import { ADMIN, userSpec, withRegistry } from '../../test/registry-harness.js';
import { ifNoneMatch } from './conditional.js';

const admin = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };

test('the Bearer scheme is case-insensitive', async () => {
  await withRegistry(async ({ url }) => {
    for (const scheme of ['bearer', 'BEARER', 'bEaReR']) {
      const answer = await rawRequest(url, 'GET', '/tokens', { authorization: `${scheme} ${ADMIN}` });
      assert.equal(answer.status, 200, scheme);
    }
    assert.equal((await rawRequest(url, 'GET', '/tokens', { authorization: `Basic ${ADMIN}` })).status, 401);
  });
});

test('a private registry never lets shared caches keep what a token read', async () => {
  await withRegistry(
    async ({ url }) => {
      await rawRequest(
        url,
        'PUT',
        '/services/acme/user/versions/1.0.0',
        admin,
        rawPublishBody(userSpec({ id: 'string' })),
      );
      const pinned = await rawRequest(url, 'GET', '/services/acme/user/versions/1.0.0/service', admin);
      assert.equal(pinned.status, 200);
      assert.equal(pinned.headers['cache-control'], 'private, max-age=31536000, immutable');
      const latest = await rawRequest(url, 'GET', '/services/acme/user/versions/latest/original', admin);
      assert.equal(latest.headers['cache-control'], 'private, no-cache');
    },
    { anonymousReads: false },
  );
  await withRegistry(async ({ url }) => {
    await rawRequest(
      url,
      'PUT',
      '/services/acme/user/versions/1.0.0',
      admin,
      rawPublishBody(userSpec({ id: 'string' })),
    );
    const pinned = await rawRequest(url, 'GET', '/services/acme/user/versions/1.0.0/service');
    assert.equal(pinned.headers['cache-control'], 'public, max-age=31536000, immutable');
  });
});

test('If-None-Match: lists, weak tags and * all revalidate (RFC 9110 §13.1.2)', async () => {
  await withRegistry(async ({ url }) => {
    await rawRequest(
      url,
      'PUT',
      '/services/acme/user/versions/1.0.0',
      admin,
      rawPublishBody(userSpec({ id: 'string' })),
    );
    const path = '/services/acme/user/versions/1.0.0/service';
    const etag = (await rawRequest(url, 'GET', path)).headers.etag as string;
    assert.match(etag, /^"[0-9a-f]{64}"$/);
    for (const header of [etag, `W/${etag}`, `"other", ${etag}`, `"a,b", W/${etag} , "c"`, '*']) {
      const answer = await rawRequest(url, 'GET', path, { 'if-none-match': header });
      assert.equal(answer.status, 304, header);
      assert.equal(answer.text, '');
      assert.equal(answer.headers.etag, etag);
    }
    for (const header of ['"other"', 'W/"other", "x"', etag.slice(1, -1), '']) {
      assert.equal((await rawRequest(url, 'GET', path, { 'if-none-match': header })).status, 200, header);
    }
  });
});

test('ifNoneMatch does not split quoted commas', () => {
  assert.equal(ifNoneMatch('"a,b"', '"a,b"'), true);
  assert.equal(ifNoneMatch('"a,b"', '"a"'), false);
  assert.equal(ifNoneMatch(undefined, '"a"'), false);
});
