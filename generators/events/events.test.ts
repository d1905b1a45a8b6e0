import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadSpec } from '../../core/load.js';
import { corpusPath, repoPath } from '../../test/paths.js';
import type { GeneratedFile } from '../contract.js';
import { importGenerated } from '../dao-shared/testing.js';
import { typeCheck } from '../testing/compile.js';
import { eventsTypeOptions, runnable, userApplicationFiles } from '../testing/events.js';
import { checkGolden } from '../testing/golden.js';
import { generator as typesGenerator } from '../typescript-types/index.js';
import { EventUnionError } from './event-unions.js';
import { type EventsOptions, generator } from './index.js';

async function load(path: string) {
  const loaded = await loadSpec(readFileSync(path, 'utf8'), { file: path });
  assert.ok(loaded.service, path);
  return { service: loaded.service, imports: loaded.imports };
}

async function userFiles(): Promise<GeneratedFile[]> {
  const input = { ...(await load(repoPath('specs', 'examples', 'user.json'))), options: {} };
  return [...typesGenerator.generate(input), ...generator.generate(input)];
}

const handlers = (
  members: string,
) => `import { mockUserEventConsumer, type UserEventHandlers } from './events.js';
import { MockEventQueue } from './events.js';
export const handlers: UserEventHandlers = { ${members} };
export const consumer = mockUserEventConsumer(new MockEventQueue(), handlers);
`;

test('events for the example user service match the golden file and compile strictly', async () => {
  const files = await userFiles();
  checkGolden(
    'generators/events/golden/user',
    files.filter((f) => f.path === 'events.ts'),
  );
  const usage = {
    path: 'usage.ts',
    contents: `import { MockEventQueue, mockUserEventProducer, type UserEventProducer } from './events.js';
const producer: UserEventProducer = mockUserEventProducer(new MockEventQueue());
await producer.publish({ discriminator: 'user_deleted', event_id: 'e1', timestamp: '2026-01-01T00:00:00Z', id: 'u' });
// @ts-expect-error: an event of another type is not a user_event
await producer.publishBatch([{ discriminator: 'order_deleted', event_id: 'e2', timestamp: 't', id: 'o' }]);
`,
  };
  const exhaustive = {
    path: 'exhaustive.ts',
    contents: handlers('user_upserted: (e) => void e.user.email, user_deleted: (e) => void e.id'),
  };
  const withDefault = {
    path: 'with-default.ts',
    contents: handlers('user_deleted: (e) => void e.id, default: () => {}'),
  };
  assert.deepEqual(
    typeCheck(new Map([['user', [...files, usage, exhaustive, withDefault]]]), eventsTypeOptions()).errors,
    [],
  );
});

test('a handler object that misses an event type fails to compile; a default branch keeps it compiling', async () => {
  const files = await userFiles();
  const missing = { path: 'missing.ts', contents: handlers('user_upserted: () => {}') };
  const { errors } = typeCheck(new Map([['user', [...files, missing]]]), eventsTypeOptions());
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0]!, /missing\.ts:3:14 .*is not assignable to type 'UserEventHandlers'/);
});

