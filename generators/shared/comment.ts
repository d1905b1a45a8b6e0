import type { Deprecation } from '../../core/ir.js';
import { type Code, fixed } from './code.js';

const LINE_BREAK = /\r\n|[\r\n\u2028\u2029\u0085]/;
/** Anything `commentLines` would change besides trailing space (a fast path for plain text). */
const NEEDS_ESCAPE = /\*\/|\/\*|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufeff\ud800-\udfff]|^\s*@/;

/**
 * Makes free text safe inside a block comment: `*\/` cannot close it, control characters and
 * lone surrogates become visible escapes, and a line starting with `@` cannot fake a JSDoc tag.
 * Returns one entry per line.
 */
export function commentLines(text: string): string[] {
  return text.split(LINE_BREAK).map((line) =>
    !NEEDS_ESCAPE.test(line)
      ? line.trimEnd()
      : line
          .replaceAll('*/', '*\\/')
          .replaceAll('/*', '/\\*')
          .replace(
            /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufeff]/g,
            (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
          )
          .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
          .replace(/^(\s*)@/, '$1\\@')
          .trimEnd(),
  );
}

/** What a JSDoc block documents: description, deprecation, and fixed tags written by the generator. */
export interface DocParts {
  description?: string | undefined;
  deprecation?: Deprecation | undefined;
  /** Extra free-text lines from the spec (escaped like the description). */
  notes?: readonly string[];
  /** Tags written by the generator itself (`@example …`), not escaped. */
  tags?: readonly string[];
}

/**
 * A JSDoc block (`/** … *\/`) for a declaration, or undefined when there is nothing to say.
 *
 * @example docComment({ description: 'A user', deprecation: {} })
 */
export function docComment(parts: DocParts): Code | undefined {
  const lines: string[] = [];
  if (parts.description !== undefined && parts.description.trim() !== '')
    lines.push(...commentLines(parts.description.trim()));
  for (const note of parts.notes ?? []) lines.push(...commentLines(note));
  if (parts.deprecation) {
    const reason = parts.deprecation.description?.trim();
    const [first = '', ...rest] = reason ? commentLines(reason) : [''];
    lines.push(`@deprecated${first ? ` ${first}` : ''}`, ...rest);
  }
  for (const tag of parts.tags ?? []) lines.push(tag);
  if (lines.length === 0) return undefined;
  if (lines.length === 1) return fixed(`/** ${lines[0]} */`);
  return fixed(`/**\n${lines.map((line) => (line === '' ? ' *' : ` * ${line}`)).join('\n')}\n */`);
}

/** A plain block comment (`/* … *\/`), escaped the same way. */
export function blockComment(text: string): Code {
  return fixed(
    `/*\n${commentLines(text)
      .map((line) => (line === '' ? ' *' : ` * ${line}`))
      .join('\n')}\n */`,
  );
}
