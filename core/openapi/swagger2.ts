import { pointer } from '../diagnostic.js';
import { asArray, asString, DATA_KEYS, dict, entries, isObject, type Json } from './json.js';

/** Swagger 2.0 keywords of non-body parameters and headers that are schema keywords in 3.x. */
const SCHEMA_KEYS = [
  'type',
  'format',
  'items',
  'enum',
  'default',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'pattern',
  'minItems',
  'maxItems',
  'uniqueItems',
  'multipleOf',
] as const;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

/**
 * Converts a Swagger 2.0 document to the OpenAPI 3.0 shape the importer reads: definitions,
 * parameters and responses move under components, `in: body` and `in: formData` parameters
 * become request bodies, response schemas become content, host + basePath a server. `translate`
 * maps pointers of the converted document back to the 2.0 one, so warnings point at the input.
 */
export function swagger2ToOpenApi3(doc: Json): { doc: Json; translate: (p: string) => string } {
  const back = new Map<string, string>([
    ['/components/schemas', '/definitions'],
    ['/components/parameters', '/parameters'],
    ['/components/responses', '/responses'],
    ['/components/securitySchemes', '/securityDefinitions'],
  ]);
  const consumes = mediaOf(doc.consumes);
  const produces = mediaOf(doc.produces);
  const out: Json = { openapi: '3.0.3', info: doc.info ?? {} };
  for (const key of ['tags', 'externalDocs', 'security']) if (doc[key] !== undefined) out[key] = doc[key];
  for (const [key, value] of Object.entries(doc)) if (key.startsWith('x-')) out[key] = value;
  const host = asString(doc.host);
  const basePath = asString(doc.basePath) ?? '';
  if (host !== undefined)
    out.servers = [{ url: `${asString(asArray(doc.schemes)[0]) ?? 'https'}://${host}${basePath}` }];
  else if (basePath !== '') out.servers = [{ url: basePath }];

  const parameters: Json = dict();
  for (const [name, p] of entries(doc.parameters)) {
    if (isObject(p) && p.in !== 'body' && p.in !== 'formData') parameters[name] = convertParameter(p);
  }
  const responses: Json = dict();
  for (const [name, r] of entries(doc.responses))
    responses[name] = convertResponse(
      r,
      produces,
      pointer('/components/responses', name),
      back,
      pointer('/responses', name),
    );
  out.components = {
    schemas: isObject(doc.definitions)
      ? Object.fromEntries(Object.entries(doc.definitions).map(([n, s]) => [n, rewrite(s)]))
      : {},
    parameters,
    responses,
    ...(doc.securityDefinitions !== undefined ? { securitySchemes: doc.securityDefinitions } : {}),
  };

  const paths: Json = dict();
  for (const [template, item] of entries(doc.paths)) {
    if (!isObject(item)) continue;
    const itemPath = pointer('/paths', template);
    const converted: Json = {};
    const shared = asArray(item.parameters);
    converted.parameters = shared
      .filter((p) => !isBodyLike(doc, p))
      .map((p) => (isObject(p) && p.$ref === undefined ? convertParameter(p) : rewrite(p)));
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.includes(method) || !isObject(op)) continue;
      const opPath = pointer(itemPath, method);
      converted[method] = convertOperation(doc, op, opPath, shared, {
        consumes: op.consumes !== undefined ? mediaOf(op.consumes) : consumes,
        produces: op.produces !== undefined ? mediaOf(op.produces) : produces,
        back,
      });
    }
    paths[template] = converted;
  }
  out.paths = paths;
  return { doc: out, translate: (p) => translatePointer(back, p) };
}

interface OperationContext {
  consumes: string[];
  produces: string[];
  back: Map<string, string>;
}

function convertOperation(doc: Json, op: Json, opPath: string, shared: unknown[], c: OperationContext): Json {
  const out: Json = {};
  for (const [key, value] of Object.entries(op)) {
    if (!['parameters', 'responses', 'consumes', 'produces', 'schemes'].includes(key)) out[key] = value;
  }
  const params: unknown[] = [];
  const form: { properties: Json; required: string[]; file: boolean; at: number[] } = {
    properties: dict(),
    required: [],
    file: false,
    at: [],
  };
  const all = [
    ...shared.map((p) => [p, -1] as const),
    ...asArray(op.parameters).map((p, i) => [p, i] as const),
  ];
  for (const [raw, index] of all) {
    const p = resolveParameter(doc, raw);
    const originalPath =
      index < 0 ? opPath.replace(/\/[^/]+$/, '/parameters') : pointer(opPath, 'parameters', index);
    if (!p) {
      if (index >= 0) params.push(rewrite(raw));
      continue;
    }
    if (p.in === 'body') {
      const mediaType = pickMedia(c.consumes);
      out.requestBody = {
        ...(p.description !== undefined ? { description: p.description } : {}),
        required: p.required === true,
        content: { [mediaType]: { schema: rewrite(p.schema ?? {}) } },
      };
      c.back.set(
        pointer(opPath, 'requestBody', 'content', mediaType, 'schema'),
        pointer(originalPath, 'schema'),
      );
      c.back.set(pointer(opPath, 'requestBody'), originalPath);
    } else if (p.in === 'formData') {
      const name = asString(p.name) ?? '';
      form.properties[name] = {
        ...parameterSchema(p),
        ...(p.description !== undefined ? { description: p.description } : {}),
      };
      if (p.required === true) form.required.push(name);
      if (p.type === 'file') form.file = true;
      form.at.push(index);
    } else if (index >= 0) {
      params.push(isObject(raw) && raw.$ref !== undefined ? rewrite(raw) : convertParameter(p));
    }
  }
  if (Object.keys(form.properties).length > 0) {
    const mediaType =
      form.file || c.consumes.some((m) => m.startsWith('multipart/'))
        ? 'multipart/form-data'
        : 'application/x-www-form-urlencoded';
    out.requestBody = {
      required: form.required.length > 0,
      content: {
        [mediaType]: { schema: { type: 'object', properties: form.properties, required: form.required } },
      },
    };
    c.back.set(pointer(opPath, 'requestBody'), pointer(opPath, 'parameters'));
    c.back.set(pointer(opPath, 'requestBody', 'content', mediaType), pointer(opPath, 'parameters'));
    Object.keys(form.properties).forEach((name, i) => {
      const index = form.at[i]!;
      const original =
        index < 0 ? opPath.replace(/\/[^/]+$/, '/parameters') : pointer(opPath, 'parameters', index);
      c.back.set(
        pointer(opPath, 'requestBody', 'content', mediaType, 'schema', 'properties', name),
        original,
      );
    });
  }
  out.parameters = params;
  const responses: Json = {};
  for (const [code, r] of entries(op.responses)) {
    responses[code] = convertResponse(
      r,
      c.produces,
      pointer(opPath, 'responses', code),
      c.back,
      pointer(opPath, 'responses', code),
    );
  }
  out.responses = responses;
  return out;
}

