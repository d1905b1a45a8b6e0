import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rawPublishBody, rawRequest } from '../../test/raw-http.js';
import { ADMIN, withRegistry } from '../../test/registry-harness.js';

const json = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };

/** api.json text with an attribute whose value is written by hand, `__proto__` key included. */
const withAttribute = (value: string) =>
  `{"name":"user","models":{"user":{"fields":[{"name":"id","type":"string"}],"attributes":[{"name":"x","value":${value}}]}}}`;

test('a __proto__ key is content: a different __proto__ value under the same version is refused', async () => {
  await withRegistry(async ({ url }) => {
    const path = '/services/acme/user/versions/1.0.0';
    const first = await rawRequest(
      url,
      'PUT',
      path,
      json,
      rawPublishBody(withAttribute('{"__proto__":{"k":1}}')),
    );
    assert.equal(first.status, 201, first.text);
    const same = await rawRequest(
      url,
      'PUT',
      path,
      json,
      rawPublishBody(withAttribute('{"__proto__":{"k":1}}')),
    );
    assert.equal(same.json.status, 'exists');
    const other = await rawRequest(
      url,
      'PUT',
      path,
      json,
      rawPublishBody(withAttribute('{"__proto__":{"k":2}}')),
    );
    assert.equal(other.status, 409, other.text);
    assert.equal(other.json.errors[0].code, 'version-exists');
    const stored = await rawRequest(url, 'GET', `${path}/service`);
    assert.match(stored.text, /"__proto__":\{"k":1\}/);
  });
});

test('__proto__, constructor and toString are unknown keys like any other, at every level', async () => {
  await withRegistry(async ({ url }) => {
    for (const key of ['__proto__', 'constructor', 'toString']) {
      const spec = `{"name":"user","${key}":{"x":1},"models":{"user":{"${key}":1,"fields":[{"name":"id","type":"string","${key}":1}]}}}`;
      const answer = await rawRequest(url, 'POST', '/validations', json, rawPublishBody(spec));
      assert.equal(answer.status, 200);
      assert.equal(answer.json.valid, false, key);
      assert.deepEqual(
        answer.json.errors.map((e: { code: string; path: string }) => `${e.code} ${e.path}`),
        [
          `unknown-key /${key}`,
          `unknown-key /models/user/${key}`,
          `unknown-key /models/user/fields/0/${key}`,
        ],
      );
      const published = await rawRequest(
        url,
        'PUT',
        '/services/acme/user/versions/1.0.0',
        json,
        rawPublishBody(spec),
      );
      assert.equal(published.status, 422, key);
    }
  });
});

test('an OpenAPI schema named __proto__ is an ordinary model: published, normalized, generated', async () => {
  await withRegistry(async ({ url }) => {
    const spec =
      '{"openapi":"3.0.0","info":{"title":"t","version":"1.0.0"},"paths":{},"components":{"schemas":{"__proto__":{"type":"object","properties":{"a":{"type":"string","format":"constructor"}}}}}}';
    const published = await rawRequest(
      url,
      'PUT',
      '/services/acme/t/versions/1.0.0',
      json,
      rawPublishBody(spec),
    );
    assert.equal(published.status, 201, published.text);
    const service = (await rawRequest(url, 'GET', '/services/acme/t/versions/1.0.0/service')).json;
    assert.equal(service.models[0].name, '__proto__');
    assert.equal(typeof service.models[0].plural, 'string');
    assert.doesNotMatch(service.models[0].plural, /object/);
    assert.deepEqual(service.models[0].fields[0].type, { kind: 'primitive', name: 'string' });
    const code = await rawRequest(url, 'GET', '/services/acme/t/versions/1.0.0/code/typescript-types');
    assert.equal(code.status, 200, code.text);
  });
});

test('__proto__, constructor and toString in a request body are unknown fields', async () => {
  await withRegistry(async ({ url }) => {
    for (const key of ['__proto__', 'constructor', 'toString']) {
      const body = `{"original":"{\\"name\\":\\"user\\"}","${key}":{"dry_run":true}}`;
      const answer = await rawRequest(url, 'PUT', '/services/acme/user/versions/1.0.0', json, body);
      assert.equal(answer.status, 422, key);
      assert.deepEqual(answer.json.errors, [
        {
          code: 'unknown-field',
          path: `/${key}`,
          message: `publish_form has no field '${key}'; its fields are original, file, force_reason, dry_run.`,
        },
      ]);
    }
    assert.equal((await rawRequest(url, 'GET', '/services/acme/user')).status, 404, 'nothing stored');
  });
});
