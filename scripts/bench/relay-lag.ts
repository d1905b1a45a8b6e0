/**
 * Relay lag: the time from a journal row's commit (the DAO's insert returned) to its event being
 * acknowledged (`publishBatch` resolved), with rows written at a steady rate, on SQLite and
 * PostgreSQL. The generated relay (default batch size and poll interval) runs in the writing
 * process, as a service runs it, against a hand-written loop over the same journal (the same query
 * shape, batch size, poll interval and position update, no gap handling), alternating in one run
 * (PostgreSQL: 32 concurrent writers, as single inserts wait for the commit's flush).
 *
 * Producers: `mock`, the events generator's mock producer on both sides (the relay loop alone), and
 * `nats`, the local NATS JetStream: the generated relay publishes through the generated
 * `userEventProducer`, the hand-written loop through the raw @nats-io/jetstream client
 * (`raw-nats.ts`: the same headers and `Nats-Msg-Id`, the batch's acks awaited together), each
 * round on a fresh stream; the lag then ends at the stream's ack.
 *
 *   node dist/scripts/bench/relay-lag.js [seconds=10] [rate=1000] [rounds=3] [dialects=sqlite,postgres] [producers=mock,nats] [nats=127.0.0.1:4222]
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import Database from 'better-sqlite3';
import pg from 'pg';
import {
  type PublishedEvent,
  type PublisherLike,
  type RelayDialect,
  type RelayModules,
  relayProjectFiles,
  type UsersDaoLike,
} from '../../generators/dao-shared/testing/relay-project.js';
import { importGenerated } from '../../generators/dao-shared/testing.js';
import { uniqueEnvironment } from '../../test/nats-broker.js';
import { TEST_POSTGRES_URL } from '../../test/temporary-database.js';
import { addStream, rawPublisher } from './raw-nats.js';
import { median } from './stats.js';

const [seconds, rate, rounds] = [10, 1000, 3].map((fallback, i) =>
  Number(process.argv[i + 2] ?? fallback),
) as [number, number, number];
const dialects = (process.argv[5] ?? 'sqlite,postgres').split(',') as RelayDialect[];
const producers = (process.argv[6] ?? 'mock,nats').split(',') as ProducerKind[];
const natsUrl = process.argv[7] ?? '127.0.0.1:4222';

type ProducerKind = 'mock' | 'nats';

/** What the bench needs of the generated events module beyond the relay project's typing. */
interface NatsEvents {
  connectToBroker(servers: string): Promise<NatsConnection>;
  userEventProducer(
    nc: NatsConnection,
    options: { environment: string },
  ): PublisherLike & {
    start(): Promise<unknown>;
    stream: { stream: string; allSubjects: string; source: string };
  };
}
const BATCH = 100;
const POLL_MS = 25;

/** Something that publishes the journal until stopped. */
interface Relay {
  start(): void;
  stop(): Promise<void>;
}

interface Setup {
  db: unknown;
  dao: UsersDaoLike;
  /** Concurrent writers (PostgreSQL's inserts wait on the network, SQLite's block the process). */
  writers: number;
  /** The hand-written loop's queries. */
  rows(after: number, limit: number): Promise<Array<Record<string, unknown>>>;
  record(position: number): Promise<void>;
  close(): Promise<void>;
}

