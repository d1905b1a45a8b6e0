import { connectToBroker } from './generated/events.js';
import { emptyReadModel, openReadModel, readModelConsumer } from './read-model.js';

/**
 * Runs the read model: consumes user_event from NATS (`NATS_URL`, default 127.0.0.1:4222; the
 * stream's `EVENTS_ENVIRONMENT`, as the user service publishes it) into the SQLite file
 * `READ_MODEL_DB` (default ./user-read-model.db). SIGINT or SIGTERM stop it after the batch in hand.
 * With `--rebuild`, it first empties the read model and replays the stream from its beginning.
 */
const servers = process.env.NATS_URL ?? '127.0.0.1:4222';
const path = process.env.READ_MODEL_DB ?? 'user-read-model.db';
const environment = process.env.EVENTS_ENVIRONMENT;
const db = openReadModel(path);
let consumer: ReturnType<typeof readModelConsumer>;
let nc: Awaited<ReturnType<typeof connectToBroker>>;
try {
  nc = await connectToBroker(servers, { name: 'user-read-model' });
  consumer = readModelConsumer(nc, db, {
    ...(environment ? { environment } : {}),
    onBatch: ({ applied, duplicates, retried, parked }) =>
      console.log(`applied ${applied}, duplicates ${duplicates}, retried ${retried}, parked ${parked}`),
  });
  if (process.argv.includes('--rebuild')) await consumer.replay('beginning', { rebuild: emptyReadModel });
  await consumer.start();
} catch (error) {
  console.error(`user read model: ${error instanceof Error ? error.message : String(error)}`);
  db.close();
  process.exit(1);
}
console.log(`user read model consuming ${consumer.stream.stream} into ${path}`);
const stop = async (): Promise<void> => {
  await consumer.stop();
  await nc.drain();
  db.close();
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
