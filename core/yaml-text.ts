import { parseDocument } from 'yaml';
import type { JsonParseResult } from './json-text.js';

/** Parses YAML (OpenAPI documents often come as YAML), with line and column on failure. */
export function parseYaml(text: string): JsonParseResult {
  const doc = parseDocument(text);
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
  return { ok: true, value: doc.toJS({ maxAliasCount: 1000 }) };
}