async function open(dialect: RelayDialect, mod: RelayModules): Promise<Setup> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'canon-relay-lag-'));
    const database = new Database(join(dir, 'lag.db'));
    database.pragma('journal_mode = WAL');
    const db = mod.db.betterSqlite3Db!(database);
    await mod.db.migrate(db);
    database.exec("INSERT INTO canon_relay_progress (relay, journal_id) VALUES ('baseline', 0)");
    const select = database.prepare(
      'SELECT journal_id, journal_operation, journal_timestamp, id, email, status, verified FROM users_journal WHERE journal_id > ? ORDER BY journal_id LIMIT ?',
    );
    const update = database.prepare(
      "UPDATE canon_relay_progress SET journal_id = ? WHERE relay = 'baseline'",
    );
    return {
      db,
      dao: new mod.db.UsersDao(db),
      writers: 1,
      rows: async (after, limit) => select.all(after, limit) as Array<Record<string, unknown>>,
      record: async (position) => {
        update.run(position);
      },
      close: async () => {
        database.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `canon_relay_lag_${process.pid}`;
  const admin = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await admin.query(`CREATE SCHEMA ${schema}`);
  const pool = new pg.Pool({
    connectionString: TEST_POSTGRES_URL,
    max: 8,
    options: `-c search_path=${schema}`,
  });
  const db = mod.db.pgPoolDb!(pool);
  await mod.db.migrate(db);
  await pool.query("INSERT INTO canon_relay_progress (relay, journal_id) VALUES ('baseline', 0)");
  return {
    db,
    dao: new mod.db.UsersDao(db),
    writers: 32,
    rows: async (after, limit) =>
      (
        await pool.query(
          'SELECT journal_id::int AS journal_id, journal_operation, journal_timestamp, id, email, status, verified FROM users_journal WHERE journal_id > $1 ORDER BY journal_id LIMIT $2',
          [after, limit],
        )
      ).rows,
    record: async (position) => {
      await pool.query("UPDATE canon_relay_progress SET journal_id = $1 WHERE relay = 'baseline'", [
        position,
      ]);
    },
    close: async () => {
      await pool.end();
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    },
  };
}

/**
 * The hand-written relay: poll, publish, record, at the generated relay's batch size and interval.
 * On PostgreSQL it passes over ids whose transactions commit late, and so loses their events:
 * the script reports them, and its lag is over the events that did arrive.
 */
function baselineRelay(setup: Setup, producer: PublisherLike): Relay {
  let running: Promise<void> | undefined;
  let stopping = false;
  let position = 0;
  return {
    start() {
      running = (async () => {
        while (!stopping) {
          const rows = await setup.rows(position, BATCH);
          if (rows.length > 0) {
            await producer.publishBatch(
              rows.map((r) => ({
                discriminator: 'user_upserted',
                event_id: `users_journal:${r.journal_id}`,
                // pg returns a Date; the event carries ISO text, as the generated relay sends it.
                timestamp:
                  r.journal_timestamp instanceof Date
                    ? r.journal_timestamp.toISOString()
                    : String(r.journal_timestamp),
                user: {
                  id: r.id,
                  email: r.email,
                  status: r.status,
                  verified: r.verified === 1 || r.verified === true,
                },
              })),
            );
            position = Number(rows.at(-1)!.journal_id);
            await setup.record(position);
          }
          if (rows.length < BATCH) await sleep(POLL_MS);
        }
      })();
    },
    async stop() {
      stopping = true;
      await running;
    },
  };
}

/** Writes `rate` rows a second for `seconds`; resolves to each user's commit time. */
async function write(setup: Setup): Promise<Map<string, number>> {
  const committed = new Map<string, number>();
  const total = seconds * rate;
  const start = performance.now();
  let issued = 0;
  const writer = async () => {
    while (issued < total) {
      const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000));
      if (issued >= due) {
        await sleep(1);
        continue;
      }
      const n = issued++;
      const row = await setup.dao.insert({ email: `u${n}@example.com`, status: 'active', verified: true });
      committed.set(row.id, performance.now());
    }
  };
  await Promise.all(Array.from({ length: setup.writers }, writer));
  return committed;
}

interface Lag {
  p50: number;
  p99: number;
  max: number;
  events: number;
  /** Committed rows whose event never came (the hand-written loop passes over late commits). */
  lost: number;
  achievedRate: number;
}

/** The publisher each side uses, and what to clean up after a round. */
interface Publishing {
  publisher: PublisherLike;
  dispose(): Promise<void>;
}

/**
 * The publisher of one side for one round: the mock producer, or on NATS the generated producer
 * (generated side) or the raw client (baseline), each on a fresh stream created beforehand so that
 * creating it is not in the lag.
 */
async function publishing(
  mod: RelayModules,
  kind: ProducerKind,
  side: 'generated' | 'baseline',
  nc: NatsConnection | undefined,
): Promise<Publishing> {
  if (kind === 'mock') {
    const mock = mod.events.mockUserEventProducer(new mod.events.MockEventQueue());
    return { publisher: mock, dispose: async () => {} };
  }
  const environment = uniqueEnvironment('lag');
  const producer = (mod.events as unknown as NatsEvents).userEventProducer(nc!, { environment });
  const jsm = await jetstreamManager(nc!);
  const { stream, allSubjects, source } = producer.stream;
  const dispose = async () => void (await jsm.streams.delete(stream));
  if (side === 'generated') {
    await producer.start();
    return { publisher: producer, dispose };
  }
  await addStream(jsm, stream, allSubjects);
  return { publisher: rawPublisher(jetstream(nc!), allSubjects.slice(0, -2), source), dispose };
}

