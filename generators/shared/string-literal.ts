import { type Code, fixed, numberLiteral } from './code.js';
import { isIdentifierName } from './identifier.js';

/** Printable ASCII without quote or backslash: needs no escaping (the common case, kept fast). */
const PLAIN = /^[\x20-\x26\x28-\x5b\x5d-\x7e]*$/;

/**
 * Escapes text as a JavaScript string literal: single-quoted, or double-quoted when that needs
 * fewer escapes (more `'` than `"` inside), as Biome chooses. The quote, backslashes, line
 * terminators (including U+2028/U+2029), control characters, NUL, BOM and lone surrogates are
 * escaped; backticks and `${` are inert inside either quote.
 *
 * @example stringLiteral("it's") === '"it\'s"'; stringLiteral('say "hi"') === `'say "hi"'`
 */
export function stringLiteral(text: string): Code {
  if (PLAIN.test(text)) return fixed(`'${text}'`);
  const quote = count(text, "'") > count(text, '"') ? '"' : "'";
  let out = quote;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const ch = text[i]!;
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += ch + text[i + 1]!;
        i++;
        continue;
      }
      out += hex4(c);
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      out += hex4(c);
      continue;
    }
    switch (ch) {
      case quote:
        out += `\\${quote}`;
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\t':
        out += '\\t';
        continue;
    }
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else if (c === 0x2028 || c === 0x2029 || c === 0xfeff) out += hex4(c);
    else out += ch;
  }
  return fixed(`${out}${quote}`);
}

/** The length of `stringLiteral(text)`, without building it when it needs no escaping. */
export function stringLiteralLength(text: string): number {
  return PLAIN.test(text) ? text.length + 2 : stringLiteral(text).length;
}

function count(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i >= 0; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

function hex4(c: number): string {
  return `\\u${c.toString(16).padStart(4, '0')}`;
}

/** A JSON-compatible value that a generator wants to embed as a literal. */
export type LiteralValue = null | boolean | number | string | readonly LiteralValue[] | LiteralObject;
export interface LiteralObject {
  readonly [key: string]: LiteralValue | undefined;
}

/**
 * Prints a data value as a compact JavaScript literal, every string through `stringLiteral`.
 * Object keys that are not identifier names are quoted; `__proto__` is written as a computed key
 * so that it defines an own property instead of setting the prototype. `undefined` entries are
 * skipped.
 */
export function dataLiteral(value: LiteralValue): Code {
  const out: string[] = [];
  appendLiteral(value, out);
  return fixed(out.join(''));
}

/**
 * Appends `dataLiteral(value)` to `out` piece by piece: one output array for the whole value (the
 * mock client's tables hold tens of thousands of entries).
 */
export function appendLiteral(value: LiteralValue, out: string[]): void {
  if (value === null) out.push('null');
  else if (typeof value === 'boolean') out.push(value ? 'true' : 'false');
  else if (typeof value === 'number') out.push(numberLiteral(value));
  else if (typeof value === 'string') out.push(stringLiteral(value));
  else if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(', ');
      appendLiteral((value as LiteralValue[])[i]!, out);
    }
    out.push(']');
  } else {
    let first = true;
    for (const key of Object.keys(value)) {
      const entry = (value as LiteralObject)[key];
      if (entry === undefined) continue;
      out.push(first ? '{ ' : ', ');
      first = false;
      out.push(
        key === '__proto__' ? `[${stringLiteral(key)}]` : isIdentifierName(key) ? key : stringLiteral(key),
        ': ',
      );
      appendLiteral(entry, out);
    }
    out.push(first ? '{}' : ' }');
  }
}
