import type { WhereTerm } from './table-spec.js';

/**
 * Parses the `where` of a partial index. Only a small grammar is accepted, so that no SQL from a
 * spec ever reaches a migration raw: terms joined by `and`, each `<field> is null`,
 * `<field> is not null` or `<field> = <literal>` (a 'quoted string', a number, true or false).
 * The generators print the parsed terms back with quoted identifiers and escaped literals.
 *
 * @example parseWhere("deleted_at is null and status = 'active'")
 * // → { terms: [{ column: 'deleted_at', op: 'is null' }, { column: 'status', op: '=', value: 'active' }] }
 */
export function parseWhere(text: string): { terms: WhereTerm[] } | { error: string } {
  const tokens = tokenize(text);
  if ('error' in tokens) return tokens;
  const terms: WhereTerm[] = [];
  let i = 0;
  const word = (n: number): string =>
    tokens.list[n]?.kind === 'word' ? tokens.list[n].text.toLowerCase() : '';
  for (;;) {
    const column = tokens.list[i];
    if (column?.kind !== 'word' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(column.text)) {
      return { error: `expected a field name at term ${terms.length + 1}` };
    }
    if (word(i + 1) === 'is' && word(i + 2) === 'null') {
      terms.push({ column: column.text, op: 'is null' });
      i += 3;
    } else if (word(i + 1) === 'is' && word(i + 2) === 'not' && word(i + 3) === 'null') {
      terms.push({ column: column.text, op: 'is not null' });
      i += 4;
    } else if (tokens.list[i + 1]?.kind === 'equals') {
      const literal = tokens.list[i + 2];
      if (!literal || literal.kind === 'equals')
        return { error: `expected a literal after "${column.text} ="` };
      const value = literalValue(literal);
      if (value === undefined) return { error: `"${literal.text}" is not a string, number, true or false` };
      terms.push({ column: column.text, op: '=', value });
      i += 3;
    } else {
      return { error: `expected "is null", "is not null" or "= <literal>" after "${column.text}"` };
    }
    if (i === tokens.list.length) return { terms };
    if (word(i) !== 'and') return { error: 'terms must be joined with "and"' };
    i += 1;
  }
}

type Token =
  | { kind: 'word'; text: string }
  | { kind: 'string'; text: string }
  | { kind: 'equals'; text: '=' };

function tokenize(text: string): { list: Token[] } | { error: string } {
  const list: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i += 1;
    } else if (ch === '=') {
      list.push({ kind: 'equals', text: '=' });
      i += 1;
    } else if (ch === "'") {
      let value = '';
      i += 1;
      for (;;) {
        if (i >= text.length) return { error: 'unterminated string literal' };
        if (text[i] === "'" && text[i + 1] === "'") {
          value += "'";
          i += 2;
        } else if (text[i] === "'") {
          i += 1;
          break;
        } else {
          value += text[i];
          i += 1;
        }
      }
      list.push({ kind: 'string', text: value });
    } else {
      const match = /^[A-Za-z0-9_.-]+/.exec(text.slice(i));
      if (!match) return { error: `unexpected character "${ch}"` };
      list.push({ kind: 'word', text: match[0] });
      i += match[0].length;
    }
  }
  return { list };
}

function literalValue(token: Token): string | number | boolean | undefined {
  if (token.kind === 'string') return token.text;
  const lower = token.text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (/^-?\d+(\.\d+)?$/.test(token.text)) return Number(token.text);
  return undefined;
}
