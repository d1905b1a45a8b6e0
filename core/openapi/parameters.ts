import { pointer } from '../diagnostic.js';
import { PARAMETER_STYLES, type Parameter, type ParameterStyle } from '../ir.js';
import { readConstraints } from './constraints.js';
import type { ImportContext } from './context.js';
import { describe } from './describe.js';
import { extAttributes, extensionOf } from './extensions.js';
import { asArray, asString, isObject, type Json, jsonCopy, wireText } from './json.js';
import { exampleText, itemConstraintsOf } from './model.js';
import { schemaType } from './schema.js';

/** A parameter as found: the resolved object and its pointer. */
export interface ParameterSource {
  value: Json;
  path: string;
}

/**
 * Path-item parameters overridden by operation parameters of the same `in` + `name`, resolved
 * through `$ref`s, in declaration order.
 */
export function mergedParameters(
  ctx: ImportContext,
  itemParams: unknown,
  itemPath: string,
  opParams: unknown,
  opPath: string,
): ParameterSource[] {
  const merged = new Map<string, ParameterSource>();
  const add = (list: unknown, base: string) =>
    asArray(list).forEach((p, i) => {
      const resolved = ctx.deref(p, pointer(base, 'parameters', i));
      if (!resolved) return;
      const key = `${String(resolved.value.in)} ${String(resolved.value.name)}`;
      merged.delete(key);
      merged.set(key, resolved);
    });
  add(itemParams, itemPath);
  add(opParams, opPath);
  return [...merged.values()];
}

const LOCATIONS = new Set(['path', 'query', 'header']);

/** One parameter in path, query or header. Cookie parameters are reported and left out. */
export function buildParameter(
  ctx: ImportContext,
  source: ParameterSource,
  operationName: string,
): Parameter | undefined {
  const { value: p, path } = source;
  const name = asString(p.name);
  const location = asString(p.in);
  if (name === undefined || location === undefined) {
    ctx.error(
      'invalid-parameter',
      path,
      'A parameter needs a "name" and an "in" (path, query, header or cookie).',
    );
    return undefined;
  }
  if (!LOCATIONS.has(location)) {
    ctx.warn(
      location === 'cookie' ? 'cookie-parameter' : 'invalid-parameter',
      path,
      `Parameter '${name}' in ${location} is not supported (only path, query and header); it is left out. Send it some other way or drop it.`,
    );
    return undefined;
  }
  let schema: unknown = p.schema;
  let schemaPath = pointer(path, 'schema');
  if (schema === undefined && isObject(p.content)) {
    const [mediaType, media] = Object.entries(p.content)[0] ?? [];
    if (mediaType !== undefined && isObject(media)) {
      schema = media.schema;
      schemaPath = pointer(path, 'content', mediaType, 'schema');
    }
  }
  const type =
    schema === undefined
      ? { kind: 'primitive' as const, name: 'string' as const }
      : schemaType(ctx, schema, schemaPath, `${operationName}_${name}`);
  const s = isObject(schema) ? schema : {};
  const parameter: Parameter = {
    name,
    type,
    location: location as Parameter['location'],
    required: location === 'path' || p.required === true,
    attributes: [],
  };
  const def = wireText(s.default);
  if (def !== undefined) parameter.default = def;
  readConstraints(parameter, s, type, (pattern) =>
    ctx.warn(
      'invalid-pattern',
      path,
      `pattern '${pattern}' is not an ECMAScript regular expression (with the u flag); it is kept in the 'openapi' attribute and not checked. Rewrite it in ECMAScript syntax.`,
    ),
  );
  const items = itemConstraintsOf(ctx, s, type, path);
  if (items) parameter.items = items;
  const example = p.example !== undefined ? wireText(p.example) : exampleText(s);
  if (example !== undefined) parameter.example = example;
  describe(parameter, p);
  const style = asString(p.style);
  if (style !== undefined && (PARAMETER_STYLES as readonly string[]).includes(style))
    parameter.style = style as ParameterStyle;
  if (typeof p.explode === 'boolean') parameter.explode = p.explode;
  const ext = extensionOf(p);
  if (ext) parameter.attributes = extAttributes(ext) ?? [];
  else if (p.allowReserved !== undefined)
    parameter.attributes.push({ name: 'openapi', value: { allowReserved: jsonCopy(p.allowReserved) } });
  if (!SUPPORTED_STYLES[location]?.has(parameter.style ?? DEFAULT_STYLES[location]!)) {
    ctx.warn(
      'parameter-style',
      path,
      `Parameter '${name}' in ${location} uses style ${String(p.style)}, which generated code does not write or read (${[...SUPPORTED_STYLES[location]!].join(', ')} only); it is sent as plain text. Use a supported style.`,
    );
  }
  return ctx.at(parameter, path);
}

/** OpenAPI's default style per location. */
const DEFAULT_STYLES: Readonly<Record<string, ParameterStyle>> = {
  path: 'simple',
  query: 'form',
  header: 'simple',
};

/** The styles generated clients write and generated routes read, per location. */
const SUPPORTED_STYLES: Readonly<Record<string, ReadonlySet<string>>> = {
  path: new Set(['simple']),
  query: new Set(['form', 'spaceDelimited', 'pipeDelimited', 'deepObject']),
  header: new Set(['simple']),
};
