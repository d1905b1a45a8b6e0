import { samplePattern } from '../../runtime/mock-client.js';
import type { DocumentSchemas } from './document-schemas.js';
import type { Json, JsonObject } from './openapi-operations.js';

/**
 * Deterministic values for a document's schemas (after `DocumentSchemas` conversion), for the
 * requests and responses of the wire conformance suite. Nested levels are kept small (optional
 * properties only near the top, one item per list) so a response of Stripe stays readable, and
 * the choices rotate (which union member, null or a value) so that both sides of each construct
 * cross the wire. Every value is checked against its schema by the suite, not trusted.
 */
export interface SampleOptions {
  /** `request` leaves out `readOnly` properties, `response` leaves out `writeOnly` ones. */
  direction: 'request' | 'response';
  /** Where the choices start: different operations start at different places. */
  seed: number;
}

const MAX_DEPTH = 7;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function sample(schemas: DocumentSchemas, schema: Json, options: SampleOptions): Json | undefined {
  const state = { turn: options.seed, direction: options.direction };
  return new Sampler(schemas, state).value(schema, 0);
}

class Sampler {
  constructor(
    private readonly schemas: DocumentSchemas,
    private readonly state: { turn: number; direction: 'request' | 'response' },
  ) {}

  private next(n: number): number {
    this.state.turn = (this.state.turn * 1103515245 + 12345) % 2147483648;
    return this.state.turn % n;
  }

  /** `rich`: this level's optional properties too (what tells `oneOf` members apart). */
  value(raw: Json, depth: number, rich = false): Json | undefined {
    const schema = this.schemas.resolve(raw);
    if (!isObject(schema)) return 'x';
    if (schema.const !== undefined) return schema.const;
    if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
    const members = Array.isArray(schema.anyOf)
      ? schema.anyOf
      : Array.isArray(schema.oneOf)
        ? schema.oneOf
        : undefined;
    if (members && isObject(schema.properties)) return this.constrained(schema, members, depth);
    if (members) return this.member(schema, members, depth);
    if (Array.isArray(schema.allOf)) return this.object(this.merged(schema), depth, rich);
    const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
    switch (type) {
      case 'string':
        return this.text(schema);
      case 'integer':
        return this.number(schema, true);
      case 'number':
        return this.number(schema, false);
      case 'boolean':
        return true;
      case 'array':
        return this.list(schema, depth);
      case 'object':
        return this.object(schema, depth, rich);
      default:
        if (schema.properties || schema.additionalProperties) return this.object(schema, depth, rich);
        if (schema.items) return this.list(schema, depth);
        return 'x';
    }
  }

  /** One member of a union, or null: simple members deep down, rotating ones near the top. */
  private member(schema: JsonObject, members: Json[], depth: number): Json | undefined {
    const others = members.filter((m) => !(isObject(m) && m.type === 'null'));
    const nullable = others.length < members.length;
    // Never null at the top: a null parameter is not sent at all.
    if (nullable && depth >= 1 && (depth >= 2 || this.next(2) === 0)) return null;
    if (others.length === 0) return null;
    const order = others.map((_, i) => i);
    if (depth >= 2) order.sort((a, b) => this.weight(others[a] as Json) - this.weight(others[b] as Json));
    else {
      const start = this.next(others.length);
      order.push(...order.splice(0, start));
    }
    for (const rich of [false, true]) {
      for (const i of order) {
        const candidate = this.value(others[i] as Json, depth, rich);
        if (candidate !== undefined && this.schemas.check(schema, candidate) === undefined) return candidate;
      }
    }
    return this.value(others[order[0] ?? 0] as Json, depth);
  }

  /** Properties next to `anyOf`/`oneOf` of `required` lists (GitHub): the object with one member's. */
  private constrained(schema: JsonObject, members: Json[], depth: number): Json {
    const { anyOf: _anyOf, oneOf: _oneOf, ...base } = schema;
    let first: Json | undefined;
    for (const raw of members) {
      const member = this.schemas.resolve(raw);
      if (!isObject(member)) continue;
      const required = [
        ...(Array.isArray(base.required) ? base.required : []),
        ...(Array.isArray(member.required) ? member.required : []),
      ];
      const properties = {
        ...(base.properties as JsonObject),
        ...(isObject(member.properties) ? member.properties : {}),
      };
      const candidate = this.object({ ...base, properties, required }, depth, false);
      first ??= candidate;
      if (this.schemas.check(schema, candidate) === undefined) return candidate;
    }
    return first ?? this.object(base, depth, false);
  }

  /** How much a member costs to write out: scalars before lists before objects. */
  private weight(raw: Json): number {
    const schema = this.schemas.resolve(raw);
    if (!isObject(schema)) return 0;
    if (schema.type === 'object' || schema.properties || schema.allOf) return 2;
    if (schema.type === 'array') return 1;
    return 0;
  }

