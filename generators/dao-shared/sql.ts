import type { Dialect } from './dialect.js';
import type { WhereTerm } from './table-spec.js';

/**
 * A name as a quoted SQL identifier the ANSI way: double quotes, an inner `"` doubled, so even a
 * name that slipped past the reader's check (`read-db-attribute.ts`) stays one identifier. NUL,
 * which neither database allows in a name, is refused. Both dialects use it as their
 * `Dialect.quoteIdentifier`; a dialect with another rule (backticks) brings its own.
 *
 * @example quoteIdentifier('a"b') === '"a""b"'
 */
export function quoteIdentifier(name: string): string {
  if (name === '' || name.includes('\0'))
    throw new Error(`cannot quote ${JSON.stringify(name)} as a SQL identifier`);
  return `"${name.replaceAll('"', '""')}"`;
}

/** A SQL string literal; single quotes are doubled, which is complete escaping in both dialects. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A partial index condition, printed from its parsed terms. */
export function whereSql(terms: readonly WhereTerm[], dialect: Dialect): string {
  return terms
    .map((term) => {
      const column = dialect.quoteIdentifier(term.column);
      if (term.op !== '=') return `${column} ${term.op.toUpperCase()}`;
      const value =
        typeof term.value === 'string'
          ? sqlString(term.value)
          : typeof term.value === 'boolean'
            ? dialect.booleanLiteral(term.value)
            : String(term.value);
      return `${column} = ${value}`;
    })
    .join(' AND ');
}
