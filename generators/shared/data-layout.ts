import { fixed, numberLiteral } from './code.js';
import { isIdentifierName } from './identifier.js';
import { type DeferredLayout, INDENT_WIDTH, type Layout } from './layout.js';
import {
  appendLiteral,
  dataLiteral,
  type LiteralObject,
  type LiteralValue,
  stringLiteral,
  stringLiteralLength,
} from './string-literal.js';
import {
  type Argument,
  type ArrayItemKind,
  arrayLayout,
  objectLayout,
  propertyLayout,
  SHORT,
} from './syntax.js';

/** A data literal as a layout, with what the array and call rules need to know about it. */
export interface DataLayout {
  layout: Layout;
  kind: ArrayItemKind;
  /** Entries of an object, items of an array. */
  size: number;
}

/**
 * Plain data (from a spec or a generator) as a literal that breaks like Biome prints it: the
 * escaped equivalent of `dataLiteral`, with objects and arrays as groups (built only for those
 * that break: see `DeferredLayout`).
 *
 * @example printLayout(dataLayout({ a: [1, 2] }).layout, 110) === '{ a: [1, 2] }'
 */
export function dataLayout(value: LiteralValue): DataLayout {
  if (value === null) return { layout: fixed('null'), kind: 'other', size: 0 };
  if (typeof value === 'boolean') return { layout: fixed(value ? 'true' : 'false'), kind: 'other', size: 0 };
  if (typeof value === 'number') return { layout: numberLiteral(value), kind: 'number', size: 0 };
  if (typeof value === 'string') return { layout: stringLiteral(value), kind: 'other', size: 0 };
  const size = sizeOf(value);
  // A table always breaks, so its width on one line is never asked for: it is not measured (the
  // mock client's tables hold a spec's every field).
  if (Array.isArray(value) && isTable(value as readonly LiteralValue[]))
    return { layout: new DataGroup(value, Number.POSITIVE_INFINITY, true), kind: 'array', size };
  const width = measure(value);
  if (Array.isArray(value)) {
    // A short list of plain values stays on one line wherever it is (see SHORT): printed directly.
    if (width <= SHORT && (value as readonly LiteralValue[]).every(isScalar)) {
      const out: string[] = [];
      appendLiteral(value, out);
      return { layout: fixed(out.join('')), kind: 'array', size };
    }
    return { layout: new DataGroup(value, width, measuredBroken), kind: 'array', size };
  }
  if (size === 0) return { layout: fixed('{}'), kind: 'object', size };
  return { layout: new DataGroup(value, width, measuredBroken), kind: 'object', size };
}

/** A data literal as a call argument: a non-empty object or array may hug the parentheses. */
export function dataArgument(value: LiteralValue): Argument {
  const data = dataLayout(value);
  return data.kind === 'object' || data.kind === 'array'
    ? { layout: data.layout, ...(data.size > 0 ? { huggable: data.kind } : {}) }
    : { layout: data.layout };
}

/** A non-empty object, or an array that is not a short list of plain values. */
class DataGroup implements DeferredLayout {
  readonly kind = 'deferred';
  /** Broken, its `[` or `{` ends the line. */
  readonly firstLine = 1;

  constructor(
    private readonly value: readonly LiteralValue[] | LiteralObject,
    readonly width: number,
    readonly broken: boolean,
  ) {}

  appendFlat(out: string[]): void {
    appendLiteral(this.value, out);
  }

  expand(): Layout {
    const value = this.value;
    if (Array.isArray(value)) return arrayLayout((value as readonly LiteralValue[]).map(dataLayout));
    const entries: Layout[] = [];
    for (const key of Object.keys(value)) {
      const entry = (value as LiteralObject)[key];
      if (entry === undefined) continue;
      entries.push(propertyLayout(fixed(printedKey(key)), dataLayout(entry).layout));
    }
    return objectLayout(entries);
  }

  /** Ends after its closing bracket, at the indentation of `level`. */
  printBroken(level: number, width: number, out: string[], newline: Newline): number {
    printBroken({ width, out, newline }, this.value, level);
    return INDENT_WIDTH * level + 1;
  }
}

type Newline = (level: number) => void;

/** Where `printBroken` prints: the printer's line width, output and line breaks. */
interface Target {
  readonly width: number;
  readonly out: string[];
  readonly newline: Newline;
}

/** A property's value that keeps its key's line without measuring (see `propertyLayout`). */
const KEEPS_LINE = /^(-?[0-9][0-9.e+-]*|true|false|null)$/;

/**
 * What `printLayout` prints for the group of an array or object that does not fit, with the same
 * decisions (`arrayLayout`, `objectLayout`, `propertyLayout` in break mode), straight from the
 * data: every part is followed by a comma and a line break, so each decides from its own width.
 */
