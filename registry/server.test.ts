import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { test } from 'node:test';
import { ADMIN, userSpec } from '../test/registry-harness.js';
import { STORE_KINDS, temporaryDatabase } from '../test/temporary-database.js';
import { startRegistry } from './server.js';

for (const store of STORE_KINDS)
  test(`graceful shutdown on ${store}: a request in flight when close() is called still gets its answer`, async () => {
    const database = await temporaryDatabase(store, 'shutdown');
    try {
      const running = await startRegistry({ db: database.db, adminToken: ADMIN, log: () => {} });
      const body = JSON.stringify({ original: userSpec({ id: 'string' }) });
      const socket = connect(Number(new URL(running.url).port), '127.0.0.1');
      await new Promise((resolve) => socket.once('connect', resolve));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk));
      const ended = new Promise((resolve) => socket.once('close', resolve));
      const received = new Promise((resolve) => running.server.once('request', resolve));
      socket.write(
        `PUT /services/acme/user/versions/1.0.0 HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${ADMIN}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, 10)}`,
      );
      await received;
      const closed = running.close();
      socket.write(body.slice(10));
      await closed;
      await ended;
      assert.match(answer, /^HTTP\/1\.1 201 /);
      assert.match(answer, /"status":"created"/);
      await assert.rejects(fetch(`${running.url}/_internal_/healthcheck`), 'no new connections after close');
    } finally {
      await database.dispose();
    }
  });
