import { pointer } from '../diagnostic.js';
import type { Attribute, Deprecation, JsonObject, JsonValue } from '../ir.js';

/**
 * Defensive readers over untrusted JSON. Parsers never throw on a wrong shape: structure
 * validation reports it, and the parser reads what it can.
 *
 * The readers also count the values they meet that API Builder's formats do not allow where they
 * are read (a number for a description, a missing name, a list that is not a list): see
 * `strayCount`.
 */
export type Json = Record<string, unknown>;

let strays = 0;

/**
 * A running count of the unusable values the readers have met. A parse compares it before and
 * after; only "changed or not" means anything (a value read twice is counted twice). Unchanged,
 * every value the parse read has the type the service.json schema gives it, so the schema check
 * has nothing to report and can be skipped (core/load.ts). Counting where the schema would not
 * complain only costs that check.
 */
export function strayCount(): number {
  return strays;
}

/** Counts one value the format does not allow; returns nothing, as readers do for such values. */
export function stray(): undefined {
  strays++;
  return undefined;
}

/** Whether `value` is absent: a missing key or `null`, which service.json writes for "not set". */
export const absent = (value: unknown): value is null | undefined => value === undefined || value === null;

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

const EMPTY_OBJECT: Json = Object.freeze({});

/** `value` when it is an object, else a shared frozen empty object (read it, never write it). */
export function asObject(value: unknown): Json {
  if (isObject(value)) return value;
  if (!absent(value)) stray();
  return EMPTY_OBJECT;
}

/** `value` when it is an array, else the shared empty list (read it, never write it). */
export function asArray(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (!absent(value)) stray();
  return NONE;
}

/**
 * The shared empty list (NONE, typed for an IR field), for a list value that is empty or not
 * there; anything else that is not a list counts as a stray.
 */
export function noItems<T>(value: unknown): T[] {
  if (!Array.isArray(value) && !absent(value)) stray();
  return NONE as never[];
}

/** `read` applied to each item of `value` (an array or nothing), with its index; NONE when there are none. */
export function readList<T>(value: unknown, read: (item: Json, index: number) => T): T[] {
  if (!Array.isArray(value) || value.length === 0) return noItems(value);
  const out = new Array<T>(value.length);
  for (let i = 0; i < value.length; i++) out[i] = read(objectItem(value[i]), i);
  return out;
}

/** An item of a list of objects; anything else, `null` included, counts as a stray. */
function objectItem(item: unknown): Json {
  if (isObject(item)) return item;
  stray();
  return EMPTY_OBJECT;
}

/** The strings in `value` (an array or nothing); NONE when there are none. */
export function stringList(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) return noItems(value);
  for (const item of value) if (typeof item !== 'string') return value.filter(isStringOrStray);
  return value.slice();
}

function isStringOrStray(value: unknown): value is string {
  if (typeof value === 'string') return true;
  stray();
  return false;
}

/** A string, or undefined when the value is absent or (counted as a stray) not a string. */
export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return absent(value) ? undefined : stray();
}

/** A string that must be there: undefined, counted as a stray, when it is missing or not a string. */
export function requiredString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : stray();
}

/**
 * The name of a field or enum value: a string with something besides white space in it (the
 * schemas' `elementName`); a blank name is returned as it is but counted as a stray.
 */
export function elementName(value: unknown): string | undefined {
  if (typeof value !== 'string') return stray();
  // Most names start with a printable ASCII character, which settles it without the regex.
  const first = value.charCodeAt(0);
  if (!(first > 32 && first < 127) && !/\S/.test(value)) stray();
  return value;
}

/** The `key` of an `{ "key": "…" }` reference (organization, application), which must be there. */
export function readKey(value: unknown): string | undefined {
  return isObject(value) ? requiredString(value.key) : stray();
}

export function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (absent(value)) return undefined;
  stray();
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return undefined;
}

/**
 * A boolean; API Builder also reads the strings `"true"` and `"false"` (real specs use them, though
 * service.json's schema does not allow them, so they count as strays).
 */
export function asBoolean(value: unknown, fallback: boolean): boolean {
  if (typeof value === 'boolean') return value;
  if (absent(value)) return fallback;
  stray();
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
  if (absent(value)) return undefined;
  if (typeof value === 'string') return value;
  stray();
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

export function readDeprecation(value: unknown): Deprecation | undefined {
  if (!isObject(value)) return absent(value) ? undefined : stray();
  const description = asString(value.description);
  return description === undefined ? {} : { description };
}

export function readAttributes(value: unknown): Attribute[] {
  if (!Array.isArray(value) || value.length === 0) return noItems(value);
  const out: Attribute[] = [];
  for (const item of value) {
    if (!isObject(item)) {
      stray();
      continue;
    }
    const name = requiredString(item.name);
    if (name === undefined) continue;
    if (!isObject(item.value) && !absent(item.value)) stray();
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
