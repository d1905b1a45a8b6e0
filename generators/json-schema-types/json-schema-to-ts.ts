import { generate } from 'json-schema-to-typescript/dist/src/generator.js';
import { DEFAULT_OPTIONS, type Options } from 'json-schema-to-typescript/dist/src/index.js';
import { link } from 'json-schema-to-typescript/dist/src/linker.js';
import { normalize } from 'json-schema-to-typescript/dist/src/normalizer.js';
import { optimize } from 'json-schema-to-typescript/dist/src/optimizer.js';
import { nameAnonymousRecursiveTypes, parse } from 'json-schema-to-typescript/dist/src/parser.js';
import type { JSONSchema } from 'json-schema-to-typescript/dist/src/types/JSONSchema.js';
import { atPointer } from '../../core/json-schema-compat/schema-refs.js';

/**
 * json-schema-to-typescript's pipeline without its two asynchronous steps, so that a generator
 * stays a synchronous pure function: `$ref`s are local JSON pointers (`#/$defs/…`, `#/definitions/…`), resolved here into the
 * object graph its dereferencer would build (recursion as shared objects), and the output is not
 * run through prettier (its `format` step; the text is already laid out by the printer).
 */
export function compileLocalSchema(
  schema: Record<string, unknown>,
  name: string,
  options: Partial<Options>,
): string {
  const settings: Options = { ...DEFAULT_OPTIONS, ...options, format: false };
  const copy = structuredClone(schema);
  const dereferencedPaths = new WeakMap<JSONSchema, string>();
  // Targets are looked up in the original document, before any replacement below.
  const original = structuredClone(schema);
  const targets = new Map<string, unknown>();
  const target = (ref: string) => {
    if (!targets.has(ref)) {
      const found = atPointer(original, ref.slice(1));
      // The replaced graph must share one object per target, so recursion stays finite.
      targets.set(ref, found === undefined ? undefined : atPointer(copy, ref.slice(1)));
    }
    return targets.get(ref) as Record<string, unknown> | undefined;
  };
  const seen = new Set<unknown>();
  const replace = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') return value;
    if (!Array.isArray(value) && typeof (value as { $ref?: unknown }).$ref === 'string') {
      const ref = (value as { $ref: string }).$ref;
      const resolved = ref.startsWith('#/') ? target(ref) : undefined;
      if (resolved) {
        dereferencedPaths.set(resolved as JSONSchema, ref);
        walk(resolved);
        return resolved;
      }
      return {};
    }
    walk(value);
    return value;
  };
  const walk = (value: unknown) => {
    if (seen.has(value) || value === null || typeof value !== 'object') return;
    seen.add(value);
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) record[key] = replace(record[key]);
  };
  walk(copy);
  const linked = link(copy as JSONSchema);
  const normalized = normalize(linked, dereferencedPaths as never, name, settings);
  const processed = new Map();
  const usedNames = new Set<string>();
  const parsed = parse(normalized, settings, undefined, processed, usedNames);
  nameAnonymousRecursiveTypes(parsed, processed, dereferencedPaths as never, usedNames);
  return generate(optimize(parsed, settings), settings);
}
