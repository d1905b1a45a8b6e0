import { isEventUnionName } from '../../diff/direction.js';
import type { Field, Model, Service } from '../../ir.js';
import type { LintRule } from '../rule.js';

/** `user_upserted`, `order_deleted_v2` → the entity and the kind of event. */
const EVENT_NAME = /^(.+)_(upserted|deleted)(_v\d+)?$/;
/** Fields between the event header and the payload that Flow allows. */
const SCOPE_FIELDS = new Set([
  'organization',
  'organization_id',
  'channel',
  'channel_id',
  'partner',
  'partner_id',
]);
const HEADER_FIELDS = new Set(['event_id', 'timestamp']);

interface EventModel {
  union: string;
  model: Model;
  entity?: string;
  kind?: 'upserted' | 'deleted';
  version: string;
}

/** Members of the event unions that are models of this service. */
function eventModels(service: Service): EventModel[] {
  const models = new Map(service.models.map((m) => [m.name, m]));
  const out: EventModel[] = [];
  for (const union of service.unions) {
    if (!isEventUnionName(union.name)) continue;
    for (const member of union.types) {
      if (member.type.kind !== 'model' || member.type.namespace !== service.namespace) continue;
      const model = models.get(member.type.name);
      if (!model) continue;
      const match = EVENT_NAME.exec(model.name);
      out.push({
        union: union.name,
        model,
        ...(match && { entity: match[1]!, kind: match[2] as 'upserted' | 'deleted' }),
        version: match?.[3] ?? '',
      });
    }
  }
  return out;
}

/**
 * Fields after `event_id`, `timestamp` and the organization/channel/partner scope (a scope field is
 * a plain id; `organization: organization` in an organization event is the payload).
 */
function payloadFields(model: Model): Field[] {
  return model.fields.filter(
    (f) => !HEADER_FIELDS.has(f.name) && !(SCOPE_FIELDS.has(f.name) && f.type.kind === 'primitive'),
  );
}

/**
 * The model a payload field refers to. `undefined` when the field is not a model; `'external'`
 * for an imported model, which this service cannot see into.
 */
function payloadModel(service: Service, field: Field): Model | 'external' | undefined {
  if (field.type.kind !== 'model') return undefined;
  if (field.type.namespace !== service.namespace) return 'external';
  const name = field.type.name;
  return service.models.find((m) => m.name === name);
}

const hasId = (model: Model) => model.fields.some((f) => f.name === 'id');

const modelPath = (m: Model) => `models/${m.name}`;

/** Flow's event conventions: one union per stream, upserted/deleted pairs, a fixed header, ids. */
export const eventRules: LintRule[] = [
  {
    id: 'event-union-name',
    level: 'warning',
    description:
      "A union whose members are all events (models starting with `event_id`) is an event stream and must be named `<service>_event`, so that tools (and Canon's diff) treat it as one.",
    check(service, report) {
      const models = new Map(service.models.map((m) => [m.name, m]));
      for (const union of service.unions) {
        if (isEventUnionName(union.name) || union.types.length === 0) continue;
        const allEvents = union.types.every((t) => {
          const model = t.type.kind === 'model' ? models.get(t.type.name) : undefined;
          return model?.fields[0]?.name === 'event_id';
        });
        if (allEvents) {
          report(
            `unions/${union.name}`,
            `union '${union.name}' holds only events; name it '${service.application.key.replaceAll('-', '_')}_event' or '<something>_event'`,
            union,
          );
        }
      }
    },
  },
  {
    id: 'event-upserted-has-deleted',
    level: 'error',
    description:
      'Every `X_upserted` event in an event union has a matching `X_deleted` event, so consumers can mirror the entity.',
    check(service, report) {
      const events = eventModels(service);
      const names = new Set(events.map((e) => `${e.union} ${e.model.name}`));
      for (const e of events) {
        if (e.kind !== 'upserted') continue;
        const deleted = `${e.entity}_deleted${e.version}`;
        if (!names.has(`${e.union} ${deleted}`)) {
          report(
            modelPath(e.model),
            `event '${e.model.name}' has no '${deleted}' in union '${e.union}'; add it so consumers learn about deletions`,
            e.model,
          );
        }
      }
    },
  },
  {
    id: 'event-field-order',
    level: 'error',
    description: 'An event model starts with `event_id` (string) and then `timestamp` (date-time-iso8601).',
    check(service, report) {
      for (const e of eventModels(service)) {
        const [first, second] = e.model.fields;
        const ok =
          first?.name === 'event_id' &&
          first.type.kind === 'primitive' &&
          first.type.name === 'string' &&
          second?.name === 'timestamp' &&
          second.type.kind === 'primitive' &&
          second.type.name === 'date-time-iso8601';
        if (!ok) {
          const got =
            e.model.fields
              .slice(0, 2)
              .map((f) => f.name)
              .join(', ') || 'no fields';
          report(
            modelPath(e.model),
            `event '${e.model.name}' must start with event_id: string, timestamp: date-time-iso8601 (it starts with ${got})`,
            e.model,
          );
        }
      }
    },
  },
  {
    id: 'event-deleted-has-id',
    level: 'error',
    description:
      'A deleted event says which entity went away: an identifier field (`id`, `<entity>_id`, `key` or `number`), or a payload model that has an `id`.',
    check(service, report) {
      for (const e of eventModels(service)) {
        if (e.kind !== 'deleted') continue;
        const payload = payloadFields(e.model);
        const identifiers = new Set(['id', `${e.entity}_id`, 'key', 'number']);
        const carriesId = payload.some((f) => {
          if (identifiers.has(f.name)) return true;
          const model = payloadModel(service, f);
          return model === 'external' || (model !== undefined && hasId(model));
        });
        if (!carriesId) {
          report(
            modelPath(e.model),
            `deleted event '${e.model.name}' does not carry the id of what was deleted; add id: string`,
            e.model,
          );
        }
      }
    },
  },
  {
    id: 'event-upserted-payload-has-id',
    level: 'error',
    description:
      'An upserted event carries the entity as a model (named after it) and that model has an `id`.',
    check(service, report) {
      for (const e of eventModels(service)) {
        if (e.kind !== 'upserted' || !e.entity) continue;
        const entity = e.entity;
        const payload = payloadFields(e.model);
        const named = payload.filter(
          (f) => f.name === entity || entity.endsWith(`_${f.name}`) || entity.startsWith(`${f.name}_`),
        );
        const candidates = (named.length > 0 ? named : payload).map((f) => ({
          field: f,
          model: payloadModel(service, f),
        }));
        const models = candidates.filter((c) => c.model !== undefined);
        if (models.some((c) => c.model === 'external' || (c.model !== undefined && hasId(c.model)))) continue;
        const message =
          models.length === 0
            ? `upserted event '${e.model.name}' carries no payload model; add ${entity}: ${entity}`
            : `upserted event '${e.model.name}' payload model '${(models[0]!.model as Model).name}' has no id field; add id: string`;
        report(modelPath(e.model), message, e.model);
      }
    },
  },
];
