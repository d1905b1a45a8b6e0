/**
 * Resolving `$ref` in JSON Schema documents: local JSON pointers (`#/$defs/address`,
 * `#/definitions/address`) and references to other registered documents by name
 * (`address.json`, `address.json#/$defs/street`), as Confluent's references `{name, subject,
 * version}` provide them. A chain of references that leads back to itself without any schema
 * in between is an error: nothing could ever be validated against it.
 */

/** A JSON Schema: an object, or `true` / `false`. */
export type JsonSchema = boolean | { [keyword: string]: unknown };

/** A schema together with the document it belongs to (its local references point into that). */
export interface Located {
  schema: JsonSchema;
  document: JsonSchema;
  /** The referenced document's name, or '' for the schema being checked. */
  documentName: string;
}

/** Other documents a schema may reference, by the name its `$ref` uses. */
export type ReferencedDocuments = ReadonlyMap<string, JsonSchema>;

export class SchemaReferenceError extends Error {
  constructor(
    message: string,
    readonly pointer: string,
  ) {
    super(message);
    this.name = 'SchemaReferenceError';
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The value at a JSON pointer (`/a/b~1c`), or undefined. */
export function atPointer(document: unknown, pointer: string): unknown {
  if (pointer === '' || pointer === '/') return pointer === '' ? document : (document as never)?.[''];
  if (!pointer.startsWith('/')) return undefined;
  let value: unknown = document;
  for (const raw of pointer.slice(1).split('/')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (Array.isArray(value)) value = /^(0|[1-9]\d*)$/.test(key) ? value[Number(key)] : undefined;
    else if (isObject(value) && Object.hasOwn(value, key)) value = value[key];
    else return undefined;
  }
  return value;
}

const DOCUMENT_KEYWORDS = ['$defs', 'definitions', '$schema', '$id', 'id', '$comment', '$anchor'];

/**
 * Follows `$ref` until a schema without one. Sibling keywords of a `$ref` (allowed since
 * 2019-09) are laid over the target, so `{"$ref": "#/$defs/a", "description": "…"}` is compared
 * as `a` with that description.
 */
export function resolve(located: Located, references: ReferencedDocuments, pointer: string): Located {
  let current = located;
  const seen = new Set<unknown>();
  let overlay: Record<string, unknown> | undefined;
  while (isObject(current.schema) && typeof current.schema.$ref === 'string') {
    if (seen.has(current.schema)) {
      throw new SchemaReferenceError(
        `The reference at ${pointer} leads back to itself through $ref alone; point it at a schema.`,
        pointer,
      );
    }
    seen.add(current.schema);
    const { $ref, ...siblings } = current.schema;
    // Definitions and document identifiers beside a root `$ref` describe the document, not the value.
    for (const key of DOCUMENT_KEYWORDS) delete siblings[key];
    if (Object.keys(siblings).length > 0) overlay = { ...siblings, ...overlay };
    current = follow(current, $ref as string, references, pointer);
  }
  if (overlay === undefined) return current;
  const base = current.schema === true ? {} : current.schema === false ? { not: {} } : current.schema;
  return { ...current, schema: { ...base, ...overlay } };
}

function follow(from: Located, ref: string, references: ReferencedDocuments, pointer: string): Located {
  const hash = ref.indexOf('#');
  const name = hash < 0 ? ref : ref.slice(0, hash);
  const fragment = hash < 0 ? '' : ref.slice(hash + 1);
  let document = from.document;
  let documentName = from.documentName;
  if (name !== '') {
    const referenced = references.get(name);
    if (referenced === undefined) {
      throw new SchemaReferenceError(
        `The reference '${ref.slice(0, 200)}' at ${pointer} names no referenced schema; add a reference named '${name.slice(0, 200)}' (subject and version) or fix the $ref.`,
        pointer,
      );
    }
    document = referenced;
    documentName = name;
  }
  const target = atPointer(document, fragment);
  if (typeof target !== 'boolean' && !isObject(target)) {
    throw new SchemaReferenceError(
      `The reference '${ref.slice(0, 200)}' at ${pointer} points at nothing in ${documentName === '' ? 'this schema' : `'${documentName.slice(0, 200)}'`}.`,
      pointer,
    );
  }
  return { schema: target, document, documentName };
}

/**
 * Checks that every `$ref` in a document (and in the documents it references) resolves, and
 * that no chain of references loops on itself. Throws `SchemaReferenceError` on the first that
 * does not.
 */
export function checkReferences(document: JsonSchema, references: ReferencedDocuments): void {
  const visited = new Set<unknown>();
  const stack: { located: Located; pointer: string }[] = [
    { located: { schema: document, document, documentName: '' }, pointer: '#' },
  ];
  while (stack.length > 0) {
    const { located, pointer } = stack.pop()!;
    const value = located.schema as unknown;
    if (!isObject(value) && !Array.isArray(value)) continue;
    if (visited.has(value)) continue;
    visited.add(value);
    if (isObject(value) && typeof value.$ref === 'string') {
      const target = resolve(located, references, pointer);
      stack.push({ located: target, pointer: `${pointer}/$ref` });
    }
    const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
    for (const [key, child] of entries) {
      if (key === 'enum' || key === 'const' || key === 'default' || key === 'examples') continue;
      if (typeof child !== 'object' || child === null) continue;
      stack.push({
        located: { ...located, schema: child as JsonSchema },
        pointer: `${pointer}/${String(key).replaceAll('~', '~0').replaceAll('/', '~1')}`,
      });
    }
  }
}
