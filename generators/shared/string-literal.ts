import { type Code, fixed, numberLiteral } from './code.js';
import { isIdentifierName } from './identifier.js';

/** Printable ASCII without quote or backslash: needs no escaping (the common case, kept fast). */
const PLAIN = /^[\x20-\x26\x28-\x5b\x5d-\x7e]*$/;

/**
 * Escapes text as a single-quoted JavaScript string literal. Quotes, backslashes, line
 * terminators (including U+2028/U+2029), control characters, NUL, BOM and lone surrogates are
 * escaped; backticks and `${` are inert inside single quotes.
 *
 * @example stringLiteral("it's") === "'it\\'s'"
 */
export function stringLiteral(text: string): Code {
  return quotedLiteral(text, "'");
}

/**
 * Like `stringLiteral`, but in the quotes the project's formatter (Biome, like Prettier) would
 * print: double quotes when the text holds more single than double quotes, so fewer escapes.
 *
 * @example formattedStringLiteral("it's") === '"it\'s"'
 */
export function formattedStringLiteral(text: string): Code {
  let balance = 0;
  for (const ch of text) balance += ch === "'" ? 1 : ch === '"' ? -1 : 0;
  return quotedLiteral(text, balance > 0 ? '"' : "'");
}

function quotedLiteral(text: string, quote: "'" | '"'): Code {
  if (PLAIN.test(text) && (quote === "'" || !text.includes('"'))) return fixed(`${quote}${text}${quote}`);
  let out: string = quote;
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

// One output array for the whole value: the mock client's tables hold tens of thousands of entries.
function appendLiteral(value: LiteralValue, out: string[]): void {
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
