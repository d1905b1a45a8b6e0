/**
 * The baseline for `registry-read`: a bare Express 5 handler that returns the bytes of one file.
 * `node dist/scripts/bench/bare-express-server.js <file>` prints its URL and serves `GET /doc`.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import express from 'express';

const bytes = readFileSync(process.argv[2]!);
const app = express();
app.set('etag', false); // no per-request hashing: the strictest baseline
app.get('/doc', (_req, res) => {
  res.type('application/json').send(bytes);
});
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
