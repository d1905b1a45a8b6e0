/**
 * Scans generated TypeScript and returns every use of the identifier `process` found as real
 * code (`process.exit` for `process.exit(1)`). A hostile spec's `process.exit(1)` must only ever
 * appear inside string literals, template text, comments and regular expressions, which are
 * data, not code.
 *
 * A lexer rather than TypeScript's parser: loading TypeScript 5.9 costs a test file 0.5 s of CPU,
 * and seven test files call this. It tells code from literals as TypeScript's scanner does;
 * where a `/` could start either a regular expression or a division it takes the division, so a
 * doubt makes it see more code, never less (generators/testing/compile.test.ts checks it against
 * TypeScript's parser).
 */
export function injectedCalls(text: string): string[] {
  const found: string[] = [];
  // For each `${` of a template being read: how many `{` are open in its expression.
  const templates: number[] = [];
  // Whether a `/` here would start a regular expression (after an operator, `(`, a keyword…).
  let regexAllowed = true;
  let i = 0;
  const n = text.length;

  /** Reads template text from i (just after a backtick or a `}` closing `${`). */
  const templateText = (): void => {
    while (i < n) {
      const c = text[i]!;
      if (c === '\\') i += 2;
      else if (c === '`') {
        i++;
        regexAllowed = false;
        return;
      } else if (c === '$' && text[i + 1] === '{') {
        i += 2;
        templates.push(0);
        regexAllowed = true;
        return;
      } else i++;
    }
  };

  while (i < n) {
    const c = text[i]!;
    const next = text[i + 1];
    if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      i = end === -1 ? n : end;
    } else if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? n : end + 2;
    } else if (c === "'" || c === '"') {
      i++;
      while (i < n && text[i] !== c && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      i++;
      regexAllowed = false;
    } else if (c === '`') {
      i++;
      templateText();
    } else if (c === '/' && regexAllowed) {
      i++;
      let inClass = false;
      while (i < n && text[i] !== '\n') {
        const r = text[i]!;
        if (r === '\\') i++;
        else if (r === '[') inClass = true;
        else if (r === ']') inClass = false;
        else if (r === '/' && !inClass) break;
        i++;
      }
      i++;
      while (i < n && /[\w$]/.test(text[i]!)) i++; // flags
      regexAllowed = false;
    } else if (/[A-Za-z_$\u0080-\uffff]/.test(c)) {
      const start = i;
      while (i < n && /[\w$\u0080-\uffff]/.test(text[i]!)) i++;
      const word = text.slice(start, i);
      if (word === 'process') {
        const member = /^\s*\??\.\s*([A-Za-z_$][\w$]*)/.exec(text.slice(i, i + 200));
        found.push(member ? `process.${member[1]}` : 'process');
      }
      // A keyword begins an expression; as a property name (`x.in`) it is an operand.
      regexAllowed =
        KEYWORDS_BEFORE_EXPRESSION.has(word) && !/\.\s*$/.test(text.slice(Math.max(0, start - 20), start));
    } else if (/[0-9]/.test(c) || (c === '.' && next !== undefined && /[0-9]/.test(next))) {
      while (i < n && /[\w.]/.test(text[i]!)) i++;
      regexAllowed = false;
    } else if (/\s/.test(c)) {
      i++;
    } else if ((c === '+' || c === '-') && next === c) {
      i += 2; // `x++ /` divides, `++/re/` cannot be: what came before still decides
    } else {
      i++;
      if (c === '{' && templates.length > 0) templates[templates.length - 1]!++;
      if (c === '}' && templates.length > 0) {
        if (templates[templates.length - 1] === 0) {
          templates.pop();
          templateText();
          continue;
        }
        templates[templates.length - 1]!--;
      }
      // After `)`, `]` or `}` a `/` divides (a regular expression there is read as code).
      regexAllowed = c !== ')' && c !== ']' && c !== '}';
    }
  }
  return found;
}

/** Words after which an expression starts, so that a `/` begins a regular expression. */
const KEYWORDS_BEFORE_EXPRESSION: ReadonlySet<string> = new Set([
  'return',
  'typeof',
  'instanceof',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'case',
  'do',
  'else',
  'yield',
  'await',
]);
