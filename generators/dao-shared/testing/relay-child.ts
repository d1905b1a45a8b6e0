/**
 * A generated relay in a process of its own, for the crash drill (`relay-drill.ts`). Its producer
 * appends every event to a file, one JSON line each, as a stream would store it; after the line
 * numbered `freezeAt` it stops in the middle of the batch and prints `frozen`, so the drill's
 * SIGKILL lands after part of a batch is published and before its position is recorded.
 *
 * node relay-child.js <sqlite|postgres> <generated root> <database file | schema> <events file> <batch size> <freeze at>
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { TEST_POSTGRES_URL } from '../../../test/temporary-database.js';
import type { RelayModules } from './relay-project.js';

const [dialect, root, database, events, batch, freeze] = process.argv.slice(2);
if (!dialect || !root || !database || !events || !batch || !freeze) {
  console.error(
    'usage: relay-child.js <sqlite|postgres> <root> <database> <events file> <batch size> <freeze at>',
  );
  process.exit(2);
}

const mod = (await import(pathToFileURL(join(root, 'db', 'index.js')).href)) as RelayModules['db'];
const db =
  dialect === 'sqlite'
    ? mod.betterSqlite3Db!(new Database(database))
    : mod.pgPoolDb!(
        new pg.Pool({ connectionString: TEST_POSTGRES_URL, max: 2, options: `-c search_path=${database}` }),
      );

let lines = existsSync(events) ? readFileSync(events, 'utf8').split('\n').length - 1 : 0;
const freezeAt = Number(freeze);
const producer = {
  async publishBatch(batchEvents: readonly unknown[]): Promise<void> {
    for (const event of batchEvents) {
      appendFileSync(events, `${JSON.stringify(event)}\n`);
      lines++;
      if (lines === freezeAt) {
        process.stdout.write('frozen\n');
        setInterval(() => {}, 60_000); // stay alive until the drill kills this process
        await new Promise(() => {});
      }
      // Let other work in: the batch is published one event at a time, as a broker acks them.
      await new Promise((resolve) => setImmediate(resolve));
    }
  },
};
const relay = mod.usersRelay(db, producer, {
  batchSize: Number(batch),
  pollIntervalMs: 2,
  onError: (error) => console.error(`relay error: ${String(error)}`),
});
relay.start();
process.stdout.write('started\n');
