// Consumer-side replay over the local NATS: a durable moved back to the stream's beginning, a
// sequence or a time. Each test has an environment of its own on the broker.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type Database from 'better-sqlite3';
import { TEST_NATS_URL, uniqueEnvironment, waitFor } from '../../test/nats-broker.js';
import { runnable, userApplicationFiles, userEventFiles } from '../testing/events.js';

type ReplayFrom = 'beginning' | { sequence: number } | { time: Date | string };
interface Summary {
  applied: number;
  duplicates: number;
}
interface Consumer {
  start(): Promise<void>;
  stop(): Promise<void>;
  replay(from: ReplayFrom, options?: { rebuild?: (db: Database.Database) => void }): Promise<void>;
}
interface Events {
  userEventProducer(
    nc: NatsConnection,
    options?: object,
  ): { publishBatch(events: readonly object[]): Promise<void> };
  connectToBroker(servers: string): Promise<NatsConnection>;
  MockEventQueue: new () => object;
  mockUserEventProducer(queue: object): { publishBatch(events: readonly object[]): Promise<void> };
  mockUserEventConsumer(
    queue: object,
    handlers: object,
    options?: object,
  ): Consumer & { handled: unknown[]; duplicates: unknown[] };
  ReplayOptionError: new (message: string) => Error;
}
interface ReadModel {
  openReadModel(path: string): Database.Database;
  readModelHandlers(): object;
  readModelConsumer(nc: NatsConnection, db: Database.Database, tuning?: object): Consumer;
}

let events: Events;
let readModel: ReadModel;
let dir: string;
let nc: NatsConnection;

before(async () => {
  const app = runnable([...(await userEventFiles()), ...userApplicationFiles()]);
  dir = app.dir;
  events = await app.load<Events>('events.ts');
  readModel = await app.load<ReadModel>('read-model.ts');
  nc = await events.connectToBroker(TEST_NATS_URL);
});

after(async () => {
  await nc.close();
  rmSync(dir, { recursive: true, force: true });
});

async function environment(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const env = uniqueEnvironment('replay');
  t.after(async () => {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(`${env}_default_user_v0_user_event`).catch(() => {});
  });
  return env;
}

const upserted = (n: number) => ({
  event_id: `e${n}`,
  timestamp: '2026-01-01T00:00:00Z',
  discriminator: 'user_upserted',
  user: { id: `u${n % 4}`, email: `v${n}@example.com`, status: 'active' },
});
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => upserted(from + i));

const log = (db: Database.Database) =>
  (db.prepare('SELECT event_id FROM applied_log ORDER BY rowid').all() as { event_id: string }[]).map(
    (r) => r.event_id,
  );

/** A consumer of the read model that adds up its batch summaries. */
function consumerOf(db: Database.Database, env: string) {
  const seen: Summary = { applied: 0, duplicates: 0 };
  const consumer = readModel.readModelConsumer(nc, db, {
    environment: env,
    batch: 20,
    onBatch: (s: Summary) => {
      seen.applied += s.applied;
      seen.duplicates += s.duplicates;
    },
  });
  return { consumer, seen };
}

const handled = (seen: Summary) => seen.applied + seen.duplicates;

test('a replay from the beginning into the same store applies nothing twice; with rebuild, everything once more', async (t) => {
  const env = await environment(t);
  await events.userEventProducer(nc, { environment: env }).publishBatch(range(1, 30));
  const db = readModel.openReadModel(join(dir, `${env}.db`));
  const { consumer, seen } = consumerOf(db, env);
  await consumer.start();
  await waitFor(
    '30 events applied',
    () => seen.applied,
    (n) => n >= 30,
  );

  // Running: the consumer stops for the reset, starts again, and skips what it applied.
  await consumer.replay('beginning');
  await waitFor(
    '30 events seen again',
    () => seen.duplicates,
    (n) => n >= 30,
  );
  assert.deepEqual(seen, { applied: 30, duplicates: 30 });
  assert.deepEqual(
    log(db),
    range(1, 30).map((e) => e.event_id),
  );

  // A rebuild empties the read model in the transaction that forgets the applied ids.
  await consumer.replay('beginning', {
    rebuild: (tx) => void tx.exec('DELETE FROM users; DELETE FROM applied_log'),
  });
  await waitFor(
    '30 events applied again',
    () => seen.applied,
    (n) => n >= 60,
  );
  await consumer.stop();
  assert.deepEqual(seen, { applied: 60, duplicates: 30 });
  assert.deepEqual(
    log(db),
    range(1, 30).map((e) => e.event_id),
    'each event once in the rebuilt model',
  );
  assert.deepEqual(db.prepare('SELECT id, email FROM users ORDER BY id').all(), [
    { id: 'u0', email: 'v28@example.com' },
    { id: 'u1', email: 'v29@example.com' },
    { id: 'u2', email: 'v30@example.com' },
    { id: 'u3', email: 'v27@example.com' },
  ]);
  db.close();
});

