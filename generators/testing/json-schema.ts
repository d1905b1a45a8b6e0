import type { Field, Service, TypeRef } from '../../core/ir.js';
import { qualifiedName } from '../../core/type-ref.js';

type Schema = { [key: string]: unknown };

/**
 * JSON Schemas for a service's types (tests only): the constraints generated data must satisfy —
 * required fields, enum values, minimum/maximum (numbers) and length (strings), formats, and
 * unions in their wire shape. Definitions are keyed by qualified name.
 */
export function serviceSchemas(
  service: Service,
  imports: readonly Service[],
): { definitions: Schema; ref(type: TypeRef): Schema } {
  const definitions: Schema = {};
  const ref = (type: TypeRef, field?: Pick<Field, 'minimum' | 'maximum'>): Schema => {
    switch (type.kind) {
      case 'list':
        return { type: 'array', items: ref(type.of) };
      case 'map':
        return { type: 'object', additionalProperties: ref(type.of) };
      case 'unknown':
        return {};
      case 'primitive': {
        const numeric = (t: string): Schema => ({
          type: t,
          ...(field?.minimum !== undefined ? { minimum: field.minimum } : {}),
          ...(field?.maximum !== undefined ? { maximum: field.maximum } : {}),
        });
        switch (type.name) {
          case 'boolean':
            return { type: 'boolean' };
          case 'integer':
          case 'long':
            return numeric('integer');
          case 'double':
          case 'decimal':
            return numeric('number');
          case 'string':
            return {
              type: 'string',
              ...(field?.minimum !== undefined ? { minLength: field.minimum } : {}),
              ...(field?.maximum !== undefined ? { maxLength: field.maximum } : {}),
            };
          case 'uuid':
            return { type: 'string', format: 'uuid' };
          case 'date-iso8601':
            return { type: 'string', format: 'date' };
          case 'date-time-iso8601':
            return { type: 'string', format: 'date-time' };
          case 'object':
            return { type: 'object' };
          default:
            return {};
        }
      }
      default:
        return { $ref: `#/definitions/${qualifiedName(type)}` };
    }
  };
  for (const source of [service, ...imports]) {
    const name = (kind: 'model' | 'enum' | 'union' | 'interface', n: string) =>
      qualifiedName({ kind, name: n, namespace: source.namespace });
    for (const e of source.enums) definitions[name('enum', e.name)] = { enum: e.values.map((v) => v.value) };
    for (const [kind, list] of [
      ['model', source.models],
      ['interface', source.interfaces],
    ] as const) {
      for (const m of list) {
        definitions[name(kind, m.name)] = {
          type: 'object',
          required: m.fields.filter((f) => f.required).map((f) => f.name),
          properties: Object.fromEntries(m.fields.map((f) => [f.name, ref(f.type, f)])),
        };
      }
    }
    for (const u of source.unions) {
      definitions[name('union', u.name)] = {
        anyOf: u.types.map((member) => {
          const isObject = member.type.kind === 'model' || member.type.kind === 'union';
          if (u.discriminator !== undefined) {
            const tag = {
              properties: { [u.discriminator]: { const: member.discriminatorValue } },
              required: [u.discriminator],
            };
            return isObject
              ? { allOf: [tag, ref(member.type)] }
              : { allOf: [tag, { properties: { value: ref(member.type) }, required: ['value'] }] };
          }
          const inner = isObject
            ? ref(member.type)
            : { type: 'object', properties: { value: ref(member.type) }, required: ['value'] };
          return {
            type: 'object',
            properties: { [member.discriminatorValue]: inner },
            required: [member.discriminatorValue],
          };
        }),
      };
    }
  }
  return { definitions, ref: (type) => ref(type) };
}
