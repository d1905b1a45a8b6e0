import { pointerSegments } from './diagnostic.js';

// Character codes the scan compares against.
const SLASH = 47;
const ZERO = 48;
const ONE = 49;
const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

export interface TextPosition {
  line: number;
  column: number;
}

/**
 * The wanted pointers as a tree of segments: the scan goes into a value only through a branch, and
 * matches keys against a branch's children instead of building a pointer string per key.
 */
interface Branch {
  /** Children by (decoded) object key, and again by array index for the segments that spell one. */
  children: Map<string | number, Branch> | undefined;
  parent: Branch | undefined;
  /** A wanted pointer ends here. */
  wanted: boolean;
  /** Where the value starts, once the scan has reached it; -1 before. */
  offset: number;
}

/**
 * Finds where each JSON pointer's value starts in `text` (1-based line and column). One forward
 * scan: subtrees that no wanted pointer goes through are skipped with a native regex search,
 * without allocating. A pointer that does not exist maps to its nearest existing ancestor.
 */
export function locatePointers(text: string, pointers: Iterable<string>): Map<string, TextPosition> {
  const wanted = Array.from(new Set(pointers));
  const root = branch(undefined);
  /** Each wanted pointer's branch, when the scan can meet it (see `isCanonical`). */
  const ends: (Branch | undefined)[] = [];
  for (let w = 0; w < wanted.length; w++) {
    const segments = pointerSegments(wanted[w]!);
    let node = root;
    for (let s = 0; s < segments.length; s++) node = child(node, segments[s]!);
    const canonical = isCanonical(wanted[w]!);
    if (canonical) node.wanted = true;
    ends.push(canonical ? node : undefined);
  }
  const scan = new Scan(text, wanted.length);
  scan.walk(root);

  const offsets: number[] = [];
  for (let w = 0; w < wanted.length; w++) {
    let node = ends[w];
    if (!node) {
      offsets.push(offsetByText(root, wanted[w]!));
      continue;
    }
    // The nearest ancestor the scan reached; it always reaches the root.
    while (node.offset < 0) node = node.parent!;
    offsets.push(node.offset);
  }
  return positionsOf(text, wanted, offsets);
}

function branch(parent: Branch | undefined): Branch {
  return { children: undefined, parent, wanted: false, offset: -1 };
}

function child(parent: Branch, segment: string): Branch {
  parent.children ??= new Map();
  let node = parent.children.get(segment);
  if (!node) {
    node = branch(parent);
    parent.children.set(segment, node);
    const index = Number(segment);
    if (String(index) === segment && Number.isInteger(index) && index >= 0) parent.children.set(index, node);
  }
  return node;
}

/**
 * True when `pointer` is spelled the way the scan spells the paths it walks: `/` before every
 * segment, and every `~` escaping (`~0`, `~1`). Only such a pointer can be met by the scan.
 */
function isCanonical(pointer: string): boolean {
  if (pointer === '') return true;
  if (pointer.charCodeAt(0) !== SLASH) return false;
  for (let i = pointer.indexOf('~'); i !== -1; i = pointer.indexOf('~', i + 1)) {
    const next = pointer.charCodeAt(i + 1);
    if (next !== ZERO && next !== ONE) return false;
  }
  return true;
}

/**
 * For a pointer the scan cannot meet as written: the nearest ancestor it did meet, cutting the
 * pointer's text at its last `/` (the root, which the scan always meets, at the end).
 */
function offsetByText(root: Branch, pointer: string): number {
  for (let probe = pointer; ; probe = probe.slice(0, probe.lastIndexOf('/'))) {
    if (isCanonical(probe)) {
      let node: Branch | undefined = root;
      for (const s of pointerSegments(probe)) node = node?.children?.get(s);
      if (node && node.offset >= 0) return node.offset;
    }
    if (probe === '') return 0;
  }
}

/**
 * What lies between brackets: text outside strings, and strings without escapes. One native call
 * crosses a whole stretch of it (instead of one call per string), allocating nothing (`test`
 * builds no match array). Each repetition starts with its own kind of character and nothing
 * follows the repetitions, so a failed one ends the match instead of backtracking into earlier
 * ones; the bound keeps the regex engine's own stack small on huge inputs.
 */
