import { isEventUnionName } from '../diff/direction.js';
import type { Service, Union } from '../ir.js';
import { exportOpenApi } from '../openapi/export.js';

type Json = Record<string, unknown>;

/**
 * One name token of a stream or subject, as the events generator writes them
 * (`generators/events/event-unions.ts`; a CLI test checks the two agree): anything outside
 * `[A-Za-z0-9_-]` becomes `_`.
 */
const token = (text: string) => text.replace(/[^A-Za-z0-9_-]/g, '_') || '_';
const major = (version: string) => Number(/^v?(\d+)/.exec(version)?.[1] ?? 0);

/** The unions that travel as event streams: `*_event`, with a discriminator, every member a model. */
export function streamUnions(service: Service): Union[] {
  return service.unions.filter(
    (u) =>
      isEventUnionName(u.name) &&
      u.discriminator !== undefined &&
      u.types.length > 0 &&
      u.types.every((t) => t.type.kind === 'model'),
  );
}

/**
 * OpenAPI 3.1 schemas as AsyncAPI schemas: an AsyncAPI `discriminator` is the property name
 * alone (OpenAPI's object with a mapping is not one).
 */
function asyncApiSchema(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asyncApiSchema);
  if (value === null || typeof value !== 'object') return value;
  const out: Json = {};
  for (const [key, child] of Object.entries(value)) {
    if (key === 'discriminator' && typeof child === 'object' && child !== null) {
      out.discriminator = (child as { propertyName: string }).propertyName;
    } else
      Object.defineProperty(out, key, {
        value: asyncApiSchema(child),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return out;
}

const pointer = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * Writes a service's event streams as an AsyncAPI 3.0 document: one channel per event union's
 * stream (its address the subject pattern `{org}.{app}.v{major}.{union}.{event_type}`), one
 * message per event model (payload: the model, with the discriminator fixed to its value), and
 * the owning service as the sender (a `send` operation per stream). Schemas are the OpenAPI
 * export's (`core/openapi/export.ts`) under `components/schemas`.
 *
 * @example const doc = exportAsyncApi(service, imports); // { asyncapi: '3.0.0', channels, … }
 */
export function exportAsyncApi(service: Service, imports: Service[]): Json {
  const openapi = exportOpenApi(service, imports) as unknown as { components: { schemas: Json } };
  const schemas = asyncApiSchema(openapi.components.schemas) as Json;
  const channels: Json = {};
  const operations: Json = {};
  const messages: Json = {};
  const prefix = (union: Union) => [
    token(service.organization.key),
    token(service.application.key),
    `v${major(service.version)}`,
    token(union.name),
  ];
  for (const union of streamUnions(service)) {
    const stream = prefix(union).join('_');
    const channelMessages: Json = {};
    for (const member of union.types) {
      const name = `${stream}.${token(member.discriminatorValue)}`;
      const model = member.type.kind === 'model' ? member.type : undefined;
      if (!model) continue;
      const key =
        model.namespace === service.namespace ? model.name : `${model.namespace}.models.${model.name}`;
      messages[name] = {
        name: member.discriminatorValue,
        title: member.discriminatorValue,
        ...(member.description === undefined ? {} : { summary: member.description }),
        contentType: 'application/json',
        payload: {
          allOf: [
            { $ref: `#/components/schemas/${pointer(key)}` },
            {
              type: 'object',
              properties: { [union.discriminator!]: { const: member.discriminatorValue } },
              required: [union.discriminator!],
            },
          ],
        },
      };
      channelMessages[token(member.discriminatorValue)] = { $ref: `#/components/messages/${pointer(name)}` };
    }
    channels[stream] = {
      address: `${prefix(union).join('.')}.{event_type}`,
      title: union.name,
      ...(union.description === undefined ? {} : { description: union.description }),
      messages: channelMessages,
      parameters: {
        event_type: {
          description: 'The event type: the discriminator value, as a subject token.',
          enum: union.types.map((t) => token(t.discriminatorValue)),
        },
      },
    };
    operations[`send_${stream}`] = {
      action: 'send',
      title: `${service.application.key} publishes ${union.name}`,
      channel: { $ref: `#/channels/${pointer(stream)}` },
      messages: Object.keys(channelMessages).map((m) => ({
        $ref: `#/channels/${pointer(stream)}/messages/${pointer(m)}`,
      })),
    };
  }
  const info: Json = { title: service.name, version: service.version };
  if (service.description !== undefined) info.description = service.description;
  return {
    asyncapi: '3.0.0',
    info,
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages, schemas },
  };
}
