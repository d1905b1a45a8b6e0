import type { Attribute, Field, JsonObject, Model, Service, TypeRef } from '../../core/ir.js';

/** Test fixtures: hand-built IR values for DAO tests (no parser involved). */

export const NAMESPACE = 'com.example.users.v0';

export function field(
  name: string,
  type: TypeRef | string,
  required = true,
  extra: Partial<Field> = {},
): Field {
  const ref: TypeRef = typeof type === 'string' ? { kind: 'primitive', name: type as 'string' } : type;
  return { name, type: ref, required, annotations: [], attributes: [], ...extra };
}

export function dbAttribute(value: JsonObject): Attribute {
  return { name: 'db', value };
}

export function model(name: string, plural: string, fields: Field[], attributes: Attribute[] = []): Model {
  return { name, plural, fields, interfaces: [], attributes };
}

export function service(models: Model[], extra: Partial<Service> = {}): Service {
  return {
    name: 'users',
    organization: { key: 'example' },
    application: { key: 'users' },
    namespace: NAMESPACE,
    version: '1.0.0',
    info: {},
    headers: [],
    imports: [],
    enums: [
      {
        name: 'user_status',
        plural: 'user_statuses',
        values: [
          { name: 'active', value: 'active', attributes: [] },
          { name: 'suspended', value: 'suspended', attributes: [] },
        ],
        attributes: [],
      },
    ],
    interfaces: [],
    models,
    unions: [],
    resources: [],
    annotations: [],
    attributes: [],
    ...extra,
  };
}

/** The example users table: prefixed ids, a unique email, a status enum, tags as JSON, audit columns. */
export function usersService(db: JsonObject = {}): Service {
  return service([
    model(
      'user',
      'users',
      [
        field('id', 'string'),
        field('email', 'string', true, { description: 'Where we write to the user.' }),
        field('name', 'string', false),
        field('status', { kind: 'enum', name: 'user_status', namespace: NAMESPACE }),
        field('age', 'integer', false),
        field('verified', 'boolean'),
        field('tags', { kind: 'list', of: { kind: 'primitive', name: 'string' } }, false),
      ],
      [
        dbAttribute({
          table: 'users',
          primary_key: { field: 'id', generate: 'prefixed', prefix: 'usr' },
          indexes: [{ fields: ['email'], unique: true }, { fields: ['status'] }],
          ...db,
        }),
      ],
    ),
  ]);
}

/**
 * Tables for the column-type and key-generation round trips: `events` has an `auto` key and
 * a column of every storage kind; `tokens` a `uuid` key stored as uuid; `notes` a caller-given key;
 * `tags` nothing but its key.
 */
export function typesService(): Service {
  const prim = (name: string): TypeRef => ({ kind: 'primitive', name: name as 'string' });
  return service([
    model(
      'event',
      'events',
      [
        field('id', 'long'),
        field('kind', { kind: 'enum', name: 'user_status', namespace: NAMESPACE }),
        field('count', 'integer'),
        field('big', 'long'),
        field('ratio', 'double'),
        field('price', 'decimal'),
        field('flag', 'boolean'),
        field('day', 'date-iso8601'),
        field('at', 'date-time-iso8601'),
        field('ref', 'uuid', false),
        field('payload', 'json', false),
        field('labels', { kind: 'map', of: prim('string') }, false),
        field('scores', { kind: 'list', of: prim('integer') }, false),
      ],
      [
        dbAttribute({
          primary_key: { field: 'id', generate: 'auto' },
          indexes: [{ fields: ['flag', 'day'] }, { fields: ['ref'], unique: true, where: 'ref is not null' }],
          audit: false,
        }),
      ],
    ),
    model(
      'token',
      'tokens',
      [field('id', 'uuid'), field('owner', 'string')],
      [dbAttribute({ primary_key: { field: 'id', generate: 'uuid' }, journal: false, hash_code: false })],
    ),
    model(
      'note',
      'notes',
      [field('key', 'string'), field('text', 'string')],
      [dbAttribute({ primary_key: 'key' })],
    ),
    model(
      'tag',
      'tags',
      [field('name', 'string')],
      [dbAttribute({ primary_key: 'name', hash_code: false, audit: false })],
    ),
  ]);
}

/** The default events mapping of `relayService`: `user_event`'s upserted and deleted members. */
export const USER_EVENTS: JsonObject = {
  union: 'user_event',
  upsert: 'user_upserted',
  delete: 'user_deleted',
};

/**
 * The users table with its journal relayed as `user_event`, whose members are the ones
 * `specs/examples/user.json` declares: `user_upserted { event_id, timestamp, user }` and
 * `user_deleted { event_id, timestamp, id }`.
 */
export function relayService(events: JsonObject = USER_EVENTS, db: JsonObject = {}): Service {
  const users = usersService({ events, ...db });
  const ref = (name: string): TypeRef => ({ kind: 'model', name, namespace: NAMESPACE });
  const header = [field('event_id', 'string'), field('timestamp', 'date-time-iso8601')];
  users.models.push(
    model('user_upserted', 'user_upserteds', [...header, field('user', ref('user'))]),
    model('user_deleted', 'user_deleteds', [...header, field('id', 'string')]),
  );
  users.unions.push({
    name: 'user_event',
    plural: 'user_events',
    discriminator: 'discriminator',
    types: ['user_upserted', 'user_deleted'].map((name) => ({
      type: ref(name),
      discriminatorValue: name,
      default: false,
      attributes: [],
    })),
    interfaces: [],
    attributes: [],
  });
  return users;
}