  private merged(schema: JsonObject): JsonObject {
    const properties: JsonObject = {};
    const required: Json[] = [];
    const visit = (raw: Json) => {
      const part = this.schemas.resolve(raw);
      if (!isObject(part)) return;
      if (Array.isArray(part.allOf)) for (const p of part.allOf) visit(p);
      if (isObject(part.properties)) Object.assign(properties, part.properties);
      if (Array.isArray(part.required)) required.push(...part.required);
    };
    visit(schema);
    return { type: 'object', properties, required };
  }

  private object(schema: JsonObject, depth: number, rich: boolean): Json {
    const out: JsonObject = {};
    const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
    const properties = isObject(schema.properties) ? schema.properties : {};
    for (const [name, raw] of Object.entries(properties)) {
      const property = this.schemas.resolve(raw);
      const skip =
        isObject(property) &&
        ((this.state.direction === 'request' && property.readOnly === true) ||
          (this.state.direction === 'response' && property.writeOnly === true));
      if (skip) continue;
      if (!required.has(name) && !rich && (depth > 0 || this.weight(raw) > 0 || depth >= MAX_DEPTH)) continue;
      const value = this.value(raw, depth + 1);
      if (value !== undefined) out[name] = value;
    }
    // An empty object does not cross a form or deepObject query at all: give it one value.
    const first =
      Object.entries(properties).find(([, raw]) => this.weight(raw) === 0) ?? Object.entries(properties)[0];
    if (Object.keys(out).length === 0 && first && depth < MAX_DEPTH) {
      const value = this.value(first[1], depth + 1);
      if (value !== undefined && value !== null) out[first[0]] = value;
    }
    const extra = schema.additionalProperties;
    if (Object.keys(properties).length === 0 && isObject(extra) && depth < 2) {
      const value = this.value(extra, depth + 1);
      if (value !== undefined) out.key = value;
    }
    return out;
  }

  private list(schema: JsonObject, depth: number): Json {
    const least = typeof schema.minItems === 'number' ? schema.minItems : 0;
    // Two items at the top, so that separators and repeated keys show on the wire.
    const count = Math.max(least, depth === 0 ? 2 : depth < 3 ? 1 : 0);
    const items = schema.items === undefined || Array.isArray(schema.items) ? {} : schema.items;
    const out: Json[] = [];
    for (let i = 0; i < count; i++) {
      const value = this.value(items, depth + 1);
      if (value !== undefined)
        out.push(
          i === 0 || schema.uniqueItems !== true
            ? value
            : typeof value === 'number'
              ? value + i
              : typeof value === 'string'
                ? `${value}${i}`
                : value,
        );
    }
    return out;
  }

  private text(schema: JsonObject): string {
    const formats: { [format: string]: string } = {
      'date-time': '2024-01-02T03:04:05Z',
      date: '2024-01-02',
      time: '03:04:05Z',
      uuid: '3f0c5e4e-9c1b-4d8a-8a8e-2b7f6f1d2c3a',
      email: 'ada@example.com',
      uri: 'https://example.com/a',
      url: 'https://example.com/a',
      'uri-reference': '/a',
      hostname: 'example.com',
      ipv4: '192.0.2.1',
      ipv6: '2001:db8::1',
      byte: 'YWRh',
    };
    let text = (typeof schema.format === 'string' ? formats[schema.format] : undefined) ?? 'ada';
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(text)) {
      let n = 0;
      text = samplePattern(schema.pattern, (k) => (n++ * 7) % k) ?? text;
    }
    const least = typeof schema.minLength === 'number' ? schema.minLength : 0;
    const most = typeof schema.maxLength === 'number' ? schema.maxLength : Number.POSITIVE_INFINITY;
    if (text.length < least) text = text.padEnd(least, 'a');
    if (text.length > most) text = text.slice(0, most);
    return text;
  }

  private number(schema: JsonObject, integer: boolean): number {
    const low =
      typeof schema.minimum === 'number'
        ? schema.minimum
        : typeof schema.exclusiveMinimum === 'number'
          ? schema.exclusiveMinimum + 1
          : undefined;
    const high =
      typeof schema.maximum === 'number'
        ? schema.maximum
        : typeof schema.exclusiveMaximum === 'number'
          ? schema.exclusiveMaximum - 1
          : undefined;
    let value = low ?? (high !== undefined ? Math.min(high, 1) : integer ? 1 : 1.5);
    if (typeof schema.multipleOf === 'number')
      value = Math.ceil(value / schema.multipleOf) * schema.multipleOf;
    return integer ? Math.ceil(value) : value;
  }
}
