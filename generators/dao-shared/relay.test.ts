import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { TEST_POSTGRES_URL } from '../../test/temporary-database.js';
import { generator as postgresDao } from '../postgres-dao/index.js';
import { generator as sqliteDao } from '../sqlite-dao/index.js';
import { typeCheck } from '../testing/compile.js';
import { eventsTypeOptions } from '../testing/events.js';
import { checkGolden } from '../testing/golden.js';
import { relayService } from './fixture.js';
import {
  type PublishedEvent,
  type PublisherLike,
  type RelayDialect,
  type RelayModules,
  relayProjectFiles,
  type UsersDaoLike,
} from './testing/relay-project.js';
import { importGenerated } from './testing.js';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

for (const [dialect, generator] of [
  ['sqlite', sqliteDao],
  ['postgres', postgresDao],
] as const) {
  test(`${dialect}: the relay output matches its golden files and compiles strictly with the events generator's producer, not another union's`, () => {
    const files = generator.generate({ service: relayService(), imports: [], options: {} });
    checkGolden(`generators/${dialect}-dao/golden-relay`, files);
    const open =
      dialect === 'sqlite'
        ? [
            "import Database from 'better-sqlite3';",
            "import { betterSqlite3Db, migrate, usersRelay, type UserJournalEvent } from './db/index.js';",
            "const db = betterSqlite3Db(new Database(':memory:'));",
            'migrate(db);',
          ]
        : [
            "import pg from 'pg';",
            "import { migrate, pgPoolDb, usersRelay, type UserJournalEvent } from './db/index.js';",
            'const db = pgPoolDb(new pg.Pool());',
            'await migrate(db);',
          ];
    const usage = {
      path: 'usage.ts',
      contents: [
        ...open,
        "import { MockEventQueue, mockUserEventProducer, type Producer, type UserEventProducer } from './events.js';",
        "import type { UserEvent } from './types.js';",
        '// The relay takes the events generator’s producer type, mock or real, unchanged.',
        'const producer: UserEventProducer = mockUserEventProducer(new MockEventQueue());',
        'const relay = usersRelay(db, producer, { batchSize: 10, pollIntervalMs: 20 });',
        'relay.start();',
        'await relay.stop();',
        'const published: number = await relay.drain();',
        'await relay.replayFrom(1);',
        '// Every event the relay makes is a valid event of the union, checked by tsc.',
        'export const asUnionMember = (event: UserJournalEvent): UserEvent => event;',
        'declare const orders: Producer<{ discriminator: "order_placed"; event_id: string; order: string }>;',
        '// @ts-expect-error a producer of another union cannot take the journal of users',
        'usersRelay(db, orders);',
        'export { published };',
      ].join('\n'),
    };
    const project = [...relayProjectFiles(dialect).filter((f) => f.path !== 'all.ts'), usage];
    const { errors } = typeCheck(new Map([['out', project]]), eventsTypeOptions());
    assert.deepEqual(errors, []);
  });
}

/** A database of one dialect with the generated modules over it, and a way to run raw SQL. */
interface Harness {
  dialect: RelayDialect;
  mod: RelayModules;
  db: unknown;
  dao: UsersDaoLike;
  journal(): Promise<Array<{ journal_id: number; journal_operation: string }>>;
  close(): Promise<void>;
}

const modules = new Map<RelayDialect, Promise<RelayModules>>();
const moduleOf = (dialect: RelayDialect): Promise<RelayModules> => {
  let mod = modules.get(dialect);
  if (!mod) {
    mod = importGenerated<RelayModules>(relayProjectFiles(dialect), 'all.js');
    modules.set(dialect, mod);
  }
  return mod;
};

const admin = new pg.Pool({ connectionString: TEST_POSTGRES_URL, max: 2 });
after(async () => {
  await admin.end();
});