test('the mock producer validates and records events; the mock consumer handles them at once, in order, each event_id once', async () => {
  const files = await userFiles();
  const events = await importGenerated<Record<string, never>>(files, 'events.js');
  const { MockEventQueue, mockUserEventProducer, mockUserEventConsumer } = events as unknown as {
    MockEventQueue: new () => { published: { subject: string }[] };
    mockUserEventProducer: (q: unknown) => {
      publish(e: object): Promise<void>;
      publishBatch(e: object[]): Promise<void>;
      published: object[];
    };
    mockUserEventConsumer: (
      q: unknown,
      h: object,
    ) => {
      start(): Promise<void>;
      stop(): Promise<void>;
      deliver(e: object): Promise<void>;
      handled: object[];
      duplicates: object[];
      failures: { error: unknown }[];
    };
  };
  const queue = new MockEventQueue();
  const producer = mockUserEventProducer(queue);
  const seen: string[] = [];
  const consumer = mockUserEventConsumer(queue, {
    user_upserted: (e: { user: { id: string } }) => void seen.push(`upserted ${e.user.id}`),
    user_deleted: (e: { id: string }) => {
      if (e.id === 'bad') throw new Error('poison');
      seen.push(`deleted ${e.id}`);
    },
  });
  const header = (id: string) => ({ event_id: id, timestamp: '2026-01-01T00:00:00Z' });
  const user = { id: 'u1', email: 'a@example.com', status: 'active' };
  await producer.publish({ ...header('e0'), discriminator: 'user_deleted', id: 'before-start' });
  await consumer.start();
  await producer.publish({ ...header('e1'), discriminator: 'user_upserted', user });
  await producer.publish({ ...header('e2'), discriminator: 'user_deleted', id: 'bad' });
  await producer.publish({ ...header('e3'), discriminator: 'user_deleted', id: 'u1' });
  await producer.publish({ ...header('e3'), discriminator: 'user_deleted', id: 'u1' });
  assert.deepEqual(seen, ['upserted u1', 'deleted u1']);
  assert.equal(consumer.handled.length, 2);
  assert.equal(consumer.duplicates.length, 1, 'the same event_id is applied once');
  assert.equal(consumer.failures.length, 1);
  assert.match(String(consumer.failures[0]?.error), /Error: poison/);
  assert.deepEqual(
    queue.published.map((r) => r.subject),
    [
      'default.user.v0.user_event.user_deleted',
      'default.user.v0.user_event.user_upserted',
      'default.user.v0.user_event.user_deleted',
      'default.user.v0.user_event.user_deleted',
      'default.user.v0.user_event.user_deleted',
    ],
  );
  // An event that misses the spec is refused on publish, and nothing of its batch is recorded...
  await assert.rejects(
    producer.publishBatch([
      { ...header('e4'), discriminator: 'user_deleted', id: 'u2' },
      { ...header('e5'), discriminator: 'user_upserted', user: { ...user, email: 'x' } },
    ]),
    /nothing was published, the spec refuses: \/1\/user\/email must NOT have fewer than 3 characters/,
  );
  await assert.rejects(
    producer.publish({ ...header('e6'), discriminator: 'nope' }),
    /\/discriminator must be equal to one of the allowed values/,
  );
  assert.equal(queue.published.length, 5);
  // ...and one handed to the consumer directly never reaches a handler.
  await consumer.deliver({ ...header('e7'), discriminator: 'user_renamed' });
  await consumer.deliver({ discriminator: 'user_deleted', id: 'u3' });
  assert.match(
    String(consumer.failures[1]?.error),
    /does not match the spec: \/discriminator must be equal to one of/,
  );
  assert.match(String(consumer.failures[2]?.error), /\/event_id is required; \/timestamp is required/);
  await consumer.stop();
  await producer.publish({ ...header('e8'), discriminator: 'user_deleted', id: 'after-stop' });
  assert.equal(consumer.handled.length, 2);
});

test("Flow's merged API: the event union (205 members) compiles strictly; ge_restriction_event is refused precisely", async () => {
  const flow = await load(corpusPath('flow', 'flow-api-service.json'));
  assert.throws(
    () => generator.generate({ ...flow, options: {} }),
    (error: unknown) => {
      assert.ok(error instanceof EventUnionError);
      assert.deepEqual(
        error.diagnostics.map((d) => [d.code, d.path]),
        [['events-missing-header', '/models/ge_catalog_item_ingestion_result']],
      );
      assert.match(error.message, /lacks required timestamp: date-time-iso8601/);
      return true;
    },
  );
  const input = { ...flow, options: { unions: ['event'] } };
  const files = [...typesGenerator.generate({ ...flow, options: {} }), ...generator.generate(input)];
  const events = files.find((f) => f.path === 'events.ts')!.contents;
  assert.match(events, /stream: 'flow_api_v0_event'/);
  assert.deepEqual(typeCheck(new Map([['flow', files]]), eventsTypeOptions()).errors, []);
});

