import type { Dialect } from './dialect.js';
import type { WhereTerm } from './table-spec.js';

/** A checked identifier (see `read-db-attribute.ts`) in double quotes. */
export function quoteIdentifier(name: string): string {
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
      const column = quoteIdentifier(term.column);
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
