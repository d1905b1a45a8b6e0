/*
 * Canon's runtime for generated code, shared by the generated modules of this directory.
 * Do not edit: `canon generate` writes it again.
 */
/**
 * The runtime of Canon's generated mock clients: a seeded generator of schema-true data, call
 * recording, overrides and the store mode. A generated `MockClient` hands it its escaped data
 * tables (models, enums, unions) and one descriptor per operation; nothing from a spec is code here.
 */
import { ResponseError, UnexpectedStatusError } from './client.js';

/**
 * A field: wire name, type (API Builder syntax), required, minimum, maximum (a number's value, a
 * string's length, a list's item count), and its other rules when it has any.
 */
export type FieldSpec =
  | readonly [string, string, boolean, number | null, number | null]
  | readonly [string, string, boolean, number | null, number | null, FieldRules];

/** What a field allows besides its type and bounds (only the rules it has are present). */
export interface FieldRules {
  /** The value may be null (sometimes generated as null). */
  nullable?: boolean;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  pattern?: string;
  format?: string;
  uniqueItems?: boolean;
  /** The one value allowed; the key is absent when there is none. */
  const?: unknown;
  /** A list's items or a map's values: their rules and bounds. */
  items?: ItemRules;
}

/** The rules of each item of a list or value of a map, with the item's bounds. */
export interface ItemRules extends Omit<FieldRules, 'items' | 'nullable'> {
  minimum?: number;
  maximum?: number;
}

const NO_RULES: FieldRules = {};
/**
 * A union: discriminator (or null when members are wrapped) and its members as [tag, type];
 * `true` third when the members are bare on the wire (untagged: no discriminator, no wrapper).
 */
export type UnionSpec =
  | readonly [string | null, readonly (readonly [string, string])[]]
  | readonly [null, readonly (readonly [string, string])[], true];

/** What a store-mode operation does with the resource's records. */
export type StoreRole = 'create' | 'read' | 'list' | 'update' | 'delete' | null;

export interface MockOperation {
  name: string;
  /** Success responses as [status, type]; the first one answers. */
  success: readonly (readonly [number, string])[];
  /** Declared error statuses. */
  errors: readonly number[];
  store: StoreRole;
  /** The path parameter that identifies a record in store mode. */
  key: string | null;
  /** The resource's store (its plural). */
  resource: string;
  hasBody: boolean;
  hasParams: boolean;
}

/** One recorded call: which method, with which arguments. */
export interface RecordedCall {
  resource: string;
  method: string;
  args: readonly unknown[];
}

/** Settings for the mock client. */
export interface MockClientOptions {
  /** Seed for the generated data (default 1): the same seed and calls give the same answers. */
  seed?: number;
  /** Store mode: a create is returned by later reads, changed by updates, removed by deletes. */
  store?: boolean;
}

const MAX_DEPTH = 6;

