import type { Diagnostic } from './diagnostic.js';

/** Specs larger than this are refused before parsing (the registry and CLI accept the same). */
export const MAX_SPEC_BYTES = 64 * 1024 * 1024;

export type JsonParseResult = { ok: true; value: unknown } | { ok: false; diagnostic: Diagnostic };

/**
 * Parses JSON text, turning every failure into one precise diagnostic: malformed JSON with its
 * line and column, an empty document, nesting too deep for the parser, a document over the limit.
 */
export function parseJsonText(text: string, maxBytes = MAX_SPEC_BYTES): JsonParseResult {
  if (text.length > maxBytes) {
    return fail(
      'too-large',
      `The document is ${text.length} characters; the limit is ${maxBytes}. Split the spec or raise the limit.`,
    );
  }
  if (text.trim() === '') {
    return fail(
      'empty-document',
      'The document is empty. A spec is a JSON object such as {"name": "my service"}.',
    );
  }
  // A byte order mark is how some editors start UTF-8 files; it is not part of the JSON.
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const json = bom ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(json) };
  } catch (error) {
    if (error instanceof RangeError) {
      return fail(
        'too-deep',
        'The document is nested too deeply to parse. Specs nest a few levels; check the file is a spec.',
      );
    }
    const message = error instanceof Error ? error.message : String(error);
    const { line, column } = lineColumn(text, bom + errorOffset(message, json));
    const reason = printable(
      message
        .replace(/,? ?(in JSON )?at position \d+.*$/s, '')
        .replace(/^(Unexpected token '.'), .*$/su, '$1')
        .replace(/ \(line \d+ column \d+\)$/, ''),
    );
    return {
      ok: false,
      diagnostic: {
        code: 'malformed-json',
        path: '',
        message: `Malformed JSON at line ${line}, column ${column}: ${reason}. Fix the syntax there and try again.`,
        line,
        column,
      },
    };
  }
}

function fail(code: string, message: string): JsonParseResult {
  return { ok: false, diagnostic: { code, path: '', message } };
}

/**
 * Where JSON.parse failed. Most of V8's messages say `at position N`; "Unexpected token" does not,
 * so the first offending character is found by bisecting on prefixes: a prefix that stops before
 * it fails only as incomplete, one that includes it fails as invalid. (Failure path only.)
 */
function errorOffset(message: string, text: string): number {
  const match = /at position (\d+)/.exec(message);
  if (match) return Number(match[1]);
  if (!message.startsWith('Unexpected token')) return text.length;
  let valid = 0;
  let invalid = text.length;
  while (invalid - valid > 1) {
    const mid = (valid + invalid) >> 1;
    if (prefixIsInvalid(text.slice(0, mid))) invalid = mid;
    else valid = mid;
  }
  return invalid - 1;
}

function prefixIsInvalid(prefix: string): boolean {
  try {
    JSON.parse(prefix);
    return false;
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    const at = /at position (\d+)/.exec(message);
    if (at) return Number(at[1]) < prefix.length;
    return !message.startsWith('Unexpected end');
  }
}

/** Keeps messages readable on a terminal when the input is binary: non-printable → `\u{…}`. */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}

/** 1-based line and column of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  return lineIndex(text)(offset);
}

/**
 * Builds a reusable offset → line/column lookup for `text` (one scan, then binary search), for
 * when many positions in one document are needed.
 */
export function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    const target = Math.max(0, Math.min(offset, text.length));
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= target) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: target - starts[lo]! + 1 };
  };
}
