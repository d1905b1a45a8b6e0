// canon events replay against the local NATS, with a running consumer of the runtime: the durable
// moves back, the consumer takes the new position and skips what its database applied.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { jetstreamManager } from '@nats-io/jetstream';
import Database from 'better-sqlite3';
import { type EventStream, inEnvironment } from '../../generators/runtime/events.js';
import { connectToBroker, NatsConsumer, NatsProducer } from '../../generators/runtime/events-nats.js';
import { sqliteEventStore } from '../../generators/runtime/events-stores.js';
import { freePort, TEST_NATS_URL, uniqueEnvironment, waitFor } from '../../test/nats-broker.js';
import { runCanon } from '../../test/spawn.js';

const base: EventStream = {
  union: 'user_event',
  stream: 'default_user_v0_user_event',
  discriminator: 'discriminator',
  source: '/default/user',
  allSubjects: 'default.user.v0.user_event.>',
  subjects: { user_deleted: 'default.user.v0.user_event.user_deleted' },
};
const event = (n: number) => ({
  discriminator: 'user_deleted',
  event_id: `e${n}`,
  timestamp: '2026-01-01T00:00:00Z',
  id: `u${n}`,
});

test('canon events replay moves a running consumer back; what its database applied is skipped', async (t) => {
  const env = uniqueEnvironment('cli_replay');
  const stream = inEnvironment(base, env);
  const nc = await connectToBroker(TEST_NATS_URL);
  const db = new Database(':memory:');
  db.exec('CREATE TABLE applied_log (event_id TEXT NOT NULL)');
  t.after(async () => {
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(stream.stream).catch(() => {});
    await nc.close();
    db.close();
  });
  await new NatsProducer(nc, base, () => [], { environment: env }).publishBatch(
    Array.from({ length: 10 }, (_, i) => event(i + 1)),
  );
  const seen = { applied: 0, duplicates: 0 };
  const consumer = new NatsConsumer(nc, base, () => [], {
    environment: env,
    durable: 'search',
    store: sqliteEventStore(db),
    handlers: {
      user_deleted: (e: { event_id: string }, { db }: { db: Database.Database }) =>
        void db.prepare('INSERT INTO applied_log VALUES (?)').run(e.event_id),
    },
    onError: () => {},
    onBatch: (s) => {
      seen.applied += s.applied;
      seen.duplicates += s.duplicates;
    },
  });
  await consumer.start();
  await waitFor(
    '10 events applied',
    () => seen.applied,
    (n) => n >= 10,
  );

  const args = [
    'events',
    'replay',
    '--nats',
    TEST_NATS_URL,
    '--stream',
    stream.stream,
    '--durable',
    'search',
  ];
  const result = await runCanon([...args, '--from', '4']);
  assert.equal(result.code, 0, result.stderr);
  assert.match(
    result.stdout,
    new RegExp(`^durable search of ${stream.stream} now delivers from sequence 4;`),
  );
  await waitFor(
    'events 4 to 10 delivered again',
    () => seen.duplicates,
    (n) => n >= 7,
  );
  await consumer.stop();
  assert.deepEqual(seen, { applied: 10, duplicates: 7 });
  assert.equal((db.prepare('SELECT COUNT(*) AS n FROM applied_log').get() as { n: number }).n, 10);

  const byTime = await runCanon([...args, '--from', '2026-01-01T00:00:00Z']);
  assert.equal(byTime.code, 0, byTime.stderr);
  assert.match(byTime.stdout, /from the first message stored at or after 2026-01-01T00:00:00Z;/);
  const jsm = await jetstreamManager(nc);
  const info = await jsm.consumers.info(stream.stream, 'search');
  assert.equal(info.config.deliver_policy, 'by_start_time');
  assert.equal(info.config.ack_wait, 30_000_000_000, 'the durable keeps its settings');

  const missing = await runCanon([...args.slice(0, -1), 'nobody', '--from', 'beginning']);
  assert.equal(missing.code, 1);
  assert.match(
    missing.stderr,
    new RegExp(
      `stream ${stream.stream} has no durable consumer nobody \\(durables: search\\); check the name`,
    ),
  );
  const noStream = await runCanon([
    ...['events', 'replay', '--nats', TEST_NATS_URL, '--stream', 'nothing_here', '--durable', 'search'],
    ...['--from', 'beginning'],
  ]);
  assert.equal(noStream.code, 1);
  assert.match(noStream.stderr, /there is no stream nothing_here \(streams: .*\); check the name/);
});

test('canon events replay: bad input is a usage error and nothing is touched', async () => {
  const port = await freePort();
  const base = ['events', 'replay', '--nats', TEST_NATS_URL, '--stream', 's', '--durable', 'd'];
  for (const [args, message] of [
    [['events', 'replay', '--from', '1'], /'canon events replay' needs --nats, --stream, --durable/],
    [base, /say where the replay starts: --from beginning, --from <sequence> or --from <time>/],
    [[...base, '--from', '0'], /--from 0 is no replay start; use beginning, a stream sequence/],
    [[...base, '--from', 'yesterday'], /--from yesterday is no replay start/],
    [
      [...base, '--from', '2026-13-45T00:00:00'],
      /replay from time "2026-13-45T00:00:00": give a Date or an ISO 8601 time with its zone/,
    ],
    [[...base, '--from', '1', '--db', 'x.db'], /--db go with 'canon events failures', not replay/],
    [
      ['events', 'failures', 'list', '--db', 'x.db', '--from', '1'],
      /--from go with 'canon events replay', not failures/,
    ],
    [
      [
        'events',
        'replay',
        '--nats',
        `127.0.0.1:${port}`,
        '--stream',
        's',
        '--durable',
        'd',
        '--from',
        '1',
        '--timeout',
        '500',
      ],
      new RegExp(`cannot reach NATS at 127.0.0.1:${port} within 500 ms .*check --nats`),
    ],
  ] as const) {
    const result = await runCanon([...args]);
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, message);
    assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  }
});
