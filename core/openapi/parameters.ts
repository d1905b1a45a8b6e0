import { pointer } from '../diagnostic.js';
import type { JsonObject, Parameter } from '../ir.js';
import type { ImportContext } from './context.js';
import { describe } from './describe.js';
import { extAttributes, extensionOf } from './extensions.js';
import { asArray, asNumber, asString, isObject, type Json, jsonCopy, wireText } from './json.js';
import { exampleText } from './model.js';
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
  const minimum = asNumber(s.minimum);
  if (minimum !== undefined) parameter.minimum = minimum;
  const maximum = asNumber(s.maximum);
  if (maximum !== undefined) parameter.maximum = maximum;
  const example = p.example !== undefined ? wireText(p.example) : exampleText(s);
  if (example !== undefined) parameter.example = example;
  describe(parameter, p);
  const ext = extensionOf(p);
  if (ext) parameter.attributes = extAttributes(ext) ?? [];
  else {
    const style: JsonObject = {};
    if (p.style !== undefined) style.style = jsonCopy(p.style);
    if (p.explode !== undefined) style.explode = jsonCopy(p.explode);
    if (p.allowReserved !== undefined) style.allowReserved = jsonCopy(p.allowReserved);
    if (Object.keys(style).length > 0) {
      parameter.attributes.push({ name: 'openapi', value: style });
      if (
        p.style === 'deepObject' ||
        p.style === 'spaceDelimited' ||
        p.style === 'pipeDelimited' ||
        p.explode === false
      ) {
        ctx.warn(
          'parameter-style',
          path,
          `Parameter '${name}' uses style ${String(p.style ?? 'form')}${p.explode === false ? ' without explode' : ''}; generated clients serialize query parameters in the default form style, so this is kept only in the 'openapi' attribute.`,
        );
      }
    }
  }
  return ctx.at(parameter, path);
}