const BETWEEN_BRACKETS = /(?:[^"{}[\]]+|"[^"\\]*"){0,256}/y;

/** One forward pass over the text, following the wanted branches. */
class Scan {
  i = 0;

  constructor(
    private readonly text: string,
    /** Wanted pointers not met yet: at 0 the rest of the document need not be scanned. */
    private remaining: number,
  ) {}

  walk(node: Branch): void {
    const { text } = this;
    this.i = skipWhitespace(text, this.i);
    node.offset = this.i;
    if (node.wanted) this.remaining--;
    const c = text.charCodeAt(this.i);
    if (c === OPEN_BRACE) {
      this.i++;
      for (;;) {
        this.i = skipWhitespace(text, this.i);
        if (text.charCodeAt(this.i) !== QUOTE) break;
        const start = this.i + 1;
        this.i = skipString(text, this.i);
        // A key is read only where some branch goes on by key.
        const next = node.children?.get(keyAt(text, start, this.i - 1));
        this.i = skipWhitespace(text, this.i);
        if (text.charCodeAt(this.i) === COLON) this.i++;
        if (!this.member(next)) break;
      }
      if (text.charCodeAt(this.i) === CLOSE_BRACE) this.i++;
    } else if (c === OPEN_BRACKET) {
      this.i++;
      for (let index = 0; ; index++) {
        this.i = skipWhitespace(text, this.i);
        if (this.i >= text.length || text.charCodeAt(this.i) === CLOSE_BRACKET) break;
        if (!this.member(node.children?.get(index))) break;
      }
      if (text.charCodeAt(this.i) === CLOSE_BRACKET) this.i++;
    } else {
      this.i = skipValue(text, this.i);
    }
  }

  /**
   * Walks a member's value (`next`, when a wanted pointer goes through it) or skips it, then its
   * comma. False when the object or array ends here, or when nothing wanted is left to find.
   */
  private member(next: Branch | undefined): boolean {
    const { text } = this;
    if (next) this.walk(next);
    else this.i = skipValue(text, this.i);
    if (this.remaining === 0) return false;
    this.i = skipWhitespace(text, this.i);
    if (text.charCodeAt(this.i) !== COMMA) return false;
    this.i++;
    return true;
  }
}

function skipWhitespace(text: string, i: number): number {
  for (let c = text.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = text.charCodeAt(++i));
  return i;
}

/** The index just past the string whose opening quote is at `i` (past the end when unterminated). */
function skipString(text: string, i: number): number {
  let end = text.indexOf('"', i + 1);
  while (end !== -1 && isEscaped(text, end)) end = text.indexOf('"', end + 1);
  return (end === -1 ? text.length : end) + 1;
}

/** The key whose raw text runs from `start` to `end`, unescaped. */
function keyAt(text: string, start: number, end: number): string {
  const raw = text.slice(start, end);
  return raw.includes('\\') ? unescapeJsonString(raw) : raw;
}

/** The index just past the value starting at or after `i`. */
function skipValue(text: string, i: number): number {
  i = skipWhitespace(text, i);
  const c = text.charCodeAt(i);
  if (c === QUOTE) return skipString(text, i);
  if (c !== OPEN_BRACE && c !== OPEN_BRACKET) return skipScalar(text, i);
  let depth = 0;
  for (;;) {
    if (i >= text.length) return text.length;
    const ch = text.charCodeAt(i);
    if (ch === OPEN_BRACE || ch === OPEN_BRACKET) {
      depth++;
      i++;
    } else if (ch === CLOSE_BRACE || ch === CLOSE_BRACKET) {
      if (--depth === 0) return i + 1;
      i++;
    } else if (ch === QUOTE) {
      // A string with escapes (or no end), which `BETWEEN_BRACKETS` leaves to the careful skip.
      i = skipString(text, i);
      continue;
    }
    BETWEEN_BRACKETS.lastIndex = i;
    BETWEEN_BRACKETS.test(text);
    i = BETWEEN_BRACKETS.lastIndex;
  }
}

/** A number, `true`, `false` or `null` (or anything else) runs to a delimiter or whitespace. */
function skipScalar(text: string, i: number): number {
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (
      c === COMMA ||
      c === CLOSE_BRACE ||
      c === CLOSE_BRACKET ||
      c === 32 ||
      c === 10 ||
      c === 13 ||
      c === 9
    )
      break;
  }
  return i;
}

/** Line and column of `offsets[i]` for each `keys[i]`, with one pass over the text in offset order. */
function positionsOf(
  text: string,
  keys: readonly string[],
  offsets: readonly number[],
): Map<string, TextPosition> {
  const order: number[] = [];
  for (let i = 0; i < offsets.length; i++) order.push(i);
  order.sort((a, b) => offsets[a]! - offsets[b]!);
  const result = new Map<string, TextPosition>();
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (let k = 0; k < order.length; k++) {
    const offset = offsets[order[k]!]!;
    for (let nl = text.indexOf('\n', scanned); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
      line++;
      lineStart = nl + 1;
      scanned = nl + 1;
    }
    scanned = Math.max(scanned, lineStart);
    result.set(keys[order[k]!]!, { line, column: offset - lineStart + 1 });
  }
  return result;
}

function isEscaped(text: string, quote: number): boolean {
  let backslashes = 0;
  for (let k = quote - 1; text.charCodeAt(k) === BACKSLASH; k--) backslashes++;
  return backslashes % 2 === 1;
}

function unescapeJsonString(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}