async function openHarness(dialect: RelayDialect): Promise<Harness & { pool?: pg.Pool }> {
  const mod = await moduleOf(dialect);
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'canon-relay-'));
    const database = new Database(join(dir, 'relay.db'));
    const db = mod.db.betterSqlite3Db!(database);
    await mod.db.migrate(db);
    await mod.db.migrate(db); // idempotent, progress table included
    return {
      dialect,
      mod,
      db,
      dao: new mod.db.UsersDao(db),
      journal: async () =>
        database
          .prepare('SELECT journal_id, journal_operation FROM users_journal ORDER BY journal_id')
          .all() as [],
      close: async () => {
        database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `canon_relay_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pool = new pg.Pool({
    connectionString: TEST_POSTGRES_URL,
    max: 6,
    options: `-c search_path=${schema}`,
  });
  const db = mod.db.pgPoolDb!(pool);
  await mod.db.migrate(db);
  await mod.db.migrate(db);
  return {
    dialect,
    mod,
    db,
    pool,
    dao: new mod.db.UsersDao(db),
    journal: async () =>
      (
        await pool.query(
          'SELECT journal_id::int AS journal_id, journal_operation FROM users_journal ORDER BY journal_id',
        )
      ).rows,
    close: async () => {
      await pool.end();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
}

/** A producer that records every batch it is handed, and can be told to fail. */
function recordingProducer(): PublisherLike & { batches: PublishedEvent[][]; failNext: number } {
  const producer = {
    batches: [] as PublishedEvent[][],
    failNext: 0,
    async publishBatch(events: readonly unknown[]) {
      if (producer.failNext > 0) {
        producer.failNext--;
        throw new Error('broker unreachable');
      }
      producer.batches.push([...(events as PublishedEvent[])]);
    },
  };
  return producer;
}

const ada = { email: 'ada@example.com', name: 'Ada', status: 'active', verified: true, tags: ['x'] };
const bob = { email: 'bob@example.com', status: 'suspended', verified: false };

for (const dialect of ['sqlite', 'postgres'] as const) {
  const withHarness = (name: string, body: (h: Harness) => Promise<void>): void => {
    test(`${dialect} relay: ${name}`, async () => {
      const h = await openHarness(dialect);
      try {
        await body(h);
      } finally {
        await h.close();
      }
    });
  };

  withHarness(
    'inserts, updates and deletes reach the mock queue as user_upserted and user_deleted, in journal order',
    async (h) => {
      const queue = new h.mod.events.MockEventQueue();
      const handled: string[] = [];
      const consumer = h.mod.events.mockUserEventConsumer(queue, {
        user_upserted: (event: PublishedEvent) => void handled.push(`upserted ${event.user!.email}`),
        user_deleted: (event: PublishedEvent) => void handled.push(`deleted ${event.id}`),
      } as never);
      await consumer.start();
      const producer = h.mod.events.mockUserEventProducer(queue);
      const relay = h.mod.db.usersRelay(h.db, producer);
      const first = await h.dao.insert(ada);
      await h.dao.update(first.id, { ...ada, name: 'Ada Lovelace' });
      const second = await h.dao.insert(bob);
      await h.dao.delete(first.id);
      assert.equal(await relay.drain(), 4);
      const events = producer.published as PublishedEvent[];
      assert.deepEqual(
        events.map((e) => [e.discriminator, e.event_id]),
        [
          ['user_upserted', 'users_journal:1'],
          ['user_upserted', 'users_journal:2'],
          ['user_upserted', 'users_journal:3'],
          ['user_deleted', 'users_journal:4'],
        ],
      );
      // The row as the model defines it: no audit columns, no hash_code, absent values absent.
      assert.deepEqual(events[1]!.user, { id: first.id, ...ada, name: 'Ada Lovelace' });
      assert.deepEqual(events[2]!.user, { id: second.id, ...bob });
      assert.equal(events[3]!.id, first.id);
      for (const event of events) assert.match(event.timestamp, ISO);
      assert.deepEqual(handled, [
        'upserted ada@example.com',
        'upserted ada@example.com',
        'upserted bob@example.com',
        `deleted ${first.id}`,
      ]);
      assert.equal(queue.published[0]!.subject, 'example.users.v1.user_event.user_upserted');
      assert.equal(await relay.position(), 4);
      assert.equal(await relay.drain(), 0, 'nothing twice');
    },
  );

  withHarness('an unchanged upsert writes no journal row and so publishes nothing', async (h) => {
    const producer = recordingProducer();
    const relay = h.mod.db.usersRelay(h.db, producer);
    const row = await h.dao.insert(ada);
    assert.equal(await relay.drain(), 1);
    assert.equal(await h.dao.upsert({ id: row.id, ...ada }), false);
    assert.equal(await relay.drain(), 0);
  });

  withHarness(
    'a new relay resumes after the recorded position; replayFrom re-sends with the same ids',
    async (h) => {
      const first = recordingProducer();
      for (const n of [1, 2, 3, 4]) await h.dao.insert({ ...bob, email: `u${n}@example.com` });
      assert.equal(await h.mod.db.usersRelay(h.db, first).drain(), 4);
      const second = recordingProducer();
      const restarted = h.mod.db.usersRelay(h.db, second);
      assert.equal(await restarted.drain(), 0);
      assert.equal(await restarted.position(), 4);
      await restarted.replayFrom(3);
      assert.equal(await restarted.position(), 2);
      assert.equal(await restarted.drain(), 2);
      assert.deepEqual(second.batches.flat(), first.batches.flat().slice(2), 'the same events, ids and all');
      await assert.rejects(restarted.replayFrom(0), h.mod.db.RelayOptionError);
    },
  );

  withHarness('a failed publish records nothing; the next attempt sends the same batch', async (h) => {
    const producer = recordingProducer();
    const relay = h.mod.db.usersRelay(h.db, producer, { batchSize: 2 });
    for (const n of [1, 2, 3]) await h.dao.insert({ ...bob, email: `u${n}@example.com` });
    producer.failNext = 1;
    await assert.rejects(relay.relayOnce(), /broker unreachable/);
    assert.equal(await relay.position(), 0);
    assert.equal(await relay.relayOnce(), 2);
    assert.equal(await relay.relayOnce(), 1);
    assert.equal(await relay.relayOnce(), 0);
    assert.deepEqual(
      producer.batches.map((b) => b.map((e) => e.event_id)),
      [['users_journal:1', 'users_journal:2'], ['users_journal:3']],
    );
  });

  withHarness(
    'start relays rows as they come, retries after a failure, and stop ends after the batch in hand',
    async (h) => {
      const errors: unknown[] = [];
      let arrived: () => void = () => {};
      const producer = recordingProducer();
      const publish = producer.publishBatch.bind(producer);
      const seen = new Promise<void>((resolve) => (arrived = resolve));
      producer.publishBatch = async (events) => {
        await publish(events);
        if (producer.batches.flat().length >= 2) arrived();
      };
      producer.failNext = 1;
      const relay = h.mod.db.usersRelay(h.db, producer, {
        pollIntervalMs: 5,
        onError: (e) => errors.push(e),
      });
      relay.start();
      relay.start(); // once only
      await h.dao.insert(ada);
      await h.dao.insert(bob);
      relay.wake();
      await seen;
      await relay.stop();
      assert.deepEqual(
        producer.batches.flat().map((e) => e.event_id),
        ['users_journal:1', 'users_journal:2'],
      );
      assert.equal(errors.length, 1, 'the failure was reported, then retried');
      assert.match(String(errors[0]), /broker unreachable/);
      assert.equal(await relay.position(), 2);
    },
  );

  withHarness('relays of other names keep positions of their own', async (h) => {
    await h.dao.insert(ada);
    const a = recordingProducer();
    const b = recordingProducer();
    assert.equal(await h.mod.db.usersRelay(h.db, a).drain(), 1);
    const search = h.mod.db.usersRelay(h.db, b, { name: 'search_index' });
    assert.equal(search.name, 'search_index');
    assert.equal(await search.drain(), 1);
    assert.deepEqual(a.batches, b.batches);
  });

  withHarness('bad relay options are refused with what to give instead', async (h) => {
    const producer = recordingProducer();
    assert.throws(
      () => h.mod.db.usersRelay(h.db, producer, { batchSize: 0 }),
      (e: Error) =>
        e instanceof h.mod.db.RelayOptionError &&
        /batchSize must be an integer from 1 to 10000/.test(e.message),
    );
    assert.throws(() => h.mod.db.usersRelay(h.db, producer, { pollIntervalMs: -1 }), /pollIntervalMs/);
  });
}

/** A DAO on one client of its own, so a test can hold a transaction open while others commit. */
async function heldTransaction(
  h: Harness & { pool?: pg.Pool },
): Promise<{ client: pg.PoolClient; dao: UsersDaoLike }> {
  const client = await h.pool!.connect();
  await client.query('BEGIN');
  return { client, dao: new h.mod.db.UsersDao(h.mod.db.pgClientDb!(client)) };
}

test('postgres relay: a row that commits after a higher journal id is not passed over', async () => {
  const h = await openHarness('postgres');
  try {
    const producer = recordingProducer();
    const relay = h.mod.db.usersRelay(h.db, producer);
    const slow = await heldTransaction(h);
    await slow.dao.insert(ada); // journal id 1, not committed yet
    await h.dao.insert(bob); // journal id 2, committed
    assert.equal(await relay.drain(), 0, 'id 2 waits while id 1 may still commit');
    assert.equal(await relay.position(), 0);
    await slow.client.query('COMMIT');
    slow.client.release();
    assert.equal(await relay.drain(), 2);
    assert.deepEqual(
      producer.batches.flat().map((e) => [e.event_id, e.user!.email]),
      [
        ['users_journal:1', 'ada@example.com'],
        ['users_journal:2', 'bob@example.com'],
      ],
    );
  } finally {
    await h.close();
  }
});

test('postgres relay: an id lost to a rollback is passed once the transactions around it end', async () => {
  const h = await openHarness('postgres');
  try {
    const producer = recordingProducer();
    const relay = h.mod.db.usersRelay(h.db, producer);
    const undone = await heldTransaction(h);
    await undone.dao.insert(ada); // takes journal id 1
    await h.dao.insert(bob); // journal id 2
    assert.equal(await relay.drain(), 0);
    await undone.client.query('ROLLBACK');
    undone.client.release();
    // The gap settles once every transaction open when it was seen has ended, in this database
    // cluster: other sessions' transactions too, so this waits for them instead of assuming none.
    let published = 0;
    for (let attempt = 0; published === 0 && attempt < 3000; attempt++) {
      published = await relay.drain();
      if (published === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.equal(published, 1);
    assert.deepEqual(
      producer.batches.flat().map((e) => e.event_id),
      ['users_journal:2'],
    );
    await h.dao.insert({ ...bob, email: 'carol@example.com' });
    assert.equal(await relay.drain(), 1, 'and rows after it flow again');
    assert.equal(await relay.position(), 3);
  } finally {
    await h.close();
  }
});
