import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { type EventStream, MockConsumer, MockEventQueue } from '../../generators/runtime/events.js';
import { postgresEventStore, sqliteEventStore } from '../../generators/runtime/events-stores.js';
import { runCanon } from '../../test/spawn.js';
import { temporaryDatabase } from '../../test/temporary-database.js';

const stream: EventStream = {
  union: 'user_event',
  stream: 'default_user_v0_user_event',
  discriminator: 'discriminator',
  source: '/default/user',
  allSubjects: 'default.user.v0.user_event.>',
  subjects: { user_deleted: 'default.user.v0.user_event.user_deleted' },
};
const event = (id: string) => ({
  discriminator: 'user_deleted',
  event_id: id,
  timestamp: '2026-01-01T00:00:00Z',
  id: 'u1',
});

/** A consumer whose handler fails until `healed`, parking what it cannot apply in `db`. */
function failingConsumer(db: Database.Database) {
  const state = { healed: false, applied: [] as string[] };
  const consumer = new MockConsumer(
    new MockEventQueue(),
    stream,
    {
      user_deleted: (e: { event_id: string }) => {
        if (!state.healed) throw new Error('the search index is down');
        state.applied.push(e.event_id);
      },
    },
    { store: sqliteEventStore(db), durable: 'search' },
  );
  return { consumer, state };
}

