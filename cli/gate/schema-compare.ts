import { locatePointers } from '../../core/json-locate.js';
import {
  type CompatibilityPolicy,
  compareSchemas,
  type JsonSchema,
  SchemaReferenceError,
  toChange,
} from '../../core/json-schema-compat/index.js';
import { isJsonSchemaDocument } from '../../core/json-schema-document.js';
import type { SpecReport } from './report.js';

/** True for a document that declares itself JSON Schema (`$schema` of json-schema.org). */
export function isJsonSchemaText(text: string): boolean {
  try {
    return isJsonSchemaDocument(JSON.parse(text));
  } catch {
    return false;
  }
}

function parse(text: string, which: string): { schema?: JsonSchema; problem?: string } {
  try {
    const value = JSON.parse(text) as unknown;
    if (
      typeof value === 'boolean' ||
      (typeof value === 'object' && value !== null && !Array.isArray(value))
    ) {
      return { schema: value as JsonSchema };
    }
    return { problem: `${which}: a JSON Schema is an object or a boolean` };
  } catch (error) {
    return { problem: `${which}: not JSON (${(error as Error).message})` };
  }
}

/**
 * `canon diff` on two JSON Schema documents: Confluent's difference types as Canon changes
 * (`core/json-schema-compat`), breaking when the new schema cannot read what the old one
 * accepted under the policy, each located at its line in the new file.
 */
export function compareSchemaTexts(
  file: string,
  before: string,
  after: string,
  policy: CompatibilityPolicy,
): SpecReport {
  const old = parse(before, 'old version');
  const now = parse(after, 'new version');
  const problems = [old.problem, now.problem].filter((p) => p !== undefined);
  const invalid = (messages: string[]): SpecReport => ({
    file,
    status: 'invalid',
    changes: [],
    findings: [],
    diagnostics: messages.map((message) => ({ code: 'invalid-json-schema', path: '', message })),
  });
  if (problems.length > 0) return invalid(problems);
  try {
    const changes = compareSchemas({ schema: old.schema! }, { schema: now.schema! }).map((d) =>
      toChange(d, policy),
    );
    const pointers = changes.map((c) => c.path.slice(1));
    const positions = locatePointers(after, pointers);
    return {
      file,
      status: 'compared',
      changes: changes.map((c) => {
        const line = positions.get(c.path.slice(1))?.line;
        return line === undefined ? c : { ...c, line };
      }),
      findings: [],
      diagnostics: [],
    };
  } catch (error) {
    if (error instanceof SchemaReferenceError) {
      return invalid([`${error.message} (canon diff follows references inside each file only)`]);
    }
    throw error;
  }
}