async function measure(
  setup: Setup,
  makeRelay: (producer: PublisherLike) => Relay,
  inner: PublisherLike,
): Promise<Lag> {
  const acked = new Map<string, number>();
  const producer: PublisherLike = {
    async publishBatch(events) {
      await inner.publishBatch(events);
      const now = performance.now();
      for (const event of events as PublishedEvent[]) acked.set(event.user!.id, now);
    },
  };
  const relay = makeRelay(producer);
  relay.start();
  const began = performance.now();
  const committed = await write(setup);
  const achievedRate = committed.size / ((performance.now() - began) / 1000);
  // Wait for every event, or for a second without progress (the baseline can lose rows).
  let seen = -1;
  for (let idle = 0; acked.size < committed.size && idle < 100; idle = acked.size === seen ? idle + 1 : 0) {
    seen = acked.size;
    await sleep(10);
  }
  await relay.stop();
  const lost = [...committed.keys()].filter((id) => !acked.has(id)).length;
  const lags = [...committed]
    .filter(([id]) => acked.has(id))
    .map(([id, at]) => acked.get(id)! - at)
    .sort((a, b) => a - b);
  const at = (q: number) => lags[Math.min(lags.length - 1, Math.floor(q * lags.length))]!;
  return { p50: at(0.5), p99: at(0.99), max: lags.at(-1)!, events: lags.length, lost, achievedRate };
}

const mods = new Map<RelayDialect, RelayModules>();
for (const dialect of dialects) {
  mods.set(dialect, await importGenerated<RelayModules>(relayProjectFiles(dialect), 'all.js'));
}

console.log(
  `relay lag: ${seconds} s at ${rate} rows/s, batch ${BATCH}, poll ${POLL_MS} ms, ${rounds} rounds`,
);
const nc = producers.includes('nats')
  ? await (mods.get(dialects[0]!)!.events as unknown as NatsEvents).connectToBroker(natsUrl)
  : undefined;
for (const kind of producers) {
  for (const dialect of dialects) {
    const mod = mods.get(dialect)!;
    const results: Record<'generated' | 'baseline', Lag[]> = { generated: [], baseline: [] };
    for (let round = 0; round < rounds; round++) {
      const order =
        round % 2 === 0 ? (['generated', 'baseline'] as const) : (['baseline', 'generated'] as const);
      for (const side of order) {
        const setup = await open(dialect, mod);
        const out = await publishing(mod, kind, side, nc);
        try {
          const lag = await measure(
            setup,
            (producer) =>
              side === 'generated' ? mod.db.usersRelay(setup.db, producer) : baselineRelay(setup, producer),
            out.publisher,
          );
          results[side].push(lag);
          console.log(
            `  ${kind} ${dialect} ${side.padEnd(9)} round ${round + 1}: p50 ${lag.p50.toFixed(1)} ms, p99 ${lag.p99.toFixed(1)} ms, max ${lag.max.toFixed(1)} ms (${lag.events} events, ${lag.lost} lost, ${lag.achievedRate.toFixed(0)} rows/s)`,
          );
        } finally {
          await out.dispose();
          await setup.close();
        }
      }
    }
    const summary = (side: 'generated' | 'baseline') => ({
      p50: median(results[side].map((l) => l.p50)),
      p99: median(results[side].map((l) => l.p99)),
    });
    const generated = summary('generated');
    const baseline = summary('baseline');
    console.log(
      `${kind} ${dialect}: median p50 ${generated.p50.toFixed(1)} ms (baseline ${baseline.p50.toFixed(1)}), median p99 ${generated.p99.toFixed(1)} ms (baseline ${baseline.p99.toFixed(1)}), p99 ratio ${(generated.p99 / baseline.p99).toFixed(2)}`,
    );
  }
}
await nc?.close();
