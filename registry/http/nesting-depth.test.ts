import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MAX_NESTING } from '../../core/json-depth.js';
import { rawPublishBody, rawRequest } from '../../test/raw-http.js';
import { ADMIN, userSpec, withRegistry } from '../../test/registry-harness.js';

const headers = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };

/** The attacker's document: an attribute value nested `levels` deep (1,843 levels is 10 KB). */
function nested(levels: number): string {
  const value = `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
  return `{"name":"user","models":{"user":{"fields":[{"name":"id","type":"string"}],"attributes":[{"name":"x","value":${value}}]}}}`;
}

test('a document nested 1,843 levels deep is refused with the same 422 by every endpoint', async () => {
  await withRegistry(async ({ url, http }) => {
    await http.publish('acme', 'user', '1.0.0', userSpec({ id: 'string' }));
    const body = rawPublishBody(nested(1843));
    const answers = {
      publish: await rawRequest(url, 'PUT', '/services/acme/user/versions/1.1.0', headers, body),
      dryRun: await rawRequest(
        url,
        'PUT',
        '/services/acme/user/versions/1.1.0',
        headers,
        rawPublishBody(nested(1843), ',"dry_run":true'),
      ),
      checks: await rawRequest(
        url,
        'POST',
        '/services/acme/user/checks',
        { 'content-type': 'application/json' },
        body,
      ),
    };
    for (const [name, answer] of Object.entries(answers)) {
      assert.equal(answer.status, 422, `${name}: ${answer.text.slice(0, 200)}`);
      assert.equal(answer.json.errors[0].code, 'too-deep', name);
      assert.match(answer.json.errors[0].message, new RegExp(`more than ${MAX_NESTING} levels`));
      assert.match(answer.json.errors[0].path, /^\/models\/user\/attributes\/0\/value(\/a)+$/);
      assert.doesNotMatch(answer.text, /at .*\.js:\d+/, 'no stack trace');
    }
    const validation = await rawRequest(
      url,
      'POST',
      '/validations',
      { 'content-type': 'application/json' },
      body,
    );
    assert.equal(validation.status, 200);
    assert.equal(validation.json.valid, false);
    assert.equal(validation.json.errors[0].code, 'too-deep');

    const versions = await rawRequest(url, 'GET', '/services/acme/user/versions');
    assert.deepEqual(
      versions.json.map((v: { version: string }) => v.version),
      ['1.0.0'],
    );
    assert.equal((await rawRequest(url, 'GET', '/_internal_/healthcheck')).status, 200);
  });
});

test('nesting up to the limit is accepted, one level more is not', async () => {
  await withRegistry(async ({ url }) => {
    // The document, models, user, attributes and [0] are levels 1-5: the value starts at level 6.
    const publish = (levels: number) =>
      rawRequest(url, 'PUT', '/services/acme/user/versions/1.0.0', headers, rawPublishBody(nested(levels)));
    assert.equal((await publish(MAX_NESTING - 4)).status, 422);
    const answer = await publish(MAX_NESTING - 5);
    assert.equal(answer.status, 201, answer.text.slice(0, 300));
  });
});

test('a request body nested too deeply (generator options) is a 422 too-deep, not a 500', async () => {
  await withRegistry(async ({ url, http }) => {
    await http.publish('acme', 'user', '1.0.0', userSpec({ id: 'string' }));
    const deep = `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`;
    for (const generator of ['typescript-types', 'express-routes']) {
      const answer = await rawRequest(
        url,
        'POST',
        `/services/acme/user/versions/1.0.0/code/${generator}`,
        { 'content-type': 'application/json' },
        `{"options":${deep}}`,
      );
      assert.equal(answer.status, 422, answer.text.slice(0, 200));
      assert.equal(answer.json.errors[0].code, 'too-deep');
      assert.match(answer.json.errors[0].path, /^\/options(\/a)+$/);
    }
  });
});