function printBroken(target: Target, value: readonly LiteralValue[] | LiteralObject, level: number): void {
  const { out, newline } = target;
  const inner = level + 1;
  if (Array.isArray(value)) {
    const items = value as readonly LiteralValue[];
    if (items.length > 1 && items.every((item) => typeof item === 'number')) {
      printNumbers(target, items as readonly number[], level);
      return;
    }
    out.push('[');
    for (const item of items) {
      newline(inner);
      printPart(target, item, inner, INDENT_WIDTH * inner);
      out.push(',');
    }
    newline(level);
    out.push(']');
    return;
  }
  out.push('{');
  for (const key of Object.keys(value)) {
    const entry = (value as LiteralObject)[key];
    if (entry === undefined) continue;
    newline(inner);
    printEntry(target, printedKey(key), entry, inner);
    out.push(',');
  }
  newline(level);
  out.push('}');
}

/** Numbers filling their lines (`fill`): a number moves to the next line only when it does not fit. */
function printNumbers(target: Target, items: readonly number[], level: number): void {
  const { out, newline, width } = target;
  const inner = level + 1;
  out.push('[');
  newline(inner);
  let remaining = width - INDENT_WIDTH * inner;
  for (let i = 0; i < items.length; i++) {
    const text = numberLiteral(items[i]!);
    if (i > 0) {
      // `, ` and the number must fit, else `,` ends the line.
      if (2 + text.length > remaining) {
        out.push(',');
        newline(inner);
        remaining = width - INDENT_WIDTH * inner;
      } else {
        out.push(', ');
        remaining -= 2;
      }
    }
    out.push(text);
    remaining -= text.length;
  }
  out.push(',');
  newline(level);
  out.push(']');
}

/**
 * A value at `column` (its line's indentation `level`), followed by a comma and a line break: on
 * its line when it fits there, else broken.
 */
function printPart(target: Target, value: LiteralValue, level: number, column: number): void {
  if (value === null || typeof value !== 'object' || isTextContainer(value)) appendLiteral(value, target.out);
  else printFitting(target, value, level, column);
}

/**
 * A container that is not plain text, at `column` and followed by a comma: on one line when it
 * fits there and nothing in it must break, else broken at `level`. One walk for the common case:
 * it is printed while it is measured, and dropped again if it turns out too wide.
 */
function printFitting(
  target: Target,
  value: readonly LiteralValue[] | LiteralObject,
  level: number,
  column: number,
): void {
  const mark = target.out.length;
  if (appendFlatWithin(value, target.out, target.width - column - 1) >= 0) return;
  target.out.length = mark;
  printBroken(target, value, level);
}

/**
 * Appends `value` printed on one line and returns its width, when it is at most `limit` wide and
 * nothing in it must break (what `measure` reports); otherwise returns -1, having appended part of
 * it, which the caller drops.
 */
function appendFlatWithin(value: LiteralValue, out: string[], limit: number): number {
  if (value === null || typeof value !== 'object') {
    const text = scalarText(value);
    out.push(text);
    return text.length <= limit ? text.length : -1;
  }
  if (Array.isArray(value)) {
    const items = value as readonly LiteralValue[];
    if (isTable(items)) return -1;
    // `[`, `]` and a `, ` between items, as `measureArray` counts them.
    let width = items.length > 0 ? 2 * items.length : 2;
    if (width > limit) return -1;
    out.push('[');
    for (let i = 0; i < items.length; i++) {
      if (i > 0) out.push(', ');
      const itemWidth = appendFlatWithin(items[i]!, out, limit - width);
      if (itemWidth < 0) return -1;
      width += itemWidth;
    }
    out.push(']');
    return width;
  }
  // `{ `, ` }` and a `, ` between entries, `key: ` before each value, as `measureObject` counts them.
  let width = 2;
  let first = true;
  for (const key of Object.keys(value)) {
    const entry = (value as LiteralObject)[key];
    if (entry === undefined) continue;
    const printed = printedKey(key);
    width += 4 + printed.length;
    if (width > limit) return -1;
    out.push(first ? '{ ' : ', ', printed, ': ');
    first = false;
    const entryWidth = appendFlatWithin(entry, out, limit - width);
    if (entryWidth < 0) return -1;
    width += entryWidth;
  }
  out.push(first ? '{}' : ' }');
  return width;
}

function scalarText(value: null | boolean | number | string): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return typeof value === 'number' ? numberLiteral(value) : stringLiteral(value);
}

