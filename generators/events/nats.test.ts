import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import type Database from 'better-sqlite3';
import pg from 'pg';
import {
  freePort,
  startOwnBroker,
  TEST_NATS_URL,
  uniqueEnvironment,
  waitFor,
} from '../../test/nats-broker.js';
import { temporaryDatabase } from '../../test/temporary-database.js';
import { typeCheck } from '../testing/compile.js';
import { eventsTypeOptions, runnable, userApplicationFiles, userEventFiles } from '../testing/events.js';

/** The parts of the generated module and of the user's read model the tests drive. */
interface Consumer {
  start(): Promise<void>;
  stop(): Promise<void>;
}
interface Producer {
  publish(event: object): Promise<void>;
  publishBatch(events: readonly object[]): Promise<void>;
  readonly stream: { stream: string; subjects: Record<string, string> };
}
interface FailureLog {
  listFailures(filter?: { consumer?: string }): Promise<
    {
      id: number;
      reason: string;
      error: string;
      deliveries: number;
      attempts: number;
      status: string;
      body: string;
      eventId: string | null;
      headers: Record<string, string>;
    }[]
  >;
  requestRetry(filter?: { ids?: number[] }): Promise<number>;
}
interface Events {
  userEventProducer(nc: NatsConnection, options?: object): Producer;
  userEventConsumer(nc: NatsConnection, options: object): Consumer;
  connectToBroker(servers: string, options?: { timeout?: number }): Promise<NatsConnection>;
  sqliteEventStore(db: Database.Database): FailureLog;
  postgresEventStore(pool: pg.Pool): Promise<FailureLog>;
}
interface ReadModel {
  openReadModel(path: string): Database.Database;
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

/** An environment of the test's own on the shared broker, its stream deleted at the end. */
async function environment(t: { after(fn: () => Promise<void>): void }): Promise<string> {
  const env = uniqueEnvironment();
  t.after(async () => {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(`${env}_default_user_v0_user_event`).catch(() => {});
  });
  return env;
}

const header = (id: string) => ({ event_id: id, timestamp: '2026-01-01T00:00:00Z' });
const upserted = (id: string, user: string, email = `${user}@example.com`) => ({
  ...header(id),
  discriminator: 'user_upserted',
  user: { id: user, email, status: 'active' },
});
const deleted = (id: string, user: string) => ({ ...header(id), discriminator: 'user_deleted', id: user });

const count = (db: Database.Database, sql: string) => (db.prepare(sql).get() as { n: number }).n;
const appliedTwice = (db: Database.Database) =>
  db.prepare('SELECT event_id FROM applied_log GROUP BY event_id HAVING COUNT(*) > 1').all();

test("the generated module and a user's consumer application compile strictly", async () => {
  const postgres = {
    path: 'postgres-usage.ts',
    contents: `import pg from 'pg';
import { connectToBroker, postgresEventStore, userEventConsumer } from './events.js';
const pool = new pg.Pool();
const consumer = userEventConsumer(await connectToBroker('127.0.0.1:4222'), {
  durable: 'search',
  store: await postgresEventStore(pool),
  handlers: {
    user_upserted: async (event, { db }) => void (await db.query('SELECT $1', [event.user.email])),
    default: (_event, { db }) => db.release(),
  },
});
await consumer.start();
`,
  };
  const files = [...(await userEventFiles()), ...userApplicationFiles(), postgres];
  assert.deepEqual(typeCheck(new Map([['app', files]]), eventsTypeOptions()).errors, []);
});

test('producer → stream → consumer: the body is the event JSON, CloudEvents headers, each event applied once', async (t) => {
  const env = await environment(t);
  const producer = events.userEventProducer(nc, { environment: env });
  const batch = [upserted('e1', 'u1'), upserted('e2', 'u2'), deleted('e3', 'u1'), upserted('e4', 'u3')];
  await producer.publishBatch(batch);
  await producer.publish(upserted('e2', 'u2')); // the same event_id again: dropped by the stream

  const jsm = await jetstreamManager(nc);
  const stream = `${env}_default_user_v0_user_event`;
  const info = await jsm.streams.info(stream);
  assert.equal(info.state.messages, 4);
  assert.deepEqual(info.config.subjects, [`${env}.default.user.v0.user_event.>`]);
  const first = await jsm.streams.getMessage(stream, { seq: 1 });
  assert.ok(first);
  assert.equal(first.subject, `${env}.default.user.v0.user_event.user_upserted`);
  assert.deepEqual(JSON.parse(first.string()), batch[0]);
  const wire = Object.fromEntries(
    ['ce-id', 'ce-type', 'ce-source', 'ce-time', 'ce-specversion', 'Nats-Msg-Id'].map((h) => [
      h,
      first.header.get(h),
    ]),
  );
  assert.deepEqual(wire, {
    'ce-id': 'e1',
    'ce-type': 'user_upserted',
    'ce-source': '/default/user',
    'ce-time': '2026-01-01T00:00:00Z',
    'ce-specversion': '1.0',
    'Nats-Msg-Id': 'e1',
  });

  const db = readModel.openReadModel(join(dir, `${env}.db`));
  const batches: { applied: number }[] = [];
  const consumer = readModel.readModelConsumer(nc, db, {
    environment: env,
    batch: 10,
    onBatch: (s: { applied: number }) => batches.push(s),
  });
  await consumer.start();
  await consumer.start(); // idempotent
  await waitFor(
    '4 events applied',
    () => count(db, 'SELECT COUNT(*) AS n FROM applied_log'),
    (n) => n >= 4,
  );
  await consumer.stop();
  assert.deepEqual(db.prepare('SELECT id, email FROM users ORDER BY id').all(), [
    { id: 'u2', email: 'u2@example.com' },
    { id: 'u3', email: 'u3@example.com' },
  ]);
  assert.deepEqual(appliedTwice(db), []);
  const consumers = await jsm.consumers.info(stream, 'read_model');
  assert.equal(consumers.num_ack_pending, 0, 'every message acked after its commit');
  // Starting again (stream and consumer exist) is idempotent and applies nothing twice.
  const again = readModel.readModelConsumer(nc, db, { environment: env });
  await again.start();
  await again.stop();
  assert.equal(count(db, 'SELECT COUNT(*) AS n FROM applied_log'), 4);
  db.close();
});

test('an event that does not match the spec is refused on publish and nothing of its batch is sent', async (t) => {
  const env = await environment(t);
  const producer = events.userEventProducer(nc, { environment: env });
  await producer.publish(upserted('ok', 'u1'));
  await assert.rejects(
    producer.publishBatch([
      upserted('a', 'u2'),
      upserted('b', 'u3', 'no'),
      { ...header('c'), discriminator: 'user_renamed' },
    ]),
    (error: Error & { problems: { path: string }[] }) => {
      assert.equal(error.name, 'InvalidEventError');
      assert.deepEqual(
        error.problems.map((p) => p.path),
        ['/1/user/email', '/2/discriminator'],
      );
      assert.match(
        error.message,
        /nothing was published, the spec refuses: \/1\/user\/email must NOT have fewer than 3 characters/,
      );
      return true;
    },
  );
  const jsm = await jetstreamManager(nc);
  assert.equal((await jsm.streams.info(`${env}_default_user_v0_user_event`)).state.messages, 1);
});

test('schema-invalid and non-JSON messages from a raw client are parked with the raw message, never handled; the others go on', async (t) => {
  const env = await environment(t);
  const producer = events.userEventProducer(nc, { environment: env });
  await producer.publish(upserted('e1', 'u1'));
  const js = jetstream(nc);
  const subject = producer.stream.subjects.user_deleted!;
  const raw = headers();
  raw.set('ce-id', 'bad-1');
  await js.publish(subject, JSON.stringify({ discriminator: 'user_deleted', event_id: 'bad-1', id: 7 }), {
    headers: raw,
  });
  await js.publish(subject, 'not json {');
  await producer.publish(deleted('e2', 'u1'));

  const db = readModel.openReadModel(join(dir, `${env}.db`));
  const consumer = readModel.readModelConsumer(nc, db, { environment: env });
  await consumer.start();
  const store = events.sqliteEventStore(db);
  await waitFor(
    'two applied, two parked',
    async () => [count(db, 'SELECT COUNT(*) AS n FROM applied_log'), (await store.listFailures()).length],
    ([applied, parked]) => applied === 2 && parked === 2,
  );
  const failures = await store.listFailures();
  assert.deepEqual(
    failures.map((f) => [f.reason, f.eventId, f.deliveries]),
    [
      ['invalid', 'bad-1', 1],
      ['invalid', null, 1],
    ],
  );
  assert.match(failures[0]!.error, /does not match the spec: \/timestamp is required; \/id must be string/);
  assert.equal(failures[0]!.body, '{"discriminator":"user_deleted","event_id":"bad-1","id":7}');
  assert.equal(failures[0]!.headers['ce-id'], 'bad-1');
  assert.match(failures[1]!.error, /the body is not JSON/);
  assert.equal(failures[1]!.body, 'not json {');
  assert.deepEqual(db.prepare('SELECT event_id FROM applied_log ORDER BY rowid').all(), [
    { event_id: 'e1' },
    { event_id: 'e2' },
  ]);
  // Retried, they fail validation again and stay parked, with one more attempt.
  assert.equal(await store.requestRetry({ ids: [failures[0]!.id] }), 1);
  await waitFor(
    'the retried message parked again',
    async () => (await store.listFailures())[0]!,
    (f) => f.status === 'parked' && f.attempts === 2,
  );
  await consumer.stop();
  db.close();
});

test('a poison message is redelivered with backoff, parked after maxDeliver, the others go on; retried after the fix', async (t) => {
  const env = await environment(t);
  const producer = events.userEventProducer(nc, { environment: env });
  await producer.publishBatch([upserted('e1', 'u1'), upserted('poison', 'u2'), upserted('e3', 'u3')]);
  const db = readModel.openReadModel(join(dir, `${env}.db`));
  db.exec(
    "CREATE TRIGGER refuse BEFORE INSERT ON users WHEN NEW.id = 'u2' BEGIN SELECT RAISE(ABORT, 'u2 is refused'); END",
  );
  const consumer = readModel.readModelConsumer(nc, db, {
    environment: env,
    maxDeliver: 3,
    backoff: [20, 40],
  });
  await consumer.start();
  const store = events.sqliteEventStore(db);
  const [parked] = await waitFor(
    'the poison message parked',
    () => store.listFailures(),
    (f) => f.length === 1,
  );
  assert.equal(parked!.reason, 'failed');
  assert.equal(parked!.deliveries, 3);
  assert.equal(parked!.eventId, 'poison');
  assert.match(parked!.error, /u2 is refused/);
  assert.deepEqual(JSON.parse(parked!.body), upserted('poison', 'u2'));
  assert.equal(parked!.headers['Nats-Msg-Id'], 'poison');
  assert.deepEqual(
    db.prepare('SELECT id FROM users ORDER BY id').all(),
    [{ id: 'u1' }, { id: 'u3' }],
    'the failing handler left nothing behind; the others were applied',
  );
  db.exec('DROP TRIGGER refuse');
  assert.equal(await store.requestRetry(), 1);
  await waitFor(
    'the retried message applied',
    () => store.listFailures(),
    (f) => f.length === 0,
  );
  assert.deepEqual(db.prepare('SELECT id FROM users ORDER BY id').all(), [
    { id: 'u1' },
    { id: 'u2' },
    { id: 'u3' },
  ]);
  assert.deepEqual(appliedTwice(db), []);
  await consumer.stop();
  db.close();
});

test('an event delivered twice (published again past the stream dedupe) is applied once, on SQLite and on PostgreSQL', async (t) => {
  const env = await environment(t);
  const producer = events.userEventProducer(nc, { environment: env });
  await producer.publishBatch([upserted('e1', 'u1'), deleted('e2', 'u1')]);
  // A raw client without Nats-Msg-Id: the stream keeps both copies, the consumers must not apply both.
  await jetstream(nc).publish(producer.stream.subjects.user_upserted!, JSON.stringify(upserted('e1', 'u1')));

  const db = readModel.openReadModel(join(dir, `${env}.db`));
  const sqlite = readModel.readModelConsumer(nc, db, { environment: env });
  await sqlite.start();
  const jsm = await jetstreamManager(nc);
  const drained = async (durable: string) =>
    (await jsm.consumers.info(`${env}_default_user_v0_user_event`, durable)).num_ack_pending +
    (await jsm.consumers.info(`${env}_default_user_v0_user_event`, durable)).num_pending;
  await waitFor(
    'the SQLite consumer drained',
    () => drained('read_model'),
    (n) => n === 0,
  );
  await sqlite.stop();
  assert.deepEqual(db.prepare('SELECT event_id FROM applied_log ORDER BY rowid').all(), [
    { event_id: 'e1' },
    { event_id: 'e2' },
  ]);
  assert.equal(count(db, 'SELECT COUNT(*) AS n FROM users'), 0, 'the user stays deleted');
  db.close();

  const database = await temporaryDatabase('postgres', 'events');
  t.after(() => database.dispose());
  const pool = new pg.Pool({
    connectionString: database.db.replace(/\?.*$/, ''),
    options: `-c search_path=${database.schema}`,
  });
  t.after(() => pool.end());
  await pool.query('CREATE TABLE users (id TEXT PRIMARY KEY, email TEXT NOT NULL)');
  const handlers = {
    user_upserted: async (e: { user: { id: string; email: string } }, { db }: { db: pg.PoolClient }) =>
      void (await db.query('INSERT INTO users VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET email = $2', [
        e.user.id,
        e.user.email,
      ])),
    user_deleted: async (e: { id: string }, { db }: { db: pg.PoolClient }) =>
      void (await db.query('DELETE FROM users WHERE id = $1', [e.id])),
  };
  const consumer = events.userEventConsumer(nc, {
    durable: 'pg_model',
    environment: env,
    store: await events.postgresEventStore(pool),
    handlers,
  });
  await consumer.start();
  await waitFor(
    'the PostgreSQL consumer drained',
    () => drained('pg_model'),
    (n) => n === 0,
  );
  await consumer.stop();
  assert.deepEqual(await database.query('SELECT COUNT(*)::int AS n FROM users'), [{ n: 0 }]);
  assert.deepEqual(
    await database.query(
      "SELECT event_id FROM canon_event_applied WHERE consumer = 'pg_model' ORDER BY event_id",
    ),
    [{ event_id: 'e1' }, { event_id: 'e2' }],
  );
});

test('an unreachable broker, or one without JetStream: a precise error within the timeout, never a hang', async () => {
  const port = await freePort();
  await assert.rejects(events.connectToBroker(`127.0.0.1:${port}`, { timeout: 1_000 }), {
    name: 'BrokerUnavailableError',
    message: new RegExp(
      `cannot reach NATS at 127\\.0\\.0\\.1:${port} within 1000 ms .*start nats-server with JetStream`,
    ),
  });
  const plain = await startOwnBroker({ jetstream: false });
  try {
    const bare = await connect({ servers: plain.url });
    const producer = events.userEventProducer(bare, { timeout: 1_000 });
    await assert.rejects(producer.publish(upserted('e1', 'u1')), {
      name: 'BrokerUnavailableError',
      message:
        /JetStream at 127\.0\.0\.1:\d+ did not answer for stream default_user_v0_user_event within 1000 ms .*started with -js\?/,
    });
    const consumer = events.userEventConsumer(bare, {
      durable: 'x',
      store: {},
      handlers: {},
      timeout: 1_000,
    });
    await assert.rejects(consumer.start(), { name: 'BrokerUnavailableError' });
    await bare.close();
  } finally {
    await plain.dispose();
  }
});
