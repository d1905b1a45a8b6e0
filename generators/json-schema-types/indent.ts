/**
 * Indents json-schema-to-typescript's unformatted output two spaces per open bracket (its own
 * formatting step is prettier, which is asynchronous). Brackets inside string literals and
 * comments do not count.
 */
export function indentBrackets(text: string): string {
  let depth = 0;
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const { opened, closedFirst } = brackets(line);
    const level = Math.max(0, depth - closedFirst);
    out.push(
      line === ''
        ? ''
        : line.startsWith('*')
          ? `${'  '.repeat(level)} ${line}`
          : `${'  '.repeat(level)}${line}`,
    );
    depth = Math.max(0, depth + opened);
  }
  return out.join('\n');
}

/** Net brackets a line opens, and how many it closes before anything else. */
function brackets(line: string): { opened: number; closedFirst: number } {
  if (line.startsWith('/*') || line.startsWith('*')) return { opened: 0, closedFirst: 0 };
  let opened = 0;
  let closedFirst = 0;
  let leading = true;
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      quote = c;
      leading = false;
    } else if (c === '{' || c === '(' || c === '[') {
      opened++;
      leading = false;
    } else if (c === '}' || c === ')' || c === ']') {
      opened--;
      if (leading) closedFirst++;
    } else if (c !== ' ') leading = false;
  }
  return { opened, closedFirst };
}