/** `key: value` of a broken object at `level`, followed by a comma and a line break. */
function printEntry(target: Target, key: string, value: LiteralValue, level: number): void {
  const { out, newline } = target;
  const column = INDENT_WIDTH * level;
  if (value === null || typeof value !== 'object' || isTextContainer(value)) {
    const text = dataLiteral(value);
    if (key.length < 5 || KEEPS_LINE.test(text) || key.length + text.length <= SHORT) {
      out.push(key, ': ', text);
      return;
    }
    // The value stays after `key: ` when it fits there, else it moves one level deeper.
    out.push(key, ':');
    if (target.width - column - key.length - 2 - text.length - 1 >= 0) out.push(' ', text);
    else {
      newline(level + 1);
      out.push(text);
    }
    return;
  }
  if (key.length < 5) {
    out.push(key, ': ');
    printFitting(target, value, level, column + key.length + 2);
    return;
  }
  // The value's first line stays after `key: ` when there is room for it, else it moves one level deeper.
  out.push(key, ':');
  if (target.width - column - key.length - 2 >= 1) {
    out.push(' ');
    printFitting(target, value, level, column + key.length + 2);
    return;
  }
  newline(level + 1);
  printFitting(target, value, level + 1, INDENT_WIDTH * (level + 1));
}

/** Whether `dataLayout` makes a container plain text: a short list of plain values, or `{}`. */
function isTextContainer(value: readonly LiteralValue[] | LiteralObject): boolean {
  if (!Array.isArray(value)) return sizeOf(value) === 0;
  const items = value as readonly LiteralValue[];
  // `[`, `]` and a `, ` between items, as `measureArray` counts them; done once past SHORT.
  let width = items.length > 0 ? 2 * items.length : 2;
  for (let i = 0; i < items.length && width <= SHORT; i++) {
    const item = items[i]!;
    if (item !== null && typeof item === 'object') return false;
    width += measure(item);
  }
  return width <= SHORT;
}

function printedKey(key: string): string {
  return key === '__proto__' ? `[${stringLiteral(key)}]` : isIdentifierName(key) ? key : stringLiteral(key);
}

const isScalar = (value: LiteralValue): boolean => value === null || typeof value !== 'object';

function kindOf(value: LiteralValue): ArrayItemKind {
  if (typeof value === 'number') return 'number';
  if (value === null || typeof value !== 'object') return 'other';
  return Array.isArray(value) ? 'array' : 'object';
}

function sizeOf(value: LiteralValue): number {
  if (value === null || typeof value !== 'object') return 0;
  if (Array.isArray(value)) return value.length;
  let size = 0;
  for (const key of Object.keys(value)) if ((value as LiteralObject)[key] !== undefined) size++;
  return size;
}

/**
 * Several objects (or arrays) of more than one entry each: `arrayLayout` breaks them one per
 * line wherever they are, as Biome prints a table.
 */
function isTable(items: readonly LiteralValue[]): boolean {
  if (items.length < 2) return false;
  const first = kindOf(items[0]!);
  if (first !== 'array' && first !== 'object') return false;
  return items.every((item) => kindOf(item) === first && sizeOf(item) > 1);
}

/** Whether the value `measure` last measured must break (set by it, to return one number). */
let measuredBroken = false;

/** The width of `value` printed on one line (`dataLiteral`'s length), without printing it. */
function measure(value: LiteralValue): number {
  measuredBroken = false;
  if (value === null) return 4;
  if (typeof value === 'boolean') return value ? 4 : 5;
  if (typeof value === 'number') return numberLiteral(value).length;
  if (typeof value === 'string') return stringLiteralLength(value);
  return Array.isArray(value)
    ? measureArray(value as readonly LiteralValue[])
    : measureObject(value as LiteralObject);
}

function measureArray(items: readonly LiteralValue[]): number {
  let broken = false;
  // `[`, `]` and a `, ` between items (indexed: an iterator allocates in cold code).
  let width = items.length > 0 ? 2 * items.length : 2;
  for (let i = 0; i < items.length; i++) {
    width += measure(items[i]!);
    broken ||= measuredBroken;
  }
  measuredBroken = broken || isTable(items);
  return width;
}

function measureObject(value: LiteralObject): number {
  let broken = false;
  // `{ `, ` }` and a `, ` between entries, `key: ` before each value; `{}` when empty.
  let width = 2;
  for (const key of Object.keys(value)) {
    const entry = value[key];
    if (entry === undefined) continue;
    width += 2 + keyLength(key) + 2 + measure(entry);
    broken ||= measuredBroken;
  }
  measuredBroken = broken;
  return width;
}

function keyLength(key: string): number {
  return key === '__proto__' || !isIdentifierName(key) ? printedKey(key).length : key.length;
}