function hash(text: string, seed: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function define(target: { [key: string]: unknown }, key: string, value: unknown): void {
  globalThis.Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function isRecord(value: unknown): value is { [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
const HEX = '0123456789abcdef';

class DataGenerator {
  constructor(
    private readonly models: ReadonlyMap<string, readonly FieldSpec[]>,
    private readonly enums: ReadonlyMap<string, readonly string[]>,
    private readonly unions: ReadonlyMap<string, UnionSpec>,
    private readonly next: () => number,
  ) {}

  private int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  private text(min: number | null, max: number | null): string {
    const low = Math.max(min ?? 1, 0);
    const high = Math.max(low, Math.min(max ?? low + 11, low + 11));
    let out = '';
    for (let i = this.int(low, high); i > 0; i--) out += LETTERS.charAt(this.int(0, 25));
    return out;
  }

  private uuid(): string {
    let out = '';
    for (let i = 0; i < 32; i++) out += HEX.charAt(this.int(0, 15));
    const variant = HEX.charAt(8 + this.int(0, 3));
    return (
      out.slice(0, 8) +
      '-' +
      out.slice(8, 12) +
      '-4' +
      out.slice(13, 16) +
      '-' +
      variant +
      out.slice(17, 20) +
      '-' +
      out.slice(20)
    );
  }

  private date(): string {
    const day = new Date(Date.UTC(2020, 0, 1) + this.int(0, 2000) * 86400000);
    return day.toISOString().slice(0, 10);
  }

  value(
    type: string,
    depth: number,
    min: number | null = null,
    max: number | null = null,
    rules: FieldRules = NO_RULES,
  ): unknown {
    if (globalThis.Object.hasOwn(rules, 'const')) return rules.const;
    if (type.startsWith('[')) return this.list(type.slice(1, -1), depth, min, max, rules);
    if (type.startsWith('map[') || type === 'map') {
      const out: { [key: string]: unknown } = {};
      if (depth < MAX_DEPTH)
        define(
          out,
          `key${String(this.int(1, 9))}`,
          this.item(type === 'map' ? 'string' : type.slice(4, -1), depth + 1, rules.items),
        );
      return out;
    }
    switch (type) {
      case 'boolean':
        return this.next() < 0.5;
      case 'integer':
      case 'long':
        return this.number(min, max, rules, 1);
      case 'double':
      case 'decimal':
        return this.number(min, max, rules, 0.01);
      case 'string':
        return this.string(min, max, rules);
      case 'uuid':
        return this.uuid();
      case 'date-iso8601':
        return this.date();
      case 'date-time-iso8601':
        return `${this.date()}T${String(this.int(10, 23))}:${String(this.int(10, 59))}:00Z`;
      case 'object':
      case 'json':
        return {};
      case 'unit':
        return undefined;
    }
    const values = this.enums.get(type);
    if (values) return values.length === 0 ? '' : values[this.int(0, values.length - 1)];
    const fields = this.models.get(type);
    if (fields) return this.model(fields, depth);
    const union = this.unions.get(type);
    if (union && union[1].length > 0) return this.union(union, depth);
    return {};
  }

  /** One item of a list or value of a map, within its rules when the spec gives any. */
  private item(type: string, depth: number, rules: ItemRules | undefined): unknown {
    if (rules === undefined) return this.value(type, depth);
    return this.value(type, depth, rules.minimum ?? null, rules.maximum ?? null, rules);
  }

  private list(
    item: string,
    depth: number,
    min: number | null,
    max: number | null,
    rules: FieldRules,
  ): unknown[] {
    const low = Math.max(min ?? 1, 0);
    const high = Math.max(low, Math.min(max ?? low + 1, low + 1));
    const length = depth >= MAX_DEPTH ? Math.min(low, 1) : this.int(low, high);
    const items: unknown[] = [];
    const seen = new Set<string>();
    // Unique items: draw again on a repeat, a bounded number of times (an enum may run out).
    for (let tries = 0; items.length < length && tries < length * 8; tries++) {
      const value = this.item(item, depth + 1, rules.items);
      const key = JSON.stringify(value) ?? '';
      if (rules.uniqueItems && seen.has(key)) continue;
      seen.add(key);
      items.push(value);
    }
    return items;
  }

  /** A number within the bounds, exclusive bounds and multipleOf, on a grid of `step`. */
  private number(min: number | null, max: number | null, rules: FieldRules, step: number): number {
    let low = min ?? -Infinity;
    let high = max ?? Infinity;
    if (rules.exclusiveMinimum !== undefined) low = Math.max(low, rules.exclusiveMinimum + step);
    if (rules.exclusiveMaximum !== undefined) high = Math.min(high, rules.exclusiveMaximum - step);
    if (!Number.isFinite(low)) low = Number.isFinite(high) ? high - 1000 : 0;
    if (!Number.isFinite(high)) high = low + 1000;
    const unit = rules.multipleOf ?? step;
    const first = Math.ceil(low / unit - 1e-9);
    const last = Math.floor(high / unit + 1e-9);
    const k = last >= first ? this.int(first, last) : first;
    // Rounded so that 0.1 * 3 prints as 0.3, as a human would write it.
    return Number((k * unit).toPrecision(12));
  }

  private string(min: number | null, max: number | null, rules: FieldRules): string {
    const formatted = rules.format === undefined ? undefined : this.formatted(rules.format);
    if (formatted !== undefined) return formatted;
    if (rules.pattern !== undefined) {
      const sampled = samplePattern(rules.pattern, (n) => this.int(0, n - 1));
      if (sampled !== undefined) return fitLength(sampled, min, max, rules.pattern);
    }
    return this.text(min, max);
  }

  private formatted(format: string): string | undefined {
    const word = this.text(3, 8);
    switch (format) {
      case 'email':
        return `${word}@example.com`;
      case 'uri':
      case 'url':
      case 'uri-reference':
        return `https://example.com/${word}`;
      case 'hostname':
        return `${word}.example.com`;
      case 'ipv4':
        return `192.0.2.${String(this.int(1, 254))}`;
      case 'ipv6':
        return `2001:db8::${String(this.int(1, 9999))}`;
      case 'byte':
        // Letters only, a multiple of four long: valid base64.
        return this.text(8, 8);
      case 'time':
        return `${String(this.int(10, 23))}:${String(this.int(10, 59))}:00Z`;
      default:
        return undefined;
    }
  }

  model(fields: readonly FieldSpec[], depth: number): { [key: string]: unknown } {
    const out: { [key: string]: unknown } = {};
    if (depth > MAX_DEPTH * 2) return out;
    for (const [name, type, required, min, max, rules = NO_RULES] of fields) {
      if (!required && (depth >= 2 || this.next() < 0.3)) continue;
      // Null is a value consumers must handle: a nullable field is sometimes null, and deep
      // down always (a whole value where required fields would otherwise be cut off).
      if (rules.nullable && (depth >= MAX_DEPTH || this.next() < 0.2)) define(out, name, null);
      else define(out, name, this.value(type, depth + 1, min, max, rules));
    }
    return out;
  }

  private union([discriminator, members, untagged]: UnionSpec, depth: number): unknown {
    // Deep down, a bare scalar member (Stripe's expandable id) ends the nesting with a whole value.
    const scalars = members.filter(([, t]) => !this.models.has(t) && !this.unions.has(t));
    const choices = untagged && depth >= MAX_DEPTH && scalars.length > 0 ? scalars : members;
    const [tag, type] = choices[this.int(0, choices.length - 1)]!;
    const isObject = this.models.has(type) || this.unions.has(type);
    const inner = this.value(type, depth + 1);
    if (untagged) return inner;
    const out: { [key: string]: unknown } = {};
    if (discriminator !== null) {
      define(out, discriminator, tag);
      if (isObject && isRecord(inner)) {
        for (const [key, value] of globalThis.Object.entries(inner))
          if (key !== discriminator) define(out, key, value);
      } else define(out, 'value', inner);
      return out;
    }
    const wrapped: { [key: string]: unknown } = {};
    if (isObject) define(out, tag, inner);
    else {
      define(wrapped, 'value', inner);
      define(out, tag, wrapped);
    }
    return out;
  }
}

/**
 * A pattern's sample within the length bounds (GitHub's 40-character `commit_sha`, `^[0-9a-f]+$`):
 * repeated or cut to fit when the pattern still matches, else the sample as it was.
 */
function fitLength(sample: string, min: number | null, max: number | null, pattern: string): string {
  if (sample === '' || ((min === null || sample.length >= min) && (max === null || sample.length <= max)))
    return sample;
  const fitted = sample.repeat(Math.ceil((min ?? 0) / sample.length) || 1).slice(0, max ?? undefined);
  return new RegExp(pattern, 'u').test(fitted) ? fitted : sample;
}

/**
 * A string that matches a regular expression of the common subset (literals, escapes, classes,
 * groups with alternation, `?`, `*`, `+`, `{n,m}`, anchors), or undefined when the pattern uses
 * anything else (then the caller falls back to plain text). `pick(n)` returns 0…n-1.
 */
export function samplePattern(pattern: string, pick: (n: number) => number): string | undefined {
  let at = 0;
  const fail = (): never => {
    throw new RangeError('unsupported pattern');
  };
  const CLASSES: { readonly [key: string]: string } = {
    d: '0123456789',
    w: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_',
    s: ' ',
  };
  const charClass = (): string => {
    at++; // [
    if (pattern[at] === '^') fail();
    let chars = '';
    while (at < pattern.length && pattern[at] !== ']') {
      let c = pattern[at++]!;
      if (c === '\\') {
        const e = pattern[at++] ?? fail();
        const cls = CLASSES[e];
        if (cls !== undefined) {
          chars += cls;
          continue;
        }
        c = e;
      }
      if (pattern[at] === '-' && pattern[at + 1] !== ']' && at + 1 < pattern.length) {
        const end = pattern[at + 1]!;
        at += 2;
        for (let code = c.charCodeAt(0); code <= end.charCodeAt(0); code++)
          chars += String.fromCharCode(code);
      } else chars += c;
    }
    if (pattern[at] !== ']' || chars === '') fail();
    at++;
    return chars;
  };
  // Each atom is a function producing one sample, so quantifiers can repeat it.
  const sequence = (): (() => string)[][] => {
    const branches: (() => string)[][] = [[]];
    while (at < pattern.length && pattern[at] !== ')') {
      const c = pattern[at]!;
      let atom: () => string;
      if (c === '|') {
        at++;
        branches.push([]);
        continue;
      }
      if (c === '^' || c === '$') {
        at++;
        continue;
      }
      if (c === '(') {
        at++;
        if (pattern.startsWith('?:', at)) at += 2;
        else if (pattern[at] === '?') fail();
        const inner = sequence();
        if (pattern[at] !== ')') fail();
        at++;
        atom = () => {
          const branch = inner[pick(inner.length)]!;
          return branch.map((f) => f()).join('');
        };
      } else if (c === '[') {
        const chars = charClass();
        atom = () => chars.charAt(pick(chars.length));
      } else if (c === '\\') {
        const e = pattern[at + 1] ?? fail();
        at += 2;
        const cls = CLASSES[e];
        if (cls === undefined && /[a-zA-Z0-9]/.test(e)) fail();
        atom = cls === undefined ? () => e : () => cls.charAt(pick(cls.length));
      } else if (c === '.') {
        at++;
        atom = () => 'x';
      } else if ('*+?{'.includes(c)) {
        return fail();
      } else {
        at++;
        atom = () => c;
      }
      let low = 1;
      let high = 1;
      const q = pattern[at];
      if (q === '?' || q === '*' || q === '+') {
        at++;
        [low, high] = q === '?' ? [0, 1] : q === '*' ? [0, 3] : [1, 3];
      } else if (q === '{') {
        const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(at)) ?? fail();
        at += m[0].length;
        low = Number(m[1]);
        high = m[2] === undefined ? low : m[3] === '' ? low + 3 : Number(m[3]);
      }
      if (pattern[at] === '?') at++; // lazy quantifiers sample the same way
      const once = atom;
      const count = () => low + pick(high - low + 1);
      branches[branches.length - 1]!.push(() => {
        let out = '';
        for (let n = count(); n > 0; n--) out += once();
        return out;
      });
    }
    return branches;
  };
  try {
    const branches = sequence();
    if (at !== pattern.length) return undefined;
    const branch = branches[pick(branches.length)]!;
    const out = branch.map((f) => f()).join('');
    return new RegExp(pattern, 'u').test(out) ? out : undefined;
  } catch {
    return undefined;
  }
}

type Implementation = (...args: never[]) => Promise<unknown>;

/** The engine behind the generated MockClient: answers, records, overrides, stores. */
export class MockEngine {
  readonly calls: RecordedCall[] = [];
  readonly overrides = new Map<string, Implementation>();
  private readonly stores = new Map<string, Map<string, { [key: string]: unknown }>>();
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly options: MockClientOptions,
    private readonly models: ReadonlyMap<string, readonly FieldSpec[]>,
    private readonly enums: ReadonlyMap<string, readonly string[]>,
    private readonly unions: ReadonlyMap<string, UnionSpec>,
  ) {}

  /** Generated data for a type, deterministic for the seed and a salt. */
  sample(type: string, salt: string): unknown {
    const next = random(hash(salt, this.options.seed ?? 1));
    return new DataGenerator(this.models, this.enums, this.unions, next).value(type, 0);
  }

  reset(): void {
    this.calls.length = 0;
    this.stores.clear();
    this.counts.clear();
  }

  async invoke(op: MockOperation, method: string, args: readonly unknown[]): Promise<unknown> {
    this.calls.push({ resource: op.resource, method, args });
    const override = this.overrides.get(`${op.resource}.${method}`);
    if (override) return (override as (...a: readonly unknown[]) => Promise<unknown>)(...args);
    const body = op.hasBody ? args[0] : undefined;
    const params = (op.hasParams ? args[op.hasBody ? 1 : 0] : undefined) as
      | { [key: string]: unknown }
      | undefined;
    const count = (this.counts.get(op.name) ?? 0) + 1;
    this.counts.set(op.name, count);
    const [status, type] = op.success[0] ?? [200, 'unit'];
    const generated = () => this.sample(type, `${op.name}#${String(count)}`);
    if (!this.options.store || op.store === null) return generated();
    return this.fromStore(op, status, type, body, params, generated);
  }

  private fromStore(
    op: MockOperation,
    status: number,
    type: string,
    body: unknown,
    params: { [key: string]: unknown } | undefined,
    generated: () => unknown,
  ): unknown {
    let store = this.stores.get(op.resource);
    if (!store) {
      store = new Map();
      this.stores.set(op.resource, store);
    }
    const key =
      op.key !== null && params !== undefined && globalThis.Object.hasOwn(params, op.key)
        ? String(params[op.key])
        : null;
    const notFound = () => {
      if (op.errors.includes(404)) throw new ResponseError(op.name, 404, undefined, new Headers());
      throw new UnexpectedStatusError(op.name, 404, undefined, new Headers());
    };
    const merge = (target: { [key: string]: unknown }) => {
      if (isRecord(body))
        for (const [name, value] of globalThis.Object.entries(body))
          if (globalThis.Object.hasOwn(target, name) || this.hasField(type, name))
            define(target, name, value);
      return target;
    };
    switch (op.store) {
      case 'list':
        return [...store.values()].filter((record) => this.matches(record, params));
      case 'read': {
        const record = key === null ? undefined : store.get(key);
        return record ?? notFound();
      }
      case 'delete':
        if (key === null || !store.delete(key)) return notFound();
        return status === 204 || type === 'unit' ? undefined : generated();
      case 'create':
      case 'update': {
        const existing = key === null ? undefined : store.get(key);
        const fresh = existing ?? generated();
        const record = merge(isRecord(fresh) ? fresh : {});
        const id = key ?? this.identity(record);
        if (key !== null && op.key !== null && this.hasField(type, op.key)) define(record, op.key, key);
        if (id !== null) store.set(id, record);
        return record;
      }
    }
    return generated();
  }

  private hasField(type: string, name: string): boolean {
    return (this.models.get(type) ?? []).some((field) => field[0] === name);
  }

  private identity(record: { [key: string]: unknown }): string | null {
    for (const name of ['id', 'guid', 'key', 'number', 'name']) {
      const value = record[name];
      if (globalThis.Object.hasOwn(record, name) && (typeof value === 'string' || typeof value === 'number'))
        return String(value);
    }
    return null;
  }

  private matches(
    record: { [key: string]: unknown },
    params: { [key: string]: unknown } | undefined,
  ): boolean {
    if (params === undefined) return true;
    for (const [name, wanted] of globalThis.Object.entries(params)) {
      if (wanted === undefined || !globalThis.Object.hasOwn(record, name)) continue;
      const actual = record[name];
      if (Array.isArray(wanted) ? !wanted.includes(actual) : wanted !== actual) return false;
    }
    return true;
  }
}
