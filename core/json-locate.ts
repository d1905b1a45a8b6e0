import { pointerSegments } from './diagnostic.js';

export interface TextPosition {
  line: number;
  column: number;
}

const STRUCTURE = /["{}[\]]/g;

/**
 * Finds where each JSON pointer's value starts in `text` (1-based line and column). One forward
 * scan: subtrees that no wanted pointer goes through are skipped with a native regex search,
 * without allocating. A pointer that does not exist maps to its nearest existing ancestor.
 */
export function locatePointers(text: string, pointers: Iterable<string>): Map<string, TextPosition> {
  const wanted = new Set(pointers);
  const prefixes = new Set<string>(['']);
  for (const p of wanted) {
    let prefix = '';
    for (const s of pointerSegments(p)) {
      prefix += `/${s.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      prefixes.add(prefix);
    }
  }
  const offsets = new Map<string, number>();
  let remaining = wanted.size;
  let i = 0;

  const ws = () => {
    for (let c = text.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++i));
  };
  /** Moves past the string starting at `i`; returns its raw contents. */
  const skipString = (): string => {
    const start = i + 1;
    let end = text.indexOf('"', start);
    while (end !== -1 && isEscaped(text, end)) end = text.indexOf('"', end + 1);
    if (end === -1) end = text.length;
    i = end + 1;
    return text.slice(start, end);
  };
  const skipValue = (): void => {
    ws();
    const c = text[i];
    if (c === '"') {
      skipString();
      return;
    }
    if (c !== '{' && c !== '[') {
      while (i < text.length && !',}] \n\r\t'.includes(text[i]!)) i++;
      return;
    }
    let depth = 0;
    STRUCTURE.lastIndex = i;
    for (let m = STRUCTURE.exec(text); m; m = STRUCTURE.exec(text)) {
      i = m.index;
      const ch = m[0];
      if (ch === '"') {
        skipString();
        STRUCTURE.lastIndex = i;
        continue;
      }
      if (ch === '{' || ch === '[') depth++;
      else if (--depth === 0) {
        i++;
        return;
      }
    }
    i = text.length;
  };
  const walk = (path: string): void => {
    ws();
    offsets.set(path, i);
    if (wanted.has(path)) remaining--;
    const c = text[i];
    if (c === '{') {
      i++;
      for (;;) {
        ws();
        if (text[i] !== '"') break;
        const raw = skipString();
        const key = raw.includes('\\') ? unescapeJsonString(raw) : raw;
        ws();
        if (text[i] === ':') i++;
        const child = `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        if (prefixes.has(child)) walk(child);
        else skipValue();
        // Every wanted position is known: the rest of the document need not be scanned.
        if (remaining === 0) return;
        ws();
        if (text[i] !== ',') break;
        i++;
      }
      if (text[i] === '}') i++;
    } else if (c === '[') {
      i++;
      for (let index = 0; ; index++) {
        ws();
        if (i >= text.length || text[i] === ']') break;
        const child = `${path}/${index}`;
        if (prefixes.has(child)) walk(child);
        else skipValue();
        if (remaining === 0) return;
        ws();
        if (text[i] !== ',') break;
        i++;
      }
      if (text[i] === ']') i++;
    } else {
      skipValue();
    }
  };
  walk('');

  const found = new Map<string, number>();
  for (const p of wanted) {
    let probe = p;
    while (!offsets.has(probe) && probe !== '') probe = probe.slice(0, probe.lastIndexOf('/'));
    found.set(p, offsets.get(probe) ?? 0);
  }
  return positionsOf(text, found);
}

/** Line and column for many offsets with one pass over the text, in offset order. */
function positionsOf(text: string, offsets: Map<string, number>): Map<string, TextPosition> {
  const ordered = [...offsets].sort((a, b) => a[1] - b[1]);
  const result = new Map<string, TextPosition>();
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (const [key, offset] of ordered) {
    for (let nl = text.indexOf('\n', scanned); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
      line++;
      lineStart = nl + 1;
      scanned = nl + 1;
    }
    scanned = Math.max(scanned, lineStart);
    result.set(key, { line, column: offset - lineStart + 1 });
  }
  return result;
}

function isEscaped(text: string, quote: number): boolean {
  let backslashes = 0;
  for (let k = quote - 1; text[k] === '\\'; k--) backslashes++;
  return backslashes % 2 === 1;
}

function unescapeJsonString(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