function convertResponse(
  r: unknown,
  produces: string[],
  path: string,
  back: Map<string, string>,
  original: string,
): unknown {
  if (!isObject(r)) return r;
  if (r.$ref !== undefined) return rewrite(r);
  const out: Json = { description: r.description ?? '' };
  if (r.schema !== undefined) {
    const mediaType = pickMedia(produces);
    out.content = { [mediaType]: { schema: rewrite(r.schema) } };
    back.set(pointer(path, 'content', mediaType, 'schema'), pointer(original, 'schema'));
  }
  if (isObject(r.headers)) {
    const headers: Json = dict();
    for (const [name, h] of entries(r.headers)) {
      if (isObject(h))
        headers[name] = {
          ...(h.description !== undefined ? { description: h.description } : {}),
          schema: parameterSchema(h),
        };
    }
    out.headers = headers;
  }
  return out;
}

function convertParameter(p: Json): Json {
  const out: Json = { name: p.name, in: p.in };
  for (const key of ['description', 'required', 'deprecated', 'allowEmptyValue'])
    if (p[key] !== undefined) out[key] = p[key];
  for (const [key, value] of Object.entries(p)) if (key.startsWith('x-')) out[key] = value;
  out.schema = parameterSchema(p);
  if (p.collectionFormat === 'multi') out.explode = true;
  else if (p.type === 'array' && p.in === 'query') {
    out.explode = false;
    if (p.collectionFormat === 'ssv') out.style = 'spaceDelimited';
    if (p.collectionFormat === 'pipes') out.style = 'pipeDelimited';
  }
  return out;
}

function parameterSchema(p: Json): Json {
  if (p.schema !== undefined) return rewrite(p.schema) as Json;
  const schema: Json = {};
  for (const key of SCHEMA_KEYS) if (p[key] !== undefined) schema[key] = p[key];
  if (isObject(p.items)) schema.items = parameterSchema(p.items);
  if (p.type === 'file') {
    schema.type = 'string';
    schema.format = 'binary';
  }
  return schema;
}

function resolveParameter(doc: Json, p: unknown): Json | undefined {
  if (!isObject(p)) return undefined;
  if (typeof p.$ref !== 'string') return p;
  const match = /^#\/parameters\/(.+)$/.exec(p.$ref);
  if (!match) return undefined;
  const name = match[1]!.replaceAll('~1', '/').replaceAll('~0', '~');
  const target = isObject(doc.parameters) ? doc.parameters[name] : undefined;
  return isObject(target) ? target : undefined;
}

function isBodyLike(doc: Json, p: unknown): boolean {
  const resolved = resolveParameter(doc, p);
  return resolved?.in === 'body' || resolved?.in === 'formData';
}

function mediaOf(value: unknown): string[] {
  return asArray(value).filter((m): m is string => typeof m === 'string');
}

function pickMedia(list: string[]): string {
  return list.find((m) => /json/i.test(m)) ?? list[0] ?? 'application/json';
}

/** Keys whose values map names to schemas: there a key named `default` or `example` is a name. */
const NAME_MAPS = new Set(['properties', 'definitions', 'patternProperties']);

/** A deep copy with `$ref`s moved to their 3.x locations; example payloads are copied as data. */
function rewrite(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => rewrite(v));
  if (!isObject(value)) return value;
  const out: Json = dict();
  for (const [key, v] of Object.entries(value)) {
    if (key === '$ref' && typeof v === 'string') out[key] = moveRef(v);
    else if (DATA_KEYS.has(key) || key.startsWith('x-')) out[key] = v;
    else if (NAME_MAPS.has(key) && isObject(v))
      out[key] = Object.fromEntries(Object.entries(v).map(([n, s]) => [n, rewrite(s)]));
    else out[key] = rewrite(v);
  }
  return out;
}

function moveRef(ref: string): string {
  return ref
    .replace(/^#\/definitions\//, '#/components/schemas/')
    .replace(/^#\/parameters\//, '#/components/parameters/')
    .replace(/^#\/responses\//, '#/components/responses/');
}

/** Maps a converted pointer to the source: the longest recorded prefix wins. */
function translatePointer(back: Map<string, string>, p: string): string {
  let head = p;
  let tail = '';
  for (;;) {
    const to = back.get(head);
    if (to !== undefined) return to + tail;
    const cut = head.lastIndexOf('/');
    if (cut <= 0) return p;
    tail = head.slice(cut) + tail;
    head = head.slice(0, cut);
  }
}
