import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, test } from 'node:test';
import { seeded } from '../test/crash-drill.js';
import { ADMIN, registryOn, userSpec } from '../test/registry-harness.js';
import { STORE_KINDS } from '../test/temporary-database.js';

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends bytes as they are over a fresh socket and reads the answer until the server closes it
 * (every request says `Connection: close`). The socket is not half-closed: real clients do not
 * do that, and a half-closed socket lets Node drop the answer to a failed decompression.
 */
function raw(port: number, request: Buffer): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const [statusLine, ...headerLines] = text.slice(0, split).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolve({ status: Number(statusLine?.split(' ')[1]), headers, body: text.slice(split + 4) });
    });
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.write(request);
  });
}

const JUNK = [
  '',
  '..',
  '%00',
  '%2F',
  '%E0%A4%A',
  '%ZZ',
  'ÿ',
  '😀',
  '\u0000',
  '<script>',
  "' OR 1=1 --",
  '$(rm -rf /)',
  '__proto__',
  'constructor',
  'A'.repeat(3000),
  '-1',
  '1e999',
  'latest',
  'NaN',
];

/** One hostile request, never a valid one: each kind breaks one rule the API enforces. */
function hostile(next: () => number, port: number): Buffer {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const junk = () => encodeURI(pick(JUNK)).replaceAll('?', '%3F').replaceAll('#', '%23');
  const kind = Math.floor(next() * 8);
  let method = 'GET';
  let path = '/';
  let headers: string[] = [];
  let body = Buffer.alloc(0);
  switch (kind) {
    case 0: // a path no route serves
      path = `/${junk()}/${junk()}/${junk()}/${junk()}/${junk()}/${junk()}/x`;
      break;
    case 1: // a route whose keys are not keys
      path = `/services/${pick(['UPPER', 'a b', '-x', 'x-', '..', '%00', '😀', 'a'.repeat(200)]).replaceAll(' ', '%20')}/${junk()}/versions`;
      break;
    case 2: // a method the route does not take
      method = pick(['PATCH', 'DELETE', 'POST', 'PUT', 'TRACE']);
      path = pick(['/services', '/_internal_/healthcheck', '/generators', '/events']);
      break;
    case 3: // a token that is not one
      headers = [
        `Authorization: ${pick(['Bearer', 'Bearer ', 'Basic abc', `Bearer ${'x'.repeat(5000)}`, 'Bearer canon_nope', 'bearer', 'Bearer a b'])}`,
      ];
      path = '/services';
      break;
    case 4: // a publish body that is not JSON or not a form
      method = 'PUT';
      path = '/services/acme/user/versions/1.0.0';
      headers = [
        `Authorization: Bearer ${ADMIN}`,
        `Content-Type: ${pick(['application/json', 'text/plain', 'application/json; charset=latin1', 'multipart/form-data'])}`,
      ];
      body = Buffer.from(
        pick([
          '{"original": ',
          '[1,2,3]',
          '"text"',
          'null',
          '{"original": 5}',
          '{"original": "{}", "__proto__": {"admin": true}}',
          `{"original": "x", "extra": ${'['.repeat(5000)}}`,
          '{"original": "{\\"name\\": \\"user\\", \\"evil\\": 1}"}',
          `{"original": "{\\"name\\": ${next()}}"}`,
          Buffer.from([0xff, 0xfe, 0x00, 0x7b]).toString('latin1'),
        ]),
      );
      break;
    case 5: // a spec that is hostile inside a valid form
      method = 'PUT';
      path = `/services/acme/user/versions/${pick(['1.0.0', 'v1', '1.0', '01.0.0', '1.0.0-', 'latest'])}`;
      headers = [`Authorization: Bearer ${ADMIN}`, 'Content-Type: application/json'];
      body = Buffer.from(
        JSON.stringify({
          original: JSON.stringify({
            name: pick(['user', '', '1abc', '<b>']),
            models: {
              [pick(['__proto__', 'constructor', 'a b', 'x'])]: {
                fields: [{ name: pick(['id', '', '💥']), type: pick(['nope', '[', 'map[', 'string']) }],
              },
            },
            [`unrecognized_${Math.floor(next() * 100)}`]: true,
          }),
        }),
      );
      break;
    case 6: // broken HTTP framing
      return Buffer.from(
        pick([
          'GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1\r\n\r\n',
          'GARBAGE\r\n\r\n',
          `GET /${'a'.repeat(20000)} HTTP/1.1\r\nHost: localhost\r\n${'X-Filler: y\r\n'.repeat(2000)}\r\n`,
          'POST /validations HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\nContent-Type: application/json\r\nConnection: close\r\n\r\nZZ\r\n{}\r\n0\r\n\r\n',
          'GET /services HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n0\r\n\r\n',
        ]),
      );
    default: // a compressed body that is not compressed
      method = 'POST';
      path = '/validations';
      headers = [
        'Content-Type: application/json',
        `Content-Encoding: ${pick(['gzip', 'deflate', 'br', 'zstd', 'x-evil'])}`,
      ];
      body = Buffer.from('{"original": "{}"}');
  }
  const head = [
    `${method} ${path} HTTP/1.1`,
    `Host: 127.0.0.1:${port}`,
    ...headers,
    `Content-Length: ${body.length}`,
    'Connection: close',
  ];
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), body]);
}

for (const store of STORE_KINDS) {
  describe(store, () => {
    const withRegistry = registryOn(store);

    test('1,000 hostile requests: every answer is a 4xx JSON error, and the registry stays healthy', async () => {
      await withRegistry(
        async ({ http, url }) => {
          await http.publish('acme', 'user', '1.0.0', userSpec({ id: 'string' }));
          const port = Number(new URL(url).port);
          const next = seeded(20261127);
          const requests = Array.from({ length: 1000 }, () => hostile(next, port));
          const failures: string[] = [];
          for (let i = 0; i < requests.length; i += 20) {
            const batch = requests.slice(i, i + 20);
            const answers = await Promise.all(batch.map((r) => raw(port, r)));
            answers.forEach((answer, j) => {
              let errors: unknown;
              try {
                errors = JSON.parse(answer.body).errors;
              } catch {
                errors = undefined;
              }
              const ok =
                answer.status >= 400 &&
                answer.status < 500 &&
                /^application\/json/.test(answer.headers['content-type'] ?? '') &&
                Array.isArray(errors);
              if (!ok)
                failures.push(
                  `${answer.status} ${answer.body.slice(0, 120)} ← ${batch[j]!.toString('latin1').slice(0, 160)}`,
                );
            });
          }
          assert.deepEqual(failures.slice(0, 5), []);
          assert.equal((await http.request('GET', '/_internal_/healthcheck')).status, 200);
          assert.equal((await http.request('GET', '/services/acme/user/versions')).json.length, 1);
          assert.equal((await http.publish('acme', 'user', '1.0.1', userSpec({ id: 'string' }))).status, 201);
        },
        { maxBodyBytes: 64 * 1024 },
      );
    });
  });
}
