import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Service } from '../../core/ir.js';
import { generator as sqliteDao } from '../sqlite-dao/index.js';
import { field, model, relayService, USER_EVENTS } from './fixture.js';
import { DbMetadataError } from './generate.js';
import { readTables } from './read-db-attribute.js';

const EVENTS = '/models/user/attributes/0/value/events';

/** The relay fixture with one change made to it. */
function changed(edit: (service: Service) => void, events = USER_EVENTS, db = {}): Service {
  const service = relayService(events, db);
  edit(service);
  return service;
}

const deleted = (service: Service) => service.models.find((m) => m.name === 'user_deleted')!;

const cases: Array<{ description: string; service: Service; expected: Array<[string, string, RegExp]> }> = [
  {
    description: 'events that is not an object',
    service: relayService('user_event' as never),
    expected: [['db-events-invalid', EVENTS, /must be \{ "union"/]],
  },
  {
    description: 'an unknown key',
    service: relayService({ ...USER_EVENTS, topic: 'users' }),
    expected: [['db-events-invalid', `${EVENTS}/topic`, /unknown events key "topic"/]],
  },
  {
    description: 'the same member for upsert and delete',
    service: relayService({ ...USER_EVENTS, delete: 'user_upserted' }),
    expected: [['db-events-invalid', `${EVENTS}/delete`, /both name "user_upserted"/]],
  },
  {
    description: 'events among the service-wide db defaults',
    service: changed((s) => {
      s.attributes.push({ name: 'db', value: { events: USER_EVENTS } });
    }),
    expected: [['db-events-invalid', '/attributes/0/value/events', /each table maps its own journal/]],
  },
  {
    description: 'a table without journal',
    service: relayService(USER_EVENTS, { journal: false }),
    expected: [['db-events-without-journal', EVENTS, /"journal": false/]],
  },
  {
    description: 'a union the service does not have',
    service: relayService({ ...USER_EVENTS, union: 'order_event' }),
    expected: [
      ['db-events-unknown-union', `${EVENTS}/union`, /"order_event" is not a union of this service/],
    ],
  },
  {
    description: 'a union that is not an event union',
    service: changed(
      (s) => {
        s.unions[0]!.name = 'user_change';
      },
      { ...USER_EVENTS, union: 'user_change' },
    ),
    expected: [['db-events-not-event-union', `${EVENTS}/union`, /must be named "<service>_event"/]],
  },
  {
    description: 'a mapping that names a missing member',
    service: relayService({ ...USER_EVENTS, upsert: 'user_changed' }),
    expected: [
      [
        'db-events-unknown-member',
        `${EVENTS}/upsert`,
        /"user_changed" is not a model member of union "user_event"/,
      ],
    ],
  },
  {
    description: 'a model of the service that is not in the union',
    service: relayService({ ...USER_EVENTS, delete: 'user' }),
    expected: [
      ['db-events-unknown-member', `${EVENTS}/delete`, /name one of "user_upserted", "user_deleted"/],
    ],
  },
  {
    description: 'a member without timestamp',
    service: changed((s) => {
      deleted(s).fields.splice(1, 1);
    }),
    expected: [
      ['db-events-missing-header', '/models/user_deleted', /lacks required timestamp: date-time-iso8601/],
    ],
  },
  {
    description: 'a required member field no column fills',
    service: changed((s) => {
      deleted(s).fields.push(field('reason', 'string'));
    }),
    expected: [
      [
        'db-events-unfillable-field',
        '/models/user_deleted/fields/3',
        /field "reason" cannot be filled from a row/,
      ],
    ],
  },
  {
    description: 'a required member field from an optional column',
    service: changed((s) => {
      deleted(s).fields.push(field('name', 'string'));
    }),
    expected: [['db-events-unfillable-field', '/models/user_deleted/fields/3', /field "name"/]],
  },
  {
    description: 'a member field of another type than the column',
    service: changed((s) => {
      deleted(s).fields.push(field('email', 'integer'));
    }),
    expected: [['db-events-unfillable-field', '/models/user_deleted/fields/3', /field "email"/]],
  },
];

for (const { description, service, expected } of cases) {
  test(`events mapping: ${description} is refused with a code and a pointer`, () => {
    const { diagnostics } = readTables(service);
    assert.deepEqual(
      diagnostics.map((d) => [d.code, d.path]),
      expected.map(([code, path]) => [code, path]),
    );
    diagnostics.forEach((d, i) => {
      assert.match(d.message, expected[i]![2]);
      if (d.path.startsWith('/models/')) assert.match(d.message, /^Model "user": /);
    });
  });
}

test('events mapping: every problem at once, and the generator throws DbMetadataError with them', () => {
  const service = changed((s) => deleted(s).fields.push(field('reason', 'string')), {
    ...USER_EVENTS,
    upsert: 'user_changed',
    topic: 'x',
  });
  assert.throws(
    () => sqliteDao.generate({ service, imports: [], options: {} }),
    (error: unknown) =>
      error instanceof DbMetadataError &&
      error.diagnostics.map((d) => d.code).join(' ') ===
        'db-events-invalid db-events-unknown-member db-events-unfillable-field' &&
      /fix them and generate again/.test(error.message),
  );
});

test('events mapping: optional member fields nothing fills stay absent, columns fill fields by name', () => {
  const service = changed((s) => {
    deleted(s).fields.push(field('reason', 'string', false), field('email', 'string'));
    s.models.push(model('unrelated', 'unrelateds', [field('id', 'string')]));
  });
  const { tables, diagnostics } = readTables(service);
  assert.deepEqual(diagnostics, []);
  const events = tables[0]!.events!;
  assert.deepEqual(
    events.delete.fields.map((f) => [f.name, f.from.kind]),
    [
      ['id', 'column'],
      ['email', 'column'],
    ],
  );
  assert.deepEqual(
    events.upsert.fields.map((f) => [f.name, f.from.kind]),
    [['user', 'row']],
  );
  assert.equal(events.discriminator, 'discriminator');
});
