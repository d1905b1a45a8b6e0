import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { repoPath } from '../../../test/paths.js';
import { DocumentSchemas } from './document-schemas.js';
import { documentOperations, type Json } from './openapi-operations.js';
import { type ArrivedRequest, checkRequest, matchOperation } from './request-check.js';

/* The conformance server's checker must refuse what a document does not declare, or the suite passes vacuously. */

const doc = JSON.parse(readFileSync(repoPath('fixtures', 'wire', 'parameter-styles.json'), 'utf8')) as Json;
const schemas = new DocumentSchemas(doc);
const operations = documentOperations(schemas.document);

async function problems(
  request: Partial<ArrivedRequest> & { method: string; url: string },
): Promise<string[]> {
  const found = matchOperation(operations, request.method, new URL(request.url, 'http://x').pathname);
  assert.ok(found, `${request.method} ${request.url} reaches an operation`);
  return checkRequest(schemas, found.op, found.path, { headers: {}, body: Buffer.alloc(0), ...request });
}

const form = (body: string): Partial<ArrivedRequest> => ({
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: Buffer.from(body),
});

describe('the conformance checker', () => {
  it('accepts each query style as declared', async () => {
    const url =
      '/search?tags=a&tags=b&ids=1,2&words=a%20b&levels=1|2&created[gte]=1&expand[]=a&expand[]=b&point=x,1,y,2&since=5&limit=3&active=true';
    assert.deepEqual(await problems({ method: 'GET', url }), []);
  });

  for (const [description, url, expected] of [
    [
      'an unexploded list sent as repeated keys',
      '/search?ids=1&ids=2',
      /ids is sent 2 times; form without explode/,
    ],
    ['a deepObject written as JSON', '/search?created=%7B%22gte%22%3A1%7D', /query parameter created/],
    [
      'a list written with brackets where form is declared',
      '/search?tags[]=a',
      /query key tags\[\] is not a declared parameter/,
    ],
    [
      'an object written as JSON where form without explode is declared',
      '/search?point=%7B%22x%22%3A1%7D',
      /query parameter point/,
    ],
    ['a number out of bounds', '/search?limit=500', /limit = 500: \/ must be <= 100/],
  ] as const) {
    it(`refuses ${description}`, async () => {
      const found = await problems({ method: 'GET', url });
      assert.ok(
        found.some((p) => expected.test(p)),
        found.join('\n'),
      );
    });
  }

  it('refuses a form body sent as JSON, and form keys in the wrong encoding', async () => {
    const json = await problems({
      method: 'POST',
      url: '/customers',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('{"email":"a@example.com"}'),
    });
    assert.match(
      json.join('\n'),
      /sent as application\/json; the document declares application\/x-www-form-urlencoded/,
    );
    const brackets = await problems({
      method: 'POST',
      url: '/customers',
      ...form('email=a%40example.com&tags[]=x'),
    });
    assert.match(brackets.join('\n'), /form key tags\[\] is not a declared property/);
    const ok = await problems({
      method: 'POST',
      url: '/customers',
      ...form(
        'email=a%40example.com&tags=x&tags=y&metadata[plan]=pro&items[0][price]=p&items[0][quantity]=2',
      ),
    });
    assert.deepEqual(ok, []);
  });

  it('refuses a text body sent as JSON and a missing required body', async () => {
    const sent = await problems({
      method: 'POST',
      url: '/notes',
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('"hello"'),
    });
    assert.match(sent.join('\n'), /the document declares text\/plain/);
    assert.deepEqual(await problems({ method: 'POST', url: '/notes' }), [
      'the request body is required but none was sent',
    ]);
  });
});
