import { pointer } from '../diagnostic.js';
import type { Attribute, Deprecation, JsonObject, JsonValue } from '../ir.js';

/**
 * Defensive readers over untrusted JSON. Parsers never throw on a wrong shape: structure
 * validation reports it, and the parser reads what it can.
 */
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The one empty list that parsed IR elements share. A large spec has tens of thousands of empty
 * `attributes`, `annotations` and `headers` lists, and a fresh array for each was a tenth of the
 * IR's memory. Frozen, so code that mutates parsed IR lists fails loudly instead of writing into
 * every element at once: copy a list before changing it.
 */
const NONE: readonly never[] = Object.freeze([]);

/** The shared empty list, typed for an IR field (see NONE). */
export function none<T>(): T[] {
  return NONE as never[];
}

const EMPTY_OBJECT: Json = Object.freeze({});

/** `value` when it is an object, else a shared frozen empty object (read it, never write it). */
export const asObject = (value: unknown): Json => (isObject(value) ? value : EMPTY_OBJECT);
/** `value` when it is an array, else the shared empty list (read it, never write it). */
export const asArray = (value: unknown): readonly unknown[] => (Array.isArray(value) ? value : NONE);

/** `read` applied to each item of `value` (an array or nothing), with its index; NONE when there are none. */
export function readList<T>(value: unknown, read: (item: Json, index: number) => T): T[] {
  if (!Array.isArray(value) || value.length === 0) return none();
  const out = new Array<T>(value.length);
  for (let i = 0; i < value.length; i++) out[i] = read(asObject(value[i]), i);
  return out;
}

/** The strings in `value` (an array or nothing); NONE when there are none. */
export function stringList(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) return none();
  return value.filter((v): v is string => typeof v === 'string');
}
export const asString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

/** A boolean; API Builder also reads the strings `"true"` and `"false"` (real specs use them). */
export function asBoolean(value: unknown, fallback: boolean): boolean {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return fallback;
}

/** Entries of an object keyed by name (api.json's `models`, `enums`, …), in document order. */
export function namedEntries(value: unknown): [string, Json][] {
  if (!isObject(value)) return [];
  return Object.entries(value).map(([name, v]) => [name, asObject(v)]);
}

/**
 * A short, safe rendering of an untrusted value for a message: compact JSON cut at 60 characters,
 * or its kind when it cannot be serialized (nested too deeply).
 */
export function preview(value: unknown): string {
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
  } catch {
    return Array.isArray(value) ? 'a deeply nested array' : 'a deeply nested object';
  }
}

/** A default value in wire text form: strings as they are, anything else as compact JSON. */
export function defaultText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

export function readDeprecation(value: unknown): Deprecation | undefined {
  if (!isObject(value)) return undefined;
  const description = asString(value.description);
  return description === undefined ? {} : { description };
}

export function readAttributes(value: unknown): Attribute[] {
  if (!Array.isArray(value) || value.length === 0) return none();
  const out: Attribute[] = [];
  for (const item of value) {
    if (!isObject(item)) continue;
    const name = asString(item.name);
    if (name === undefined) continue;
    const attribute: Attribute = { name, value: isObject(item.value) ? (item.value as JsonObject) : {} };
    setOptional(attribute, 'description', asString(item.description));
    setOptional(attribute, 'deprecation', readDeprecation(item.deprecation));
    out.push(attribute);
  }
  return out;
}

/** Sets `target[key]` only when `value` is defined (the IR never holds `undefined`). */
export function setOptional<T extends object, K extends keyof T>(
  target: T,
  key: K,
  value: T[K] | undefined,
): void {
  if (value !== undefined) target[key] = value;
}

/** Copies the optional `description` and `deprecation` of a source element. */
export function describe<T extends { description?: string; deprecation?: Deprecation }>(
  target: T,
  source: Json,
): T {
  setOptional(target, 'description', asString(source.description) as T['description']);
  setOptional(target, 'deprecation', readDeprecation(source.deprecation) as T['deprecation']);
  return target;
}

export type { JsonValue };
export { pointer };
