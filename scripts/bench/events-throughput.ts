/**
 * Events producer → consumer throughput over the local NATS JetStream: the generated user_event
 * producer and durable consumer (validation on both sides, CloudEvents headers, a SQLite store:
 * one transaction per micro-batch, a savepoint and an applied-id row per event, ack after commit)
 * against a hand-written loop over the raw @nats-io/jetstream client doing the same work (same
 * headers and Nats-Msg-Id, same in-flight publishes, same fetch batch size, explicit ack after the
 * same SQLite transaction with the same rows), alternating in one run, each round on fresh streams.
 * The time is from the first publish to the last event applied.
 *
 *   node dist/scripts/bench/events-throughput.js [rounds=5] [events=10000] [batch=100] [nats=127.0.0.1:4222]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AckPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { headers, type NatsConnection } from '@nats-io/transport-node';
import Database from 'better-sqlite3';
import { runnable, userEventFiles } from '../../generators/testing/events.js';
import { uniqueEnvironment } from '../../test/nats-broker.js';
import { median } from './stats.js';

const rounds = Number(process.argv[2] ?? 5);
const total = Number(process.argv[3] ?? 10_000);
const batch = Number(process.argv[4] ?? 100);
const server = process.argv[5] ?? '127.0.0.1:4222';
const IN_FLIGHT = 256;

interface Events {
  connectToBroker(servers: string): Promise<NatsConnection>;
  userEventProducer(nc: NatsConnection, options: object): { publishBatch(events: object[]): Promise<void> };
  userEventConsumer(nc: NatsConnection, options: object): { start(): Promise<void>; stop(): Promise<void> };
  sqliteEventStore(db: Database.Database): object;
}

const eventsOf = (round: number) =>
  Array.from({ length: total }, (_, i) => ({
    discriminator: 'user_upserted',
    event_id: `r${round}-e${i}`,
    timestamp: '2026-01-01T00:00:00Z',
    user: { id: `u${i % 1000}`, email: `u${i}@example.com`, status: 'active' },
  }));

type Event = ReturnType<typeof eventsOf>[number];

function readModel(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT NOT NULL)');
  return db;
}

const UPSERT =
  'INSERT INTO users (id, email) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET email = excluded.email';

async function generated(events: Events, nc: NatsConnection, dir: string, round: number): Promise<number> {
  const environment = uniqueEnvironment('bench');
  const db = readModel(join(dir, `${environment}.db`));
  const upsert = db.prepare(UPSERT);
  let applied = 0;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => (done = resolve));
  const consumer = events.userEventConsumer(nc, {
    durable: 'bench',
    environment,
    batch,
    store: events.sqliteEventStore(db),
    handlers: { user_upserted: (e: Event) => void upsert.run(e.user.id, e.user.email), default: () => {} },
    onBatch: (s: { applied: number }) => {
      applied += s.applied;
      if (applied >= total) done();
    },
  });
  await consumer.start();
  const producer = events.userEventProducer(nc, { environment });
  const list = eventsOf(round);
  const start = performance.now();
  for (let i = 0; i < list.length; i += 1_000) await producer.publishBatch(list.slice(i, i + 1_000));
  await finished;
  const elapsed = performance.now() - start;
  await consumer.stop();
  db.close();
  await (await jetstreamManager(nc)).streams.delete(`${environment}_default_user_v0_user_event`);
  return elapsed;
}

async function raw(nc: NatsConnection, dir: string, round: number): Promise<number> {
  const environment = uniqueEnvironment('bench');
  const stream = `${environment}_default_user_v0_user_event`;
  const jsm = await jetstreamManager(nc);
  await jsm.streams.add({ name: stream, subjects: [`${environment}.default.user.v0.user_event.>`] });
  await jsm.consumers.add(stream, { durable_name: 'bench', ack_policy: AckPolicy.Explicit });
  const db = readModel(join(dir, `${environment}.db`));
  db.exec(
    'CREATE TABLE applied (consumer TEXT NOT NULL, event_id TEXT NOT NULL, PRIMARY KEY (consumer, event_id))',
  );
  const upsert = db.prepare(UPSERT);
  const seen = db.prepare('SELECT 1 FROM applied WHERE consumer = ? AND event_id = ?');
  const mark = db.prepare('INSERT INTO applied (consumer, event_id) VALUES (?, ?)');
  const js = jetstream(nc);
  const consumer = await js.consumers.get(stream, 'bench');
  const consuming = (async () => {
    let applied = 0;
    while (applied < total) {
      const messages = [];
      for await (const m of await consumer.fetch({ max_messages: batch, expires: 1_000 })) messages.push(m);
      db.exec('BEGIN IMMEDIATE');
      for (const m of messages) {
        const event = JSON.parse(m.string()) as Event;
        if (seen.get('bench', event.event_id) === undefined) {
          upsert.run(event.user.id, event.user.email);
          mark.run('bench', event.event_id);
        }
      }
      db.exec('COMMIT');
      for (const m of messages) m.ack();
      applied += messages.length;
    }
  })();
  const list = eventsOf(round);
  const start = performance.now();
  for (let i = 0; i < list.length; i += IN_FLIGHT) {
    await Promise.all(
      list.slice(i, i + IN_FLIGHT).map((event) => {
        const h = headers();
        h.set('ce-specversion', '1.0');
        h.set('ce-id', event.event_id);
        h.set('ce-type', event.discriminator);
        h.set('ce-source', '/default/user');
        h.set('ce-time', event.timestamp);
        h.set('content-type', 'application/json');
        return js.publish(
          `${environment}.default.user.v0.user_event.${event.discriminator}`,
          JSON.stringify(event),
          {
            msgID: event.event_id,
            headers: h,
          },
        );
      }),
    );
  }
  await consuming;
  const elapsed = performance.now() - start;
  db.close();
  await jsm.streams.delete(stream);
  return elapsed;
}

const dir = mkdtempSync(join(tmpdir(), 'canon-bench-events-'));
const app = runnable(await userEventFiles());
try {
  const events = await app.load<Events>('events.ts');
  const nc = await events.connectToBroker(server);
  const times = { generated: [] as number[], raw: [] as number[] };
  await generated(events, nc, dir, -1); // warm-up: JIT, Ajv compilation, streams API
  await raw(nc, dir, -2);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? (['generated', 'raw'] as const) : (['raw', 'generated'] as const);
    for (const side of order)
      times[side].push(
        side === 'generated' ? await generated(events, nc, dir, round) : await raw(nc, dir, round),
      );
  }
  await nc.close();
  const rate = (ms: number) => Math.round((total / ms) * 1000);
  const g = median(times.generated);
  const r = median(times.raw);
  console.log(`${total} events, batch ${batch}, ${rounds} rounds, median of each`);
  console.log(
    `generated producer → consumer: ${g.toFixed(0)} ms, ${rate(g)} events/s  (runs: ${times.generated.map((t) => t.toFixed(0)).join(', ')})`,
  );
  console.log(
    `raw @nats-io/jetstream loop:   ${r.toFixed(0)} ms, ${rate(r)} events/s  (runs: ${times.raw.map((t) => t.toFixed(0)).join(', ')})`,
  );
  // Rounds drift with the machine's load; the ratio within a round (the two sides back to back) drifts less.
  const paired = median(times.raw.map((raw, i) => raw / times.generated[i]!));
  console.log(
    `generated / raw throughput: ${((r / g) * 100).toFixed(0)}% of the medians, ${(paired * 100).toFixed(0)}% median of the rounds' ratios (target ≥ 80%)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
  rmSync(app.dir, { recursive: true, force: true });
}
