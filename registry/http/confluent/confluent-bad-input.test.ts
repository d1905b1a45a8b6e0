import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, it } from 'node:test';
import { rawRequest } from '../../../test/raw-http.js';
import { ADMIN, registryOn, type TestRegistry } from '../../../test/registry-harness.js';
import { CONFLUENT_JSON, jsonSchema, sr, stringOf } from './confluent-testing.js';

const basic = `Basic ${Buffer.from(`u:${ADMIN}`).toString('base64')}`;
const headers = { authorization: basic, 'content-type': CONFLUENT_JSON };

/** Everything a client can read of the registry's subjects, to show that a refusal changed nothing. */
async function snapshot({ http }: TestRegistry) {
  const subjects = (await sr(http, 'GET', '/subjects?deleted=true')).json as string[];
  const versions = await Promise.all(
    subjects.map(
      async (s) => (await sr(http, 'GET', `/subjects/${encodeURIComponent(s)}/versions?deleted=true`)).json,
    ),
  );
  const schemas = await Promise.all(
    [1, 2, 3].map(async (id) => (await sr(http, 'GET', `/schemas/ids/${id}`)).json),
  );
  return { subjects, versions, schemas };
}

/** Sends headers for a body of `declared` bytes and only a little of it, as a client that means to stream 100 MB would. */
function declaredHugeBody(
  url: string,
  path: string,
  declared: number,
): Promise<{ status: number; text: string }> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(target.port), target.hostname, () => {
      socket.write(
        `POST ${path} HTTP/1.1\r\nHost: ${target.host}\r\nAuthorization: ${basic}\r\nContent-Type: ${CONFLUENT_JSON}\r\nContent-Length: ${declared}\r\n\r\n{"schema": "`,
      );
    });
    let received = '';
    socket.on('data', (chunk) => {
      received += chunk.toString('utf8');
      const end = received.indexOf('\r\n\r\n');
      if (end >= 0 && /content-length: (\d+)/i.test(received)) {
        const length = Number(/content-length: (\d+)/i.exec(received)![1]);
        if (received.length - end - 4 >= length) {
          socket.destroy();
          resolve({ status: Number(received.slice(9, 12)), text: received.slice(end + 4) });
        }
      }
    });
    socket.on('error', reject);
  });
}

