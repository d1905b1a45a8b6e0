import type { PrimitiveName, TypeRef } from '../ir.js';
import { display, type ValidationContext } from './context.js';

const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const DOUBLE = /^[+-]?(?:NaN|Infinity|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?)$/;
const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/**
 * Why `value` (a default in its wire text form) is not a valid value of `type`, in API Builder's
 * words, or undefined when it is valid or cannot be judged (unknown or opaque imported types).
 *
 * @example defaultProblem(ctx, { kind: 'primitive', name: 'boolean' }, 'yes')
 * // → 'Value[yes] is not a valid boolean. Must be one of: true, false'
 */
export function defaultProblem(ctx: ValidationContext, type: TypeRef, value: string): string | undefined {
  switch (type.kind) {
    case 'primitive':
      return primitiveProblem(type.name, value);
    case 'list':
    case 'map': {
      const parsed = parseJson(value);
      const shape = type.kind === 'list' ? 'Array' : 'Object';
      if (parsed === undefined) return `default[${display(value)}] is not valid json`;
      const elements =
        type.kind === 'list'
          ? Array.isArray(parsed) && parsed
          : isPlainObject(parsed) && Object.values(parsed as Record<string, unknown>);
      if (elements === false) return `default[${display(value)}] is not a valid JSON ${shape}`;
      for (const element of elements) {
        const problem = defaultProblem(
          ctx,
          type.of,
          typeof element === 'string' ? element : JSON.stringify(element),
        );
        if (problem !== undefined) return problem;
      }
      return undefined;
    }
    case 'enum': {
      const definition = ctx.definitionOf(type);
      if (definition === undefined || !('values' in definition)) return undefined;
      const { values } = definition;
      for (let i = 0; i < values.length; i++) {
        if (values[i]!.name === value || values[i]!.value === value) return undefined;
      }
      const valid = [...new Set(definition.values.map((v) => display(v.value)))].join(', ');
      return `default[${display(value)}] is not a valid value for enum[${display(type.name)}]. Valid values are: ${valid}`;
    }
    case 'model':
    case 'union':
    case 'interface':
      return `default[${display(value)}] is not valid for ${type.kind}[${display(type.name)}]. Default values are not supported for ${type.kind}s`;
    case 'unknown':
      return undefined;
  }
}

function primitiveProblem(name: PrimitiveName, value: string): string | undefined {
  switch (name) {
    case 'string':
      return undefined;
    case 'boolean':
      return value === 'true' || value === 'false'
        ? undefined
        : `${invalid(name, value)}. Must be one of: true, false`;
    case 'integer':
      return inRange(value, INT_MIN, INT_MAX) ? undefined : invalid(name, value);
    case 'long':
      return inRange(value, LONG_MIN, LONG_MAX) ? undefined : invalid(name, value);
    case 'double':
      return DOUBLE.test(value.trim()) ? undefined : invalid(name, value);
    case 'decimal':
      return DECIMAL.test(value) ? undefined : invalid(name, value);
    case 'uuid':
      return UUID.test(value) ? undefined : invalid(name, value);
    case 'date-iso8601':
      return isDate(value) ? undefined : invalid(name, value);
    case 'date-time-iso8601':
      return isDateTime(value) ? undefined : invalid(name, value);
    case 'json':
      return parseJson(value) === undefined
        ? `Value[${display(value)}] is not a valid json value`
        : undefined;
    case 'object':
      return isPlainObject(parseJson(value)) ? undefined : `Value[${display(value)}] is not a valid object`;
    case 'unit':
      return value === ''
        ? undefined
        : `Value[${display(value)}] is not a valid unit type - must be the empty string`;
  }
}

function invalid(name: PrimitiveName, value: string): string {
  return `Value[${display(value)}] is not a valid ${name}`;
}

function inRange(value: string, min: bigint, max: bigint): boolean {
  if (!INTEGER.test(value)) return false;
  // Up to 15 characters the value is exact as a double (and so are the 32-bit bounds): no BigInt.
  if (value.length <= 15) {
    const n = Number(value);
    return n >= Number(min) && n <= Number(max);
  }
  const n = BigInt(value);
  return n >= min && n <= max;
}

function isDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  return validDate(
    Number(match[1]),
    match[2] === undefined ? 1 : Number(match[2]),
    match[3] === undefined ? 1 : Number(match[3]),
  );
}

function isDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  if (!match || !isDate(match[1]!)) return false;
  return number(match[2]) <= 23 && number(match[3]) <= 59 && number(match[4]) <= 59;
}

/** An optional part of a date or time; absent parts count as 0. */
function number(part: string | undefined): number {
  return part === undefined ? 0 : Number(part);
}

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return day <= (month === 2 ? (leap ? 29 : 28) : DAYS_IN_MONTH[month - 1]!);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isPlainObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The number a default stands for when the type is numeric; its length for strings. */
export function measuredDefault(type: TypeRef, value: string): number | undefined {
  if (type.kind !== 'primitive') return undefined;
  if (type.name === 'string') return value.length;
  if (type.name === 'integer' || type.name === 'long' || type.name === 'double' || type.name === 'decimal') {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}
