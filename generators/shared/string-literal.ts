import { type Code, fixed, joinCode, numberLiteral } from './code.js';
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
  if (PLAIN.test(text)) return fixed(`'${text}'`);
  let out = "'";
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
      case "'":
        out += "\\'";
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
  return fixed(`${out}'`);
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
  if (value === null) return fixed('null');
  if (typeof value === 'boolean') return fixed(value ? 'true' : 'false');
  if (typeof value === 'number') return numberLiteral(value);
  if (typeof value === 'string') return stringLiteral(value);
  if (Array.isArray(value)) return fixed(`[${joinCode((value as LiteralValue[]).map(dataLiteral), ', ')}]`);
  const entries: string[] = [];
  for (const [key, entry] of Object.entries(value as LiteralObject)) {
    if (entry === undefined) continue;
    const printedKey =
      key === '__proto__' ? `[${stringLiteral(key)}]` : isIdentifierName(key) ? key : stringLiteral(key);
    entries.push(`${printedKey}: ${dataLiteral(entry)}`);
  }
  return fixed(entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`);
}
