import { type Diagnostic, pointer } from '../diagnostic.js';
import { display } from './context.js';

const OPEN_OBJECT = 0x7b; // {
const CLOSE_OBJECT = 0x7d; // }
const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d; // ]
const COMMA = 0x2c;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

interface Frame {
  /** Keys seen so far; undefined for arrays. */
  keys: Set<string> | undefined;
  /** Whether a segment for the current member is on the path stack. */
  open: boolean;
}

/**
 * `duplicate-key`: the same key twice in one JSON object. `JSON.parse` keeps the last one silently,
 * so in api.json, where models, enums, unions and resources are objects keyed by name, a second
 * `"user"` model would replace the first without a word. API Builder reports these; so does Canon.
 *
 * Scans text that is already known to be valid JSON (call it after parsing succeeded), in one pass
 * without recursion.
 *
 * @example findDuplicateKeys('{"models": {"user": {}, "user": {}}}')
 * // → [{ code: 'duplicate-key', path: '/models/user', message: 'Key "user" appears more than once in /models …' }]
 */
export function findDuplicateKeys(text: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  const frames: Frame[] = [];
  const segments: (string | number)[] = [];
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      const end = stringEnd(text, i);
      if (expectKey) {
        const raw = text.slice(i + 1, end);
        const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
        const frame = frames[frames.length - 1]!;
        if (frame.keys!.has(key)) {
          const where = pointer('', ...segments);
          found.push({
            code: 'duplicate-key',
            path: pointer(where, key),
            message: `Key "${display(key)}" appears more than once in ${where === '' ? 'the document root' : where}; JSON keeps only the last one. Rename or merge them.`,
          });
        }
        frame.keys!.add(key);
        segments.push(key);
        frame.open = true;
        expectKey = false;
      }
      i = end;
    } else if (c === OPEN_OBJECT) {
      frames.push({ keys: new Set(), open: false });
      expectKey = true;
    } else if (c === OPEN_ARRAY) {
      frames.push({ keys: undefined, open: true });
      segments.push(0);
    } else if (c === COMMA) {
      const frame = frames[frames.length - 1]!;
      if (frame.keys === undefined) {
        segments[segments.length - 1] = (segments[segments.length - 1] as number) + 1;
      } else {
        segments.pop();
        frame.open = false;
        expectKey = true;
      }
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (frames.pop()?.open) segments.pop();
      expectKey = false;
    }
  }
  return found;
}

/** Index of the quote that closes the string opening at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  for (;;) {
    const next = text.indexOf('"', i);
    if (next === -1) return text.length;
    let backslashes = 0;
    for (let j = next - 1; text.charCodeAt(j) === BACKSLASH; j--) backslashes++;
    if (backslashes % 2 === 0) return next;
    i = next + 1;
  }
}