test('a stopped consumer replayed from a sequence or a time starts there; a fresh database applies from there on', async (t) => {
  const env = await environment(t);
  const producer = events.userEventProducer(nc, { environment: env });
  await producer.publishBatch(range(1, 14));
  await producer.publishBatch(range(15, 20));
  const jsm = await jetstreamManager(nc);
  const stream = `${env}_default_user_v0_user_event`;
  // The time the stream stored message 15 at (to the nanosecond): a replay from that time.
  const fifteenth = await jsm.streams.getMessage(stream, { seq: 15 });
  assert.ok(fifteenth);

  const first = readModel.openReadModel(join(dir, `${env}-a.db`));
  const a = consumerOf(first, env);
  await a.consumer.replay({ sequence: 7 }); // the durable does not exist yet: created at 7
  await a.consumer.start();
  await waitFor(
    'events 7 to 20',
    () => handled(a.seen),
    (n) => n >= 14,
  );
  await a.consumer.stop();
  assert.deepEqual(
    log(first),
    range(7, 20).map((e) => e.event_id),
  );
  const info = await jsm.consumers.info(stream, 'read_model');
  assert.equal(info.config.deliver_policy, 'by_start_sequence');
  assert.equal(info.config.ack_wait, 30_000_000_000, 'the durable keeps its settings');
  first.close();

  // Into a fresh database (a read model rebuilt from scratch), from a time.
  const second = readModel.openReadModel(join(dir, `${env}-b.db`));
  const b = consumerOf(second, env);
  await b.consumer.replay({ time: fifteenth.timestamp });
  await b.consumer.start();
  await waitFor(
    'events 15 to 20',
    () => handled(b.seen),
    (n) => n >= 6,
  );
  await b.consumer.stop();
  assert.deepEqual(
    log(second),
    range(15, 20).map((e) => e.event_id),
  );
  assert.equal((await jsm.consumers.info(stream, 'read_model')).num_ack_pending, 0);
  second.close();
});

test('a replay start that is not one is refused before anything stops', async (t) => {
  const env = await environment(t);
  const db = readModel.openReadModel(':memory:');
  const { consumer } = consumerOf(db, env);
  for (const [from, message] of [
    [{ sequence: 0 }, /replay from sequence 0: a stream sequence is an integer from 1 on/],
    [{ sequence: 1.5 }, /replay from sequence 1.5/],
    [{ time: 'yesterday' }, /replay from time "yesterday": give a Date or an ISO 8601 time with its zone/],
    ['end', /replay from "end": give 'beginning', \{ sequence \} or \{ time \}/],
  ] as const) {
    await assert.rejects(consumer.replay(from as ReplayFrom), (error: Error) => {
      assert.ok(error instanceof events.ReplayOptionError);
      assert.match(error.message, message);
      return true;
    });
  }
  db.close();
});

test('the mock consumer replays what the mock queue holds, as the real one does', async () => {
  const queue = new events.MockEventQueue();
  const db = readModel.openReadModel(':memory:');
  const { sqliteEventStore } = (await import(
    `${new URL(`file://${join(dir, 'canon-runtime', 'events-stores.js')}`).href}`
  )) as { sqliteEventStore(db: Database.Database): object };
  const consumer = events.mockUserEventConsumer(queue, readModel.readModelHandlers(), {
    store: sqliteEventStore(db),
  });
  await consumer.start();
  await events.mockUserEventProducer(queue).publishBatch(range(1, 5));
  await consumer.replay({ sequence: 3 });
  assert.equal(consumer.duplicates.length, 3);
  await consumer.replay('beginning', { rebuild: (tx) => void tx.exec('DELETE FROM applied_log') });
  assert.equal(consumer.handled.length, 10);
  assert.deepEqual(
    log(db),
    range(1, 5).map((e) => e.event_id),
  );
  db.close();
});
