import { pointer } from '../../core/diagnostic.js';
import { isEventUnionName } from '../../core/diff/direction.js';
import type { Field, JsonValue, Model, Service, TypeRef } from '../../core/ir.js';
import type { Column, EventMapping, TableEvents } from './table-spec.js';

const KEYS = ['union', 'upsert', 'delete'] as const;

type Problem = (code: string, at: string, message: string) => void;

/**
 * Reads the `events` key of a table's `db` attribute: which member of which `*_event` union of the
 * service an inserted or updated row (`upsert`) and a deleted row (`delete`) become, for the relay
 * that publishes the journal. Every field of a member other than `event_id` and `timestamp` must
 * be fillable from the journal's row image: a field typed as the table's model takes the row, a
 * field named and typed like one of the model's fields takes that column, an optional field may
 * stay absent. Reports problems through `problem` and returns undefined when there is one.
 *
 * @example
 * // "events": { "union": "user_event", "upsert": "user_upserted", "delete": "user_deleted" }
 */
export function readEventsMapping(
  raw: JsonValue | undefined,
  path: string,
  context: { model: Model; service: Service; columns: readonly Column[]; journal: boolean },
  problem: Problem,
): TableEvents | undefined {
  if (raw === undefined) return undefined;
  const { model, service, columns } = context;
  const value = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : undefined;
  const names = value && KEYS.every((k) => typeof value[k] === 'string') ? value : undefined;
  if (!value || !names) {
    problem(
      'db-events-invalid',
      path,
      '"events" must be { "union": "<service>_event", "upsert": "<member model>", "delete": "<member model>" }.',
    );
    return undefined;
  }
  let failed = false;
  const fail: Problem = (code, at, message) => {
    failed = true;
    problem(code, at, message);
  };
  for (const key of Object.keys(value)) {
    if (!(KEYS as readonly string[]).includes(key))
      fail(
        'db-events-invalid',
        pointer(path, key),
        `unknown events key "${key}"; expected ${KEYS.join(', ')}.`,
      );
  }
  if (names.upsert === names.delete) {
    fail(
      'db-events-invalid',
      pointer(path, 'delete'),
      `"upsert" and "delete" both name "${names.delete}"; a consumer could not tell a deleted row from a changed one, so name two members.`,
    );
  }
  if (!context.journal) {
    fail(
      'db-events-without-journal',
      path,
      'events are published from the journal, and this table has "journal": false; remove one of the two.',
    );
  }
  const unionName = names.union as string;
  const union = service.unions.find((u) => u.name === unionName);
  if (!union) {
    fail(
      'db-events-unknown-union',
      pointer(path, 'union'),
      `"${unionName}" is not a union of this service; name one of its own *_event unions (only the owner publishes).`,
    );
    return undefined;
  }
  if (!isEventUnionName(union.name) || union.discriminator === undefined) {
    fail(
      'db-events-not-event-union',
      pointer(path, 'union'),
      `union "${union.name}" is not an event union: it must be named "<service>_event" (or "event") and have a discriminator.`,
    );
    return undefined;
  }
  const rowColumns = model.fields
    .map((f) => columns.find((c) => c.name === f.name))
    .filter((c): c is Column => c !== undefined);
  const member = (key: 'upsert' | 'delete'): EventMapping | undefined => {
    const at = pointer(path, key);
    const name = names[key] as string;
    const entry = union.types.find((t) => t.type.kind === 'model' && t.type.name === name);
    const memberModel =
      entry?.type.kind === 'model' && entry.type.namespace === service.namespace
        ? service.models.find((m) => m.name === name)
        : undefined;
    if (!entry || !memberModel) {
      fail(
        'db-events-unknown-member',
        at,
        `"${name}" is not a model member of union "${union.name}"; name one of ${union.types.map((t) => `"${t.type.kind === 'model' ? t.type.name : t.discriminatorValue}"`).join(', ')}.`,
      );
      return undefined;
    }
    const headers = [
      hasField(memberModel, 'event_id', 'string') ? undefined : 'event_id: string',
      hasField(memberModel, 'timestamp', 'date-time-iso8601') ? undefined : 'timestamp: date-time-iso8601',
    ].filter((h) => h !== undefined);
    if (headers.length > 0) {
      fail(
        'db-events-missing-header',
        pointer('', 'models', memberModel.name),
        `event "${memberModel.name}" lacks required ${headers.join(' and ')}; the relay fills them from the journal row.`,
      );
    }
    const fields: EventMapping['fields'] = [];
    memberModel.fields.forEach((field, i) => {
      if (field.name === 'event_id' || field.name === 'timestamp') return;
      const source = fieldSource(field, model, service, rowColumns);
      if (source) fields.push({ name: field.name, ...source });
      else if (field.required) {
        fail(
          'db-events-unfillable-field',
          pointer('', 'models', memberModel.name, 'fields', i),
          `event "${memberModel.name}" field "${field.name}" cannot be filled from a row of "${model.name}": type it "${model.name}" (the row), give it the name and type of a field of "${model.name}", or make it optional.`,
        );
      }
    });
    return { type: entry.discriminatorValue, model: memberModel.name, fields };
  };
  const upsert = member('upsert');
  const remove = member('delete');
  if (failed || !upsert || !remove) return undefined;
  return { union: union.name, discriminator: union.discriminator, rowColumns, upsert, delete: remove };
}

/** Where an event field's value comes from: the whole row, or one column of it. */
function fieldSource(
  field: Field,
  model: Model,
  service: Service,
  rowColumns: readonly Column[],
): Pick<EventMapping['fields'][number], 'from'> | undefined {
  const ref = field.type;
  if (ref.kind === 'model' && ref.name === model.name && ref.namespace === service.namespace) {
    return { from: { kind: 'row' } };
  }
  const modelField = model.fields.find((f) => f.name === field.name);
  const column = rowColumns.find((c) => c.name === field.name);
  if (!modelField || !column || !sameType(modelField.type, ref)) return undefined;
  // An optional column cannot fill a required event field: a row without it has nothing to send.
  if (field.required && !column.required) return undefined;
  return { from: { kind: 'column', column } };
}

function sameType(a: TypeRef, b: TypeRef): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function hasField(model: Model, name: string, type: string): boolean {
  return model.fields.some(
    (f) => f.name === name && f.required && f.type.kind === 'primitive' && f.type.name === type,
  );
}
