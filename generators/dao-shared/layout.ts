import { type Code, docComment, fixed, indentCode, joinCode } from '../shared/index.js';

/**
 * Line breaking for DAO output, the way the project's formatter (Biome, `biome.json`: width 110,
 * two-space indent, trailing commas) breaks the few constructs a DAO has. Generated files are
 * printed formatted, so a formatter in check mode leaves them unchanged.
 *
 * Each helper takes the indentation its code will stand at (to measure the line) and returns
 * code whose later lines are indented relative to its first; `indented` places it.
 */
export const LINE_WIDTH = 110;

/** One indentation step. */
export const INDENT: Code = fixed('  ');

function fits(indent: string, line: string): boolean {
  return indent.length + line.length <= LINE_WIDTH;
}

/**
 * `head` + items + `tail` on one line when that fits at `indent`, else one item per line (with a
 * trailing comma) between `head` and `tail`. Items are single-line code; `padded` puts spaces
 * inside the brackets of the one-line form (`{ a, b }`).
 *
 * @example bracketed('  ', fixed('return ['), params, fixed('];'))
 */
export function bracketed(
  indent: string,
  head: Code,
  items: readonly Code[],
  tail: Code,
  padded = false,
): Code {
  const pad = padded ? ' ' : '';
  const line = `${head}${pad}${joinCode(items, ', ')}${pad}${tail}`;
  if (items.length === 0 || fits(indent, line)) return fixed(line);
  return fixed(`${head}\n${items.map((item) => `${INDENT}${item},`).join('\n')}\n${tail}`);
}

/** `left right` on one line when it fits, else `right` on the next line, one level deeper. */
export function breakAfter(indent: string, left: Code, right: Code): Code {
  const line = `${left} ${right}`;
  return fixed(fits(indent, line) ? line : `${left}\n${INDENT}${right}`);
}

/**
 * A union type after `head` (`export type X =`, `key?:`) and before `tail` (`;`): on one line
 * when it fits, else one member per line, each led by `|`.
 */
export function unionAfter(indent: string, head: Code, members: readonly Code[], tail: Code): Code {
  const line = `${head} ${joinCode(members, ' | ')}${tail}`;
  if (members.length < 2 || fits(indent, line)) return fixed(line);
  return fixed(`${head}\n${members.map((m) => `${INDENT}| ${m}`).join('\n')}${tail}`);
}

/** `if (condition) statement` on one line when it fits, else the statement on the next line. */
export function guarded(indent: string, condition: Code, statement: (indent: string) => Code): Code {
  return controlled(indent, fixed(`if (${condition})`), statement);
}

/**
 * A statement under a brace-less `if (…)` or `for (…)` head: on the head's line when it fits,
 * else on the next line, one level deeper.
 */
export function controlled(indent: string, head: Code, statement: (indent: string) => Code): Code {
  const line = `${head} ${statement(indent)}`;
  if (fits(indent, line) && !line.includes('\n')) return fixed(line);
  return fixed(`${head}\n${INDENT}${indentCode(statement(indent + INDENT), INDENT)}`);
}

/** Lines of code placed at `indent` (every line of each piece; blank lines stay empty). */
export function indented(indent: string, pieces: readonly Code[]): Code {
  return fixed(pieces.map((piece) => `${indent}${indentCode(piece, indent)}`).join('\n'));
}

/**
 * A JSDoc block of `text` for a declaration at `indent`: one line when it fits, else the words
 * wrapped to the line width (the formatter leaves comments alone, so the printer wraps them).
 * The text is escaped by the shared comment helper either way.
 */
export function wrappedDoc(indent: string, text: string): Code {
  if (fits(indent, `/** ${text} */`)) return docComment({ description: text })!;
  const width = LINE_WIDTH - indent.length - ' * '.length;
  let lines = wrapWords(text, width);
  // Too long for `/** … */` yet one line of a block: two lines of about half each read better.
  if (lines.length === 1) lines = halves(text);
  return docComment({ description: lines.join('\n') })!;
}

function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
}

/** The text cut at the space nearest its middle. */
function halves(text: string): string[] {
  let cut = -1;
  for (let i = text.indexOf(' '); i !== -1; i = text.indexOf(' ', i + 1))
    if (cut === -1 || Math.abs(i - text.length / 2) < Math.abs(cut - text.length / 2)) cut = i;
  return cut === -1 ? [text] : [text.slice(0, cut), text.slice(cut + 1)];
}
