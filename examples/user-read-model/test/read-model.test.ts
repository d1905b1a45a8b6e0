// The read model's handlers against the generated mock producer and consumer, as a consuming team
// tests theirs: no broker, the read model's real SQLite database.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MockEventQueue, mockUserEventConsumer, mockUserEventProducer, sqliteEventStore } from '../src/generated/events.js';
import { DURABLE, handlers, openReadModel, searchUsers } from '../src/read-model.js';

const at = (second: number) => `2026-01-01T00:00:${String(second).padStart(2, '0')}.000Z`;

test('upserts and deletes land in the read model, each event once, and search finds users', async () => {
  const db = openReadModel(':memory:');
  const queue = new MockEventQueue();
  const consumer = mockUserEventConsumer(queue, handlers, { store: sqliteEventStore(db), durable: DURABLE });
  await consumer.start();
  const producer = mockUserEventProducer(queue);
  const ada = { id: 'usr-1', email: 'ada@example.com', name: 'Ada Lovelace', status: 'active' } as const;
  const created = { discriminator: 'user_upserted', event_id: 'e1', timestamp: at(1), user: ada } as const;
  await producer.publishBatch([
    created,
    { discriminator: 'user_upserted', event_id: 'e2', timestamp: at(2), user: { id: 'usr-2', email: 'bob@example.com', status: 'active' } },
    { discriminator: 'user_upserted', event_id: 'e3', timestamp: at(3), user: { ...ada, status: 'suspended' } },
    { discriminator: 'user_deleted', event_id: 'e4', timestamp: at(4), id: 'usr-2' },
  ]);
  await consumer.deliver(created); // a redelivery: skipped, not applied again

  assert.deepEqual(searchUsers(db, 'LOVELACE'), [{ ...ada, status: 'suspended', changed_at: at(3) }]);
  assert.deepEqual(searchUsers(db, 'bob'), []);
  assert.deepEqual(searchUsers(db, '%'), [], 'a LIKE wildcard in the text is matched literally');
  assert.deepEqual(
    db.prepare('SELECT event_id, user_id, change FROM user_changes ORDER BY rowid').all(),
    [
      { event_id: 'e1', user_id: 'usr-1', change: 'upserted' },
      { event_id: 'e2', user_id: 'usr-2', change: 'upserted' },
      { event_id: 'e3', user_id: 'usr-1', change: 'upserted' },
      { event_id: 'e4', user_id: 'usr-2', change: 'deleted' },
    ],
  );
  assert.equal(consumer.duplicates.length, 1);
  assert.deepEqual(consumer.failures, []);
  db.close();
});
