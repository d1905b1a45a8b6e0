import type { JsonObject, JsonValue } from '../ir.js';

/** A JSON object read from an untrusted document: every value is checked before use. */
export type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const asString = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;
export const asNumber = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
export const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** Whether `value` is an object with at least one own key (without allocating a key list). */
export function hasKeys(value: unknown): boolean {
  if (!isObject(value)) return false;
  for (const key in value) if (Object.hasOwn(value, key)) return true;
  return false;
}

/** Own entries of an object in document order; `{}` for anything else. */
export function entries(value: unknown): [string, unknown][] {
  return isObject(value) ? Object.entries(value) : [];
}

/** A JSON value as the IR keeps defaults and examples: strings as they are, others as JSON text. */
export function wireText(value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** A JSON-safe copy (drops `undefined`, functions and the like) for attribute values. */
export function jsonCopy(value: unknown): JsonValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

export function asJsonObject(value: unknown): JsonObject | undefined {
  return isObject(value) ? (jsonCopy(value) as JsonObject) : undefined;
}

/**
 * An empty object for keys that come from a spec: without a prototype, so a key such as
 * `__proto__` is an ordinary own property instead of replacing the prototype.
 */
export function dict<T = unknown>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

/** Sets `target[key]` only when `value` is defined (optional IR properties are absent, never undefined). */
export function setIf<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

/** Keys whose values are data (examples, defaults, enum values), never searched for `$ref`s. */
export const DATA_KEYS: ReadonlySet<string> = new Set([
  'example',
  'examples',
  'x-example',
  'x-examples',
  'default',
  'enum',
  'const',
]);
