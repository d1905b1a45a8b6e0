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
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    if (error instanceof RangeError) {
      return fail(
        'too-deep',
        'The document is nested too deeply to parse. Specs nest a few levels; check the file is a spec.',
      );
    }
    const message = error instanceof Error ? error.message : String(error);
    const position = errorPosition(message, text);
    const { line, column } = lineColumn(text, position);
    const reason = message
      .replace(/,? ?(in JSON )?at position \d+.*$/s, '')
      .replace(/ \(line \d+ column \d+\)$/, '');
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

function errorPosition(message: string, text: string): number {
  const match = /at position (\d+)/.exec(message);
  if (match) return Number(match[1]);
  return text.length;
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
