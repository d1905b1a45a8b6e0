/**
 * The two servers of `user-service-http`, each run in its own process:
 *   node dist/scripts/bench/user-service-server.js example <sqlite file>   the example service
 *   node dist/scripts/bench/user-service-server.js bare <sqlite file>      a bare Express handler
 * The bare one answers `GET /users/:id` with one prepared statement and `res.json`, nothing else.
 * Both print their URL once listening.
 */
import type { AddressInfo } from 'node:net';
import Database from 'better-sqlite3';
import express from 'express';
import { repoPath } from '../../test/paths.js';

const [mode, file] = [process.argv[2], process.argv[3]!];

async function exampleApp(): Promise<express.Express> {
  // Built separately (npx tsc -p examples/user-service); loaded by path so the main build does not compile it.
  const app = (await import(repoPath('examples', 'user-service', 'dist', 'src', 'app.js'))) as {
    openStorage(config: { kind: 'sqlite'; file: string }): Promise<unknown>;
    createApp(storage: unknown): express.Express;
  };
  return app.createApp(await app.openStorage({ kind: 'sqlite', file }));
}

function bareApp(): express.Express {
  const database = new Database(file, { readonly: true });
  const find = database.prepare('SELECT "id", "email", "name", "status" FROM "users" WHERE "id" = ?');
  const app = express();
  app.get('/users/:id', (req, res) => {
    const row = find.get(req.params.id) as Record<string, unknown> | undefined;
    if (!row) {
      res.status(404).end();
      return;
    }
    if (row.name === null) delete row.name;
    res.json(row);
  });
  return app;
}

const app = mode === 'example' ? await exampleApp() : bareApp();
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