test('canon events failures list and retry on SQLite: the consumer takes the marked messages again', async () => {
  const database = await temporaryDatabase('sqlite', 'events');
  try {
    const db = new Database(database.db);
    const { consumer, state } = failingConsumer(db);
    await consumer.deliver(event('e1') as never);
    await consumer.deliver(event('e2') as never);

    const listed = await runCanon(['events', 'failures', 'list', '--db', database.db]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(
      listed.stdout,
      /^2 parked message\(s\):\n\n#1 {2}search {2}default\.user\.v0\.user_event\.user_deleted {2}seq 0 {2}event e1\n/,
    );
    assert.match(listed.stdout, /failed 1 deliveries, parked, 1 attempt\(s\)/);
    assert.match(listed.stdout, /Error: the search index is down/);
    const json = await runCanon(['events', 'failures', 'list', '--db', database.db, '--format', 'json']);
    const rows = JSON.parse(json.stdout) as { id: number; eventId: string; body: string }[];
    assert.deepEqual(
      rows.map((r) => [r.id, r.eventId, JSON.parse(r.body).event_id]),
      [
        [1, 'e1', 'e1'],
        [2, 'e2', 'e2'],
      ],
    );

    const retried = await runCanon(['events', 'failures', 'retry', '--db', database.db, '--id', '1']);
    assert.equal(retried.code, 0, retried.stderr);
    assert.match(retried.stdout, /marked 1 parked message\(s\) for retry/);
    state.healed = true;
    assert.equal(await consumer.retryParked(), 1);
    assert.deepEqual(state.applied, ['e1']);
    const after = await runCanon(['events', 'failures', 'list', '--db', database.db, '--format', 'json']);
    assert.deepEqual(
      (JSON.parse(after.stdout) as { id: number }[]).map((r) => r.id),
      [2],
    );

    const again = await runCanon([
      'events',
      'failures',
      'retry',
      '--db',
      database.db,
      '--id',
      '1',
      '--id',
      '2',
    ]);
    assert.equal(again.code, 1);
    assert.match(again.stdout, /marked 1 parked message/);
    assert.match(again.stderr, /no parked message #1 \(already retried, or never parked\)/);
    assert.equal(await consumer.retryParked(), 1);
    assert.deepEqual(state.applied, ['e1', 'e2']);
    db.close();
  } finally {
    await database.dispose();
  }
});

test('canon events failures: bad input is a usage error, and nothing is created or changed', async () => {
  const database = await temporaryDatabase('sqlite', 'events');
  try {
    const cases: [string[], RegExp][] = [
      [
        ['events'],
        /use 'canon events failures list', 'canon events failures retry' or 'canon events replay'/,
      ],
      [['events', 'failures', 'list'], /needs --db <file\|postgres-url>, the consumer's database/],
      [
        ['events', 'failures', 'retry', '--db', database.db],
        /say which messages to retry: --id <n> \(repeatable\) or --all/,
      ],
      [['events', 'failures', 'retry', '--db', database.db, '--id', 'x'], /--id x is not a message number/],
      [
        ['events', 'failures', 'list', '--db', join(database.dir, 'none.db')],
        /there is no database at .*none\.db/,
      ],
      [
        ['events', 'failures', 'list', '--db', 'postgres://127.0.0.1:1/x'],
        /cannot open postgres:\/\/127\.0\.0\.1:1\/x/,
      ],
    ];
    for (const [args, message] of cases) {
      const result = await runCanon(args);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stdout}${result.stderr}`);
      assert.match(result.stderr, message);
      assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
    }
    const other = join(database.dir, 'other.db');
    new Database(other).exec('CREATE TABLE t (x)');
    const before = readFileSync(other);
    const result = await runCanon(['events', 'failures', 'retry', '--all', '--db', other]);
    assert.equal(result.code, 2);
    assert.match(
      result.stderr,
      /has no canon_event_failures table: is it the database of an event consumer\?/,
    );
    assert.deepEqual(readFileSync(other), before, 'the database is left as it was');
    writeFileSync(join(database.dir, 'text.db'), 'not a database');
    const text = await runCanon(['events', 'failures', 'list', '--db', join(database.dir, 'text.db')]);
    assert.equal(text.code, 2);
    assert.match(text.stderr, /cannot open .*text\.db: .*is it a SQLite file\?/);
  } finally {
    await database.dispose();
  }
});

test('canon events failures list and retry --all on PostgreSQL', async () => {
  const database = await temporaryDatabase('postgres', 'events');
  const pool = new pg.Pool({
    connectionString: database.db.replace(/\?.*$/, ''),
    options: `-c search_path=${database.schema}`,
  });
  try {
    const store = await postgresEventStore(pool);
    const consumer = new MockConsumer(
      new MockEventQueue(),
      stream,
      { default: () => Promise.reject(new Error('nope')) },
      { store, durable: 'billing' },
    );
    await consumer.deliver(event('p1') as never);
    const listed = await runCanon([
      'events',
      'failures',
      'list',
      '--db',
      database.db,
      '--consumer',
      'billing',
    ]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /#1 {2}billing .* event p1\n.*\n {2}Error: nope/);
    const none = await runCanon(['events', 'failures', 'list', '--db', database.db, '--consumer', 'other']);
    assert.equal(none.stdout, 'no parked messages\n');
    const retried = await runCanon(['events', 'failures', 'retry', '--all', '--db', database.db]);
    assert.equal(retried.code, 0, retried.stderr);
    assert.deepEqual(await database.query("SELECT status FROM canon_event_failures WHERE event_id = 'p1'"), [
      { status: 'retry' },
    ]);
    assert.equal(await consumer.retryParked(), 0, 'it fails again');
    assert.deepEqual(await database.query('SELECT status, attempts FROM canon_event_failures'), [
      { status: 'parked', attempts: 2 },
    ]);
  } finally {
    await pool.end();
    await database.dispose();
  }
});

test('canon events failures list prints what a publisher wrote with its control characters escaped', async () => {
  const database = await temporaryDatabase('sqlite', 'events');
  try {
    const db = new Database(database.db);
    const store = sqliteEventStore(db);
    // An attacker who may publish to the stream: an event id that clears the screen, and a raw
    // body that retitles the terminal and forges a line of the listing.
    const consumer = new MockConsumer(
      new MockEventQueue(),
      stream,
      {
        default: () => {
          throw new Error('refused \u001b[31mred');
        },
      },
      { store, durable: 'search' },
    );
    await consumer.deliver({ discriminator: 'user_deleted', event_id: '\u001b[2J\u001b[H' } as never);
    await store.transaction(async (tx) =>
      tx.park({
        consumer: 'search',
        stream: stream.stream,
        subject: 'default.user.v0.user_event.user_deleted',
        sequence: 9,
        deliveries: 1,
        headers: {},
        body: 'x\u001b]0;pwned\u0007\n#99  search  all clear\u009b',
        eventId: null,
        reason: 'invalid',
        error: 'the body is not JSON',
      }),
    );
    db.close();
    const listed = await runCanon(['events', 'failures', 'list', '--db', database.db]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.doesNotMatch(listed.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    assert.match(listed.stdout, /event \\u001b\[2J\\u001b\[H\n/);
    assert.match(listed.stdout, /Error: refused \\u001b\[31mred\n/);
    assert.match(listed.stdout, /body: x\\u001b\]0;pwned\\u0007\\u000a#99 {2}search {2}all clear\\u009b\n/);
    assert.doesNotMatch(listed.stdout, /^#99/m);
  } finally {
    await database.dispose();
  }
});
