import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rawPublishBody, rawRequest } from '../../test/raw-http.js';
import { ADMIN, userSpec, withRegistry } from '../../test/registry-harness.js';

const admin = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };

test('/checks answers what the publish gate decides under backward-transitive', async () => {
  await withRegistry(async ({ url }) => {
    const setPolicy = (policy: string) =>
      rawRequest(url, 'PUT', '/services/acme/user/policy', admin, JSON.stringify({ policy }));
    const put = (version: string, spec: string) =>
      rawRequest(url, 'PUT', `/services/acme/user/versions/${version}`, admin, rawPublishBody(spec));
    assert.equal((await put('1.0.0', userSpec({ id: 'string', email: 'string' }))).status, 201);
    assert.equal((await setPolicy('none')).status, 200);
    assert.equal((await put('1.1.0', userSpec({ id: 'string' }))).status, 201);
    assert.equal((await setPolicy('backward-transitive')).status, 200);

    // Compatible with 1.1.0 (the latest), but it drops 1.0.0's email, as 1.1.0 did.
    const next = userSpec({ id: 'string', name: { type: 'string', required: false } });
    const check = await rawRequest(
      url,
      'POST',
      '/services/acme/user/checks',
      { 'content-type': 'application/json' },
      rawPublishBody(next),
    );
    assert.equal(check.status, 200);
    assert.equal(check.json.compatible, false);
    assert.equal(check.json.policy, 'backward-transitive');
    assert.equal(check.json.against, '1.1.0');
    const breaking = check.json.changes.filter((c: { level: string }) => c.level === 'breaking');
    assert.equal(breaking.length, 1);
    assert.match(breaking[0].message, /email.*\(breaks consumers of 1\.0\.0\)/);

    const publish = await put('1.2.0', next);
    assert.equal(publish.status, 409, 'the publish agrees with the check');
    assert.deepEqual(
      publish.json.changes.map((c: { against: string }) => c.against),
      ['1.0.0'],
    );

    assert.equal((await setPolicy('backward')).status, 200);
    const relaxed = await rawRequest(
      url,
      'POST',
      '/services/acme/user/checks',
      { 'content-type': 'application/json' },
      rawPublishBody(next),
    );
    assert.equal(relaxed.json.compatible, true);
    assert.equal((await put('1.2.0', next)).status, 201);
  });
});
