import { type Diagnostic, pointer, pointerSegments } from '../diagnostic.js';
import { asString, DATA_KEYS, entries, isObject, type Json } from './json.js';
import { baseName } from './service-info.js';

/** Keywords that make a root schema a type of its own, not only a container of `$defs`. */
const TYPE_KEYWORDS = [
  'type',
  'properties',
  'items',
  'allOf',
  'anyOf',
  'oneOf',
  'enum',
  'const',
  '$ref',
  'additionalProperties',
];

export interface JsonSchemaAsOpenApi {
  /** An OpenAPI document whose components are the schema's definitions (and its root). */
  doc: Json;
  /** Maps a pointer into `doc` back to the JSON Schema document. */
  translate: (p: string) => string;
  /** References the conversion could not keep (to other files), each an error at its place. */
  diagnostics: Diagnostic[];
}

/**
 * Reads a JSON Schema document (draft-04 to 2020-12) as the OpenAPI document the importer
 * understands: every `$defs` (or draft-07 `definitions`) entry becomes a component schema, and the
 * root, when it describes a value itself, one more named after its `title` (else the file name).
 * Local references are rewritten to the components, a definition's own `$id` included; references
 * to other documents cannot be followed and are reported. Draft-04 documents become OpenAPI 3.0
 * (boolean `exclusiveMinimum`, as in that draft), later drafts OpenAPI 3.1.
 */
export function jsonSchemaAsOpenApi(schema: Json, file?: string): JsonSchemaAsOpenApi {
  const title = asString(schema.title) ?? baseName(file?.replace(/\.schema\.json$/i, '.json')) ?? 'schema';
  const components: Json = Object.create(null) as Json;
  /** Component name → the pointer of its schema in the JSON Schema document. */
  const origin = new Map<string, string>();
  /** Local references and `$id`s → the component they name. */
  const targets = new Map<string, string>();

  for (const section of ['$defs', 'definitions']) {
    for (const [name, value] of entries(schema[section])) {
      if (Object.hasOwn(components, name)) continue; // `$defs` wins over a `definitions` twin
      components[name] = value;
      origin.set(name, pointer('', section, name));
      targets.set(`#${pointer('', section, name)}`, name);
      const id = isObject(value) ? asString(value.$id) : undefined;
      if (id !== undefined) targets.set(id, name);
    }
  }
  if (TYPE_KEYWORDS.some((key) => Object.hasOwn(schema, key))) {
    let root = title;
    while (Object.hasOwn(components, root)) root = `${root}_root`;
    const { $schema: _, $id: __, $defs: ___, definitions: ____, ...own } = schema;
    components[root] = own;
    origin.set(root, '');
    targets.set('#', root);
    const id = asString(schema.$id);
    if (id !== undefined) targets.set(id, root);
  }

  const diagnostics: Diagnostic[] = [];
  const rootName = targets.get('#');
  /** The component reference a local reference becomes, or undefined for one to another file. */
  const resolve = (ref: string): string | undefined => {
    const named = targets.get(ref);
    if (named !== undefined) return componentRef(named);
    for (const [name, from] of origin) {
      // A reference into a definition (`#/$defs/Address/properties/city`) follows it inline.
      if (from !== '' && ref.startsWith(`#${from}/`))
        return `${componentRef(name)}${ref.slice(from.length + 1)}`;
    }
    if (ref.startsWith('#/') && rootName !== undefined) return `${componentRef(rootName)}${ref.slice(1)}`;
    if (ref.startsWith('#')) return ref; // missing or malformed: the importer reports it where it is used
    return undefined;
  };
  const rewrite = (value: unknown, at: string): unknown => {
    if (Array.isArray(value)) return value.map((item, i) => rewrite(item, `${at}/${i}`));
    if (!isObject(value)) return value;
    const out: Json = Object.create(null) as Json;
    for (const [key, child] of Object.entries(value)) {
      const here = pointer(at, key);
      if (key !== '$ref' || typeof child !== 'string')
        out[key] = DATA_KEYS.has(key) ? child : rewrite(child, here);
      else {
        const local = resolve(child);
        if (local !== undefined) out.$ref = local;
        // Dropped, so the value is typed as what the rest of its schema says (else `unknown`).
        else
          diagnostics.push({
            code: 'external-ref',
            path: here,
            message: `$ref '${child}' points outside this schema. Canon reads one document and does not fetch others; copy the target under "$defs" and refer to it as '#/$defs/Name'.`,
          });
      }
    }
    return out;
  };
  const schemas: Json = Object.create(null) as Json;
  for (const [name, value] of Object.entries(components)) schemas[name] = rewrite(value, origin.get(name)!);

  const dialect = asString(schema.$schema) ?? '';
  const doc: Json = {
    openapi: /draft-0[34]\//.test(dialect) ? '3.0.3' : '3.1.0',
    info: {
      title,
      version: '0.0.0',
      ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
    },
    components: { schemas },
  };
  return { doc, translate: (p) => translateBack(origin, p), diagnostics };
}

function componentRef(name: string): string {
  return `#${pointer('/components/schemas', name)}`;
}

function translateBack(origin: ReadonlyMap<string, string>, p: string): string {
  const segments = pointerSegments(p);
  if (segments[0] !== 'components' || segments[1] !== 'schemas' || segments[2] === undefined) return '';
  const from = origin.get(segments[2]);
  return from === undefined ? '' : pointer(from, ...segments.slice(3));
}