test('bad input: a union that is not an event union, a member without event_id, an unknown name', async () => {
  const user = await load(repoPath('specs', 'examples', 'user.json'));
  const service = structuredClone(user.service);
  service.unions.push({ ...service.unions[0]!, name: 'user_change' });
  const deleted = service.models.find((m) => m.name === 'user_deleted')!;
  deleted.fields = deleted.fields.filter((f) => f.name !== 'event_id');
  const run = (options: EventsOptions) => () => generator.generate({ service, imports: [], options });
  const codes = (options: EventsOptions) => {
    try {
      run(options)();
    } catch (error) {
      assert.ok(error instanceof EventUnionError);
      return error.diagnostics.map((d) => `${d.code} ${d.path} ${d.message}`);
    }
    assert.fail('expected an EventUnionError');
  };
  assert.deepEqual(codes({}), [
    "events-missing-header /models/user_deleted event 'user_deleted' (in union 'user_event') lacks required event_id: string; the stream deduplicates by event_id and the headers carry timestamp",
  ]);
  const picked = codes({ unions: ['user_change', 'no_such_event'] });
  assert.equal(picked.length, 2);
  assert.match(
    picked[0]!,
    /^events-not-event-union \/unions\/user_change union 'user_change' is not an event union/,
  );
  assert.match(picked[1]!, /^events-unknown-union \/options\/unions there is no union 'no_such_event'/);
});

test("a consumer test as a user writes it: the read model's handlers on the mock queue, with its SQLite store", async () => {
  const files = [...(await userFiles()), ...userApplicationFiles()];
  const usage = {
    path: 'read-model.test-usage.ts',
    contents: `import Database from 'better-sqlite3';
import { MockEventQueue, mockUserEventConsumer, mockUserEventProducer, sqliteEventStore } from './events.js';
import { readModelHandlers } from './read-model.js';
const db = new Database(':memory:');
const consumer = mockUserEventConsumer(new MockEventQueue(), readModelHandlers(), { store: sqliteEventStore(db), durable: 'read_model' });
const rows: number = consumer.handled.length;
void mockUserEventProducer;
void rows;
`,
  };
  assert.deepEqual(typeCheck(new Map([['user', [...files, usage]]]), eventsTypeOptions()).errors, []);

  const app = runnable(files);
  const events = await app.load<{
    MockEventQueue: new () => object;
    mockUserEventProducer(queue: object): { publishBatch(events: object[]): Promise<void> };
    mockUserEventConsumer(
      queue: object,
      handlers: object,
      options: object,
    ): { start(): Promise<void>; handled: object[]; duplicates: object[]; failures: object[] };
    sqliteEventStore(db: object): object;
  }>('events.ts');
  const { openReadModel, readModelHandlers } = await app.load<{
    openReadModel(path: string): import('better-sqlite3').Database;
    readModelHandlers(): object;
  }>('read-model.ts');
  const db = openReadModel(join(app.dir, 'read-model.db'));
  const queue = new events.MockEventQueue();
  const consumer = events.mockUserEventConsumer(queue, readModelHandlers(), {
    store: events.sqliteEventStore(db),
    durable: 'read_model',
  });
  await consumer.start();
  const header = (id: string) => ({ event_id: id, timestamp: '2026-01-01T00:00:00Z' });
  const user = (id: string, email: string) => ({ id, email, status: 'active' });
  await events.mockUserEventProducer(queue).publishBatch([
    { ...header('e1'), discriminator: 'user_upserted', user: user('u1', 'a@example.com') },
    { ...header('e2'), discriminator: 'user_upserted', user: user('u2', 'b@example.com') },
    { ...header('e3'), discriminator: 'user_deleted', id: 'u1' },
    { ...header('e2'), discriminator: 'user_upserted', user: user('u2', 'b@example.com') },
  ]);
  assert.deepEqual(db.prepare('SELECT id, email FROM users').all(), [{ id: 'u2', email: 'b@example.com' }]);
  assert.equal(consumer.handled.length, 3);
  assert.equal(consumer.duplicates.length, 1);
  assert.deepEqual(db.prepare('SELECT event_id FROM canon_event_applied ORDER BY event_id').all(), [
    { event_id: 'e1' },
    { event_id: 'e2' },
    { event_id: 'e3' },
  ]);
  db.close();
  rmSync(app.dir, { recursive: true, force: true });
});