for (const store of ['sqlite', 'postgres'] as const) {
  describe(`the Confluent API refuses bad input precisely, never with a 500, storing nothing (${store})`, () => {
    const withRegistry = registryOn(store);

    const deep = (levels: number) => `${'{"not":'.repeat(levels)}{}${'}'.repeat(levels)}`;
    const cases: {
      what: string;
      path: string;
      body: string;
      status: number;
      code: number;
      message: RegExp;
    }[] = [
      {
        what: 'an Avro schema',
        path: '/subjects/s/versions',
        body: JSON.stringify({ schemaType: 'AVRO', schema: '"string"' }),
        status: 422,
        code: 42201,
        message: /schema type "AVRO" is not supported; this registry stores JSON Schema only/,
      },
      {
        what: 'a Protobuf schema',
        path: '/subjects/s/versions',
        body: JSON.stringify({ schemaType: 'PROTOBUF', schema: 'syntax = "proto3";' }),
        status: 422,
        code: 42201,
        message: /"PROTOBUF" is not supported/,
      },
      {
        what: 'a schema that is not JSON',
        path: '/subjects/s/versions',
        body: JSON.stringify({ schemaType: 'JSON', schema: '{"type": ' }),
        status: 422,
        code: 42201,
        message: /the schema is not JSON/,
      },
      {
        what: 'not a JSON Schema (type 12)',
        path: '/subjects/s/versions',
        body: JSON.stringify(jsonSchema({ type: 12 })),
        status: 422,
        code: 42201,
        message: /not a valid JSON Schema: \/type/,
      },
      {
        what: 'an array as a schema',
        path: '/subjects/s/versions',
        body: JSON.stringify(jsonSchema([1])),
        status: 422,
        code: 42201,
        message: /an object or a boolean/,
      },
      {
        what: 'an unknown dialect',
        path: '/subjects/s/versions',
        body: JSON.stringify(jsonSchema({ $schema: 'https://example.com/mine' })),
        status: 422,
        code: 42201,
        message: /not a JSON Schema dialect this registry reads/,
      },
      {
        what: 'an unresolvable local $ref',
        path: '/subjects/s/versions',
        body: JSON.stringify(jsonSchema({ properties: { a: { $ref: '#/$defs/missing' } } })),
        status: 422,
        code: 42201,
        message: /points at nothing in this schema/,
      },
      {
        what: 'a $ref to an unregistered reference name',
        path: '/subjects/s/versions',
        body: JSON.stringify(jsonSchema({ properties: { a: { $ref: 'address.json' } } })),
        status: 422,
        code: 42201,
        message: /names no referenced schema; add a reference named 'address.json'/,
      },
      {
        what: 'a reference to a subject version that does not exist',
        path: '/subjects/s/versions',
        body: JSON.stringify(
          jsonSchema({ $ref: 'a.json' }, { references: [{ name: 'a.json', subject: 'ghost', version: 1 }] }),
        ),
        status: 422,
        code: 42201,
        message: /names version 1 of subject "ghost", which does not exist/,
      },
      {
        what: 'a $ref cycle',
        path: '/subjects/s/versions',
        body: JSON.stringify(
          jsonSchema({ $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } }, $ref: '#/$defs/a' }),
        ),
        status: 422,
        code: 42201,
        message: /leads back to itself through \$ref alone/,
      },
      {
        what: 'a 100,000-deep schema',
        path: '/subjects/s/versions',
        body: JSON.stringify({ schemaType: 'JSON', schema: deep(100_000) }),
        status: 422,
        code: 42201,
        message: /nests deeper than 128 levels/,
      },
      {
        what: 'a schema over 8 MiB',
        path: '/subjects/s/versions',
        body: JSON.stringify(jsonSchema({ description: 'x'.repeat(9 * 1024 * 1024) })),
        status: 422,
        code: 42209,
        message: /Schema too large/,
      },
      {
        what: 'a body that is not JSON',
        path: '/subjects/s/versions',
        body: '{"schema": ',
        status: 400,
        code: 400,
        message: /not valid JSON/,
      },
      {
        what: 'a negative version in IMPORT',
        path: '/subjects/s/versions',
        body: JSON.stringify(jsonSchema(true, { version: -1 })),
        status: 422,
        code: 42202,
        message: /"version" must be a whole number/,
      },
      {
        what: 'a traversal subject',
        path: '/subjects/..%2F..%2Fetc/versions',
        body: JSON.stringify(jsonSchema(true)),
        status: 422,
        code: 42208,
        message: /reads as a path/,
      },
      {
        what: 'a dot-dot subject',
        path: '/subjects/%2E%2E/versions',
        body: JSON.stringify(jsonSchema(true)),
        status: 422,
        code: 42208,
        message: /reads as a path/,
      },
      {
        what: 'a control character in a subject',
        path: '/subjects/a%00b/versions',
        body: JSON.stringify(jsonSchema(true)),
        status: 422,
        code: 42208,
        message: /control character/,
      },
      {
        what: 'a newline in a subject',
        path: '/subjects/a%0D%0Ab/versions',
        body: JSON.stringify(jsonSchema(true)),
        status: 422,
        code: 42208,
        message: /control character/,
      },
      {
        what: 'a broken percent-encoding',
        path: '/subjects/%E0%A4%A/versions',
        body: JSON.stringify(jsonSchema(true)),
        status: 400,
        code: 400,
        message: /percent-encoding/,
      },
      {
        what: 'a reference with a traversal subject',
        path: '/subjects/s/versions',
        body: JSON.stringify(jsonSchema(true, { references: [{ name: 'x', subject: '../x', version: 1 }] })),
        status: 422,
        code: 42208,
        message: /reads as a path/,
      },
    ];

    it('each bad registration: its Confluent code and message; the registry unchanged and healthy', async () => {
      await withRegistry(async (registry) => {
        await sr(registry.http, 'POST', '/subjects/kept/versions', jsonSchema(stringOf(5)));
        const before = await snapshot(registry);
        for (const c of cases) {
          const answer = await rawRequest(registry.url, 'POST', `/confluent${c.path}`, headers, c.body);
          assert.equal(answer.status, c.status, `${c.what}: ${answer.text.slice(0, 300)}`);
          assert.equal(answer.json.error_code, c.code, c.what);
          assert.match(answer.json.message, c.message, c.what);
          assert.doesNotMatch(answer.text, /at .*\.js:\d+/, `${c.what}: no stack trace`);
          // The same body as a dry-run check is refused the same way.
          if (c.path === '/subjects/s/versions') {
            const check = await rawRequest(
              registry.url,
              'POST',
              '/confluent/compatibility/subjects/kept/versions',
              headers,
              c.body,
            );
            assert.equal(check.json.error_code, c.code, `${c.what} (check)`);
          }
        }
        assert.deepEqual(await snapshot(registry), before);
        assert.equal((await rawRequest(registry.url, 'GET', '/_internal_/healthcheck')).status, 200);
      });
    });

    it('a 100 MB body is refused with 413 from its Content-Length, before it is read', async () => {
      await withRegistry(async (registry) => {
        const answer = await declaredHugeBody(
          registry.url,
          '/confluent/subjects/s/versions',
          100 * 1024 * 1024,
        );
        assert.equal(answer.status, 413);
        assert.equal(JSON.parse(answer.text).error_code, 413);
        assert.deepEqual((await sr(registry.http, 'GET', '/subjects')).json, []);
      });
    });

    it('tokens: a wrong token is 40101, a read token may not register (40301), another organization may not touch a subject', async () => {
      await withRegistry(async (registry) => {
        const { http } = registry;
        const token = async (organization: string, role: string) =>
          (
            await http.request('POST', '/tokens', {
              token: ADMIN,
              body: { organization, role, description: 't' },
            })
          ).json.secret as string;
        const reader = await token('acme', 'read');
        const acme = await token('acme', 'publish');
        const other = await token('globex', 'admin');
        const bad = await sr(http, 'POST', '/subjects/s/versions', jsonSchema(true), 'not-a-token');
        assert.deepEqual([bad.status, bad.json.error_code], [401, 40101]);
        const garbled = await rawRequest(registry.url, 'GET', '/confluent/subjects', {
          authorization: 'Digest x',
        });
        assert.deepEqual([garbled.status, garbled.json.error_code], [401, 40101]);
        assert.equal(
          (await sr(http, 'POST', '/subjects/s/versions', jsonSchema(true), null)).json.error_code,
          40101,
        );
        const readOnly = await sr(http, 'POST', '/subjects/s/versions', jsonSchema(true), reader);
        assert.deepEqual([readOnly.status, readOnly.json.error_code], [403, 40301]);
        assert.equal((await sr(http, 'POST', '/subjects/s/versions', jsonSchema(true), acme)).status, 200);
        const foreign = await sr(http, 'POST', '/subjects/s/versions', jsonSchema(false), other);
        assert.equal(foreign.json.error_code, 40301);
        assert.equal(
          (await sr(http, 'DELETE', '/subjects/s', undefined, acme)).json.error_code,
          40301,
          'deleting takes admin',
        );
        assert.deepEqual((await sr(http, 'GET', '/subjects/s/versions')).json, [1]);
      });
    });
  });
}
