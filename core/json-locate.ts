import { pointerSegments } from './diagnostic.js';
import { lineIndex } from './json-text.js';

export interface TextPosition {
  line: number;
  column: number;
}

/**
 * Finds where each JSON pointer's value starts in `text` (1-based line and column). One linear
 * scan; subtrees that no wanted pointer goes through are skipped without allocating. Pointers that
 * do not exist in the text map to the position of their nearest existing ancestor.
 */
export function locatePointers(text: string, pointers: Iterable<string>): Map<string, TextPosition> {
  const wanted = new Set(pointers);
  const prefixes = new Set<string>();
  for (const p of wanted) {
    const segments = pointerSegments(p);
    let prefix = '';
    prefixes.add(prefix);
    for (const s of segments) {
      prefix += `/${s.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      prefixes.add(prefix);
    }
  }
  const offsets = new Map<string, number>();
  let i = 0;
  const ws = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\n' || text[i] === '\r' || text[i] === '\t')) i++;
  };
  const readString = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return text.slice(start + 1, i - 1);
    }
  };
  const skipValue = (): void => {
    ws();
    const c = text[i];
    if (c === '"') {
      readString();
      return;
    }
    if (c === '{' || c === '[') {
      let depth = 0;
      while (i < text.length) {
        const ch = text[i];
        if (ch === '"') {
          readString();
          continue;
        }
        if (ch === '{' || ch === '[') depth++;
        else if (ch === '}' || ch === ']') {
          depth--;
          if (depth === 0) {
            i++;
            return;
          }
        }
        i++;
      }
      return;
    }
    while (i < text.length && !',}] \n\r\t'.includes(text[i]!)) i++;
  };
  const walk = (path: string): void => {
    ws();
    offsets.set(path, i);
    const c = text[i];
    if (c === '{') {
      i++;
      for (;;) {
        ws();
        if (text[i] !== '"') break;
        const key = readString();
        ws();
        if (text[i] === ':') i++;
        const child = `${path}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        if (prefixes.has(child)) walk(child);
        else skipValue();
        ws();
        if (text[i] === ',') i++;
        else break;
      }
      if (text[i] === '}') i++;
    } else if (c === '[') {
      i++;
      for (let index = 0; ; index++) {
        ws();
        if (text[i] === ']' || i >= text.length) break;
        const child = `${path}/${index}`;
        if (prefixes.has(child)) walk(child);
        else skipValue();
        ws();
        if (text[i] === ',') i++;
        else break;
      }
      if (text[i] === ']') i++;
    } else {
      skipValue();
    }
  };
  walk('');

  const position = lineIndex(text);
  const result = new Map<string, TextPosition>();
  for (const p of wanted) {
    let probe = p;
    while (!offsets.has(probe) && probe !== '') probe = probe.slice(0, probe.lastIndexOf('/'));
    result.set(p, position(offsets.get(probe) ?? 0));
  }
  return result;
}
