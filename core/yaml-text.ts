import { parseDocument } from 'yaml';
import type { JsonParseResult } from './json-text.js';

/** Parses YAML (OpenAPI documents often come as YAML), with line and column on failure. */
export function parseYaml(text: string): JsonParseResult {
  let doc: ReturnType<typeof parseDocument>;
  let value: unknown;
  try {
    doc = parseDocument(text);
    value = doc.errors.length === 0 ? doc.toJS({ maxAliasCount: 1000 }) : undefined;
  } catch (error) {
    // The YAML library recurses per nesting level; a hostile document overflows its stack.
    if (!(error instanceof RangeError)) throw error;
    return {
      ok: false,
      diagnostic: {
        code: 'too-deep',
        path: '',
        message:
          'The document is nested too deeply to parse. Specs nest a few levels; check the file is a spec.',
      },
    };
  }
  const error = doc.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    const where = at ? ` at line ${at.line}, column ${at.col}` : '';
    return {
      ok: false,
      diagnostic: {
        code: 'malformed-yaml',
        path: '',
        message: `Malformed YAML${where}: ${error.message.split('\n')[0]}. Fix the syntax there and try again.`,
        ...(at ? { line: at.line, column: at.col } : {}),
      },
    };
  }
  return { ok: true, value };
}
