/** Clauses that start a line when a statement is printed over several lines. */
const CLAUSES = ['FROM', 'LEFT JOIN', 'WHERE', 'ORDER BY', 'VALUES', 'RETURNING', 'ON CONFLICT', 'DO', 'SET'];

/**
 * Cuts a SQL statement into lines for printing: a new line before each top-level clause
 * (`FROM`, `WHERE`, `VALUES`, `RETURNING`, `ON CONFLICT`, …) and after a top-level comma when the
 * line would grow past `width` (as `measure` counts it). Only spaces outside quotes and
 * parentheses are cut, so `lines.join(' ')` is the statement, byte for byte.
 *
 * @example sqlLines('SELECT "a", "b" FROM "t"', 80, (l) => l.length) → ['SELECT "a", "b"', 'FROM "t"']
 */
export function sqlLines(sql: string, width: number, measure: (line: string) => number): string[] {
  const units: { text: string; clause: boolean }[] = [];
  let start = 0;
  let depth = 0;
  let quote: string | undefined;
  let clause = false;
  for (let i = 0; i < sql.length; i++) {
    const ch = sql[i]!;
    if (quote !== undefined) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
    } else if (ch === '(') {
      depth += 1;
    } else if (ch === ')') {
      depth -= 1;
    } else if (ch === ' ' && depth === 0) {
      const startsClause = opensClause(sql, i);
      if (startsClause || sql[i - 1] === ',') {
        units.push({ text: sql.slice(start, i), clause });
        start = i + 1;
        clause = startsClause;
      }
    }
  }
  units.push({ text: sql.slice(start), clause });
  const lines: string[] = [];
  let line = units[0]!.text;
  for (const unit of units.slice(1)) {
    const joined = `${line} ${unit.text}`;
    if (unit.clause || measure(joined) > width) {
      lines.push(line);
      line = unit.text;
    } else {
      line = joined;
    }
  }
  lines.push(line);
  return lines;
}

/** Whether the word after the space at `i` opens a clause (`IS DISTINCT FROM` and `DO UPDATE SET` do not). */
function opensClause(sql: string, i: number): boolean {
  const rest = sql.slice(i + 1);
  const keyword = CLAUSES.find((k) => rest === k || rest.startsWith(`${k} `));
  if (keyword === undefined) return false;
  const before = sql.slice(0, i);
  if (keyword === 'FROM' && before.endsWith(' DISTINCT')) return false;
  if (keyword === 'SET' && before.endsWith(' UPDATE')) return false;
  return true;
}
