import { fixed, numberLiteral } from './code.js';
import { isIdentifierName } from './identifier.js';
import type { Layout } from './layout.js';
import { type LiteralObject, type LiteralValue, stringLiteral } from './string-literal.js';
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
 * escaped equivalent of `dataLiteral`, with objects and arrays as groups.
 *
 * @example printLayout(dataLayout({ a: [1, 2] }).layout, 110) === '{ a: [1, 2] }'
 */
export function dataLayout(value: LiteralValue): DataLayout {
  if (value === null) return { layout: fixed('null'), kind: 'other', size: 0 };
  if (typeof value === 'boolean') return { layout: fixed(value ? 'true' : 'false'), kind: 'other', size: 0 };
  if (typeof value === 'number') return { layout: numberLiteral(value), kind: 'number', size: 0 };
  if (typeof value === 'string') return { layout: stringLiteral(value), kind: 'other', size: 0 };
  if (Array.isArray(value)) {
    const items = (value as readonly LiteralValue[]).map(dataLayout);
    // A short list of plain values stays on one line wherever it is (see SHORT): printed directly.
    if (
      items.every(
        (item) => typeof item.layout === 'string' && item.kind !== 'array' && item.kind !== 'object',
      )
    ) {
      const text = `[${items.map((item) => item.layout).join(', ')}]`;
      if (text.length <= SHORT && !text.includes('\n'))
        return { layout: fixed(text), kind: 'array', size: items.length };
    }
    return { layout: arrayLayout(items), kind: 'array', size: items.length };
  }
  const entries: Layout[] = [];
  for (const key of Object.keys(value)) {
    const entry = (value as LiteralObject)[key];
    if (entry === undefined) continue;
    const printedKey =
      key === '__proto__' ? `[${stringLiteral(key)}]` : isIdentifierName(key) ? key : stringLiteral(key);
    entries.push(propertyLayout(fixed(printedKey), dataLayout(entry).layout));
  }
  return { layout: objectLayout(entries), kind: 'object', size: entries.length };
}

/** A data literal as a call argument: a non-empty object or array may hug the parentheses. */
export function dataArgument(value: LiteralValue): Argument {
  const data = dataLayout(value);
  return data.kind === 'object' || data.kind === 'array'
    ? { layout: data.layout, ...(data.size > 0 ? { huggable: data.kind } : {}) }
    : { layout: data.layout };
}
