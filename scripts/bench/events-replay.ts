/**
 * Replay of a stream into a consumer's fresh SQLite database over the local NATS JetStream: the
 * generated user_event consumer, moved to the stream's beginning with `replay('beginning')`
 * (validation on receipt, one transaction per micro-batch with the applied-id check and record per
 * event, a handler upserting the user, ack after commit), against a hand-written loop over the raw
 * @nats-io/jetstream client doing the same work (a durable delivering all, fetch of the same batch
 * size, the same SQLite transaction, rows and upsert, ack after commit; no validation). The stream
 * is filled once; each round replays all of it into a new database file with a new durable,
 * alternating which side goes first. The time is from the consumer's start to the last event
 * committed.
 *
 *   node dist/scripts/bench/events-replay.js [rounds=3] [events=100000] [batch=100] [nats=127.0.0.1:4222]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import Database from 'better-sqlite3';
import { runnable, userEventFiles } from '../../generators/testing/events.js';
import { uniqueEnvironment } from '../../test/nats-broker.js';
import { addStream, rawPublisher } from './raw-nats.js';
import { median } from './stats.js';

const rounds = Number(process.argv[2] ?? 3);
const total = Number(process.argv[3] ?? 100_000);
const batch = Number(process.argv[4] ?? 100);
const server = process.argv[5] ?? '127.0.0.1:4222';

interface Consumer {
  start(): Promise<void>;
  stop(): Promise<void>;
  replay(from: 'beginning'): Promise<void>;
}
interface Events {
  connectToBroker(servers: string): Promise<NatsConnection>;
  userEventConsumer(nc: NatsConnection, options: object): Consumer;
  sqliteEventStore(db: Database.Database): object;
}

interface UserUpserted {
  discriminator: 'user_upserted';
  event_id: string;
  timestamp: string;
  user: { id: string; email: string; status: string };
}

const UPSERT =
  'INSERT INTO users (id, email) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET email = excluded.email';

function readModel(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT NOT NULL)');
  return db;
}

const count = (db: Database.Database) =>
  (db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;

/** Fills the stream with `total` user_upserted events through the raw client, 1,000 acks at a time. */
async function fill(nc: NatsConnection, environment: string): Promise<string> {
  const stream = `${environment}_default_user_v0_user_event`;
  const prefix = `${environment}.default.user.v0.user_event`;
  await addStream(await jetstreamManager(nc), stream, `${prefix}.>`);
  const publisher = rawPublisher(jetstream(nc), prefix, '/default/user');
  for (let start = 0; start < total; start += 1_000) {
    const events: UserUpserted[] = [];
    for (let i = start; i < Math.min(total, start + 1_000); i++)
      events.push({
        discriminator: 'user_upserted',
        event_id: `e${i}`,
        timestamp: '2026-01-01T00:00:00Z',
        user: { id: `u${i % 10_000}`, email: `u${i}@example.com`, status: 'active' },
      });
    await publisher.publishBatch(events);
  }
  return stream;
}

async function generated(
  events: Events,
  nc: NatsConnection,
  environment: string,
  db: Database.Database,
  durable: string,
) {
  const upsert = db.prepare(UPSERT);
  let applied = 0;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => (done = resolve));
  const consumer = events.userEventConsumer(nc, {
    durable,
    environment,
    batch,
    store: events.sqliteEventStore(db),
    handlers: {
      user_upserted: (e: UserUpserted) => void upsert.run(e.user.id, e.user.email),
      default: () => {},
    },
    onBatch: (s: { applied: number }) => {
      applied += s.applied;
      if (applied >= total) done();
    },
  });
  await consumer.replay('beginning');
  const start = performance.now();
  await consumer.start();
  await finished;
  const elapsed = performance.now() - start;
  await consumer.stop();
  return elapsed;
}

async function raw(nc: NatsConnection, stream: string, db: Database.Database, durable: string) {
  const jsm = await jetstreamManager(nc);
  await jsm.consumers.add(stream, {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
  });
  db.exec(
    'CREATE TABLE applied (consumer TEXT NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (consumer, event_id))',
  );
  const upsert = db.prepare(UPSERT);
  const seen = db.prepare('SELECT 1 FROM applied WHERE consumer = ? AND event_id = ?');
  const mark = db.prepare('INSERT INTO applied (consumer, event_id) VALUES (?, ?)');
  const start = performance.now();
  const consumer = await jetstream(nc).consumers.get(stream, durable);
  let applied = 0;
  while (applied < total) {
    const messages = [];
    for await (const m of await consumer.fetch({ max_messages: batch, expires: 1_000 })) messages.push(m);
    db.exec('BEGIN IMMEDIATE');
    for (const m of messages) {
      const event = JSON.parse(m.string()) as UserUpserted;
      if (seen.get(durable, event.event_id) === undefined) {
        upsert.run(event.user.id, event.user.email);
        mark.run(durable, event.event_id);
      }
    }
    db.exec('COMMIT');
    for (const m of messages) m.ack();
    applied += messages.length;
  }
  return performance.now() - start;
}

const dir = mkdtempSync(join(tmpdir(), 'canon-bench-replay-'));
const app = runnable(await userEventFiles());
const environment = uniqueEnvironment('replay');
let nc: NatsConnection | undefined;
let stream: string | undefined;
try {
  const events = await app.load<Events>('events.ts');
  nc = await events.connectToBroker(server);
  const filling = performance.now();
  stream = await fill(nc, environment);
  console.log(
    `filled ${stream} with ${total} events in ${((performance.now() - filling) / 1000).toFixed(1)} s`,
  );
  const times = { generated: [] as number[], raw: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['generated', 'raw'] as const) : (['raw', 'generated'] as const);
    for (const side of order) {
      const durable = `${side}_${round}`;
      const db = readModel(join(dir, `${durable}.db`));
      const elapsed =
        side === 'generated'
          ? await generated(events, nc, environment, db, durable)
          : await raw(nc, stream, db, durable);
      if (count(db) !== Math.min(total, 10_000))
        throw new Error(`${side}: ${count(db)} users in the read model`);
      db.close();
      await (await jetstreamManager(nc)).consumers.delete(stream, durable);
      times[side].push(elapsed);
      console.log(
        `  round ${round + 1} ${side.padEnd(9)} ${(elapsed / 1000).toFixed(2)} s, ${Math.round((total / elapsed) * 1000)} events/s`,
      );
    }
  }
  const g = median(times.generated);
  const r = median(times.raw);
  console.log(`${total} events, batch ${batch}, ${rounds} rounds, median of each`);
  console.log(
    `generated consumer replay: ${(g / 1000).toFixed(2)} s, ${Math.round((total / g) * 1000)} events/s (target < 30 s)`,
  );
  console.log(
    `raw @nats-io/jetstream loop: ${(r / 1000).toFixed(2)} s, ${Math.round((total / r) * 1000)} events/s`,
  );
  console.log(`generated / raw throughput: ${((r / g) * 100).toFixed(0)}%`);
} finally {
  if (nc && stream) await (await jetstreamManager(nc)).streams.delete(stream).catch(() => false);
  await nc?.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(app.dir, { recursive: true, force: true });
}
