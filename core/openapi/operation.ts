import { pointer } from '../diagnostic.js';
import type {
  Body,
  Header,
  JsonObject,
  Method,
  Operation,
  Parameter,
  ParameterStyle,
  Response,
  ResponseCode,
} from '../ir.js';
import { formatTypeRef, primitive } from '../type-ref.js';
import type { ImportContext } from './context.js';
import { describe } from './describe.js';
import { extAttributes, extensionOf } from './extensions.js';
import { asArray, asString, entries, isObject, type Json, jsonCopy } from './json.js';
import { chooseMedia, FORM, isJsonMedia, MULTIPART } from './media.js';
import { buildField } from './model.js';
import { buildParameter, mergedParameters } from './parameters.js';
import { followRef, refOf } from './refs.js';
import { schemaType } from './schema.js';

/** Converts an OpenAPI path template (`/users/{id}`) to the IR's (`/users/:id`). */
export function irPath(template: string): string {
  return template.replace(/\{([^{}]+)\}/g, ':$1');
}

/** A readable, stable base for names of the operation's inline types: operationId, else method + path. */
export function operationName(op: Json, method: string, path: string): string {
  const id = asString(op.operationId);
  const raw = id ?? `${method}_${path}`;
  const name = raw.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return /^[A-Za-z]/.test(name) ? name : `op_${name}`;
}

/** One operation of a path item. */
export function buildOperation(
  ctx: ImportContext,
  op: Json,
  opPath: string,
  method: Method,
  template: string,
  item: Json,
  itemPath: string,
): Operation {
  const name = operationName(op, method.toLowerCase(), template);
  const parameters = mergedParameters(ctx, item.parameters, itemPath, op.parameters, opPath)
    .map((p) => buildParameter(ctx, p, name))
    .filter((p): p is Parameter => p !== undefined);
  const operation: Operation = { method, path: irPath(template), parameters, responses: [], attributes: [] };
  const operationId = asString(op.operationId);
  if (operationId !== undefined) operation.operationId = operationId;
  describe(operation, op);
  const summary = asString(op.summary);
  if (operation.description === undefined && summary !== undefined) operation.description = summary;
  if (op.requestBody !== undefined)
    readBody(ctx, op.requestBody, pointer(opPath, 'requestBody'), name, operation);
  for (const [code, response] of entries(op.responses)) {
    const built = buildResponse(ctx, code, response, pointer(opPath, 'responses', code), name);
    if (built) operation.responses.push(built);
  }
  dropDuplicateParameters(ctx, operation, opPath);
  // An empty form (Stripe declares one on some GETs) travels as nothing: no encoding to keep.
  if (operation.formEncoding !== undefined && !operation.parameters.some((p) => p.location === 'form'))
    delete operation.formEncoding;
  const ext = extensionOf(op);
  if (ext && Array.isArray(ext.responses)) {
    const order = ext.responses.map(String);
    const rank = (r: Response) => order.indexOf(String(r.code));
    operation.responses.sort((a, b) => rank(a) - rank(b));
  }
  if (ext?.formEncoding === 'urlencoded' || ext?.formEncoding === 'multipart')
    operation.formEncoding = ext.formEncoding;
  if (ext) operation.attributes = extAttributes(ext) ?? [];
  else {
    const kept: JsonObject = {};
    if (summary !== undefined && summary !== operation.description) kept.summary = summary;
    if (Array.isArray(op.tags) && op.tags.length > 0) kept.tags = jsonCopy(op.tags);
    if (op.security !== undefined) kept.security = jsonCopy(op.security);
    if (Object.keys(kept).length > 0) operation.attributes.push({ name: 'openapi', value: kept });
  }
  if (op.callbacks !== undefined) {
    ctx.warn(
      'callbacks',
      pointer(opPath, 'callbacks'),
      'Callbacks (requests the API makes to the client) have no IR form; they are left out. Describe them as events instead.',
    );
  }
  if (op.servers !== undefined) {
    ctx.warn(
      'operation-servers',
      pointer(opPath, 'servers'),
      'Servers for a single operation have no IR form; the service base URL is used.',
    );
  }
  return ctx.at(operation, opPath);
}

/** The IR names parameters by wire name alone; a second `path` query or form field of the same name is dropped. */
function dropDuplicateParameters(ctx: ImportContext, operation: Operation, opPath: string): void {
  const seen = new Set<string>();
  operation.parameters = operation.parameters.filter((p) => {
    if (!seen.has(p.name)) {
      seen.add(p.name);
      return true;
    }
    ctx.warn(
      'duplicate-parameter',
      opPath,
      `Parameter '${p.name}' appears in more than one location (${p.location} and another); the IR names parameters by name alone, so the ${p.location} one is left out.`,
    );
    return false;
  });
}

function readBody(
  ctx: ImportContext,
  value: unknown,
  path: string,
  name: string,
  operation: Operation,
): void {
  const resolved = ctx.deref(value, path);
  if (!resolved) return;
  const { value: rb, path: rbPath } = resolved;
  const chosen = chooseMedia(rb.content);
  if (!chosen) {
    ctx.warn('empty-body', rbPath, 'The request body has no content; it is left out.');
    return;
  }
  const { mediaType, media, others } = chosen;
  const mediaPath = pointer(rbPath, 'content', mediaType);
  if (others.length > 0 && !ctx.fromCanon) {
    ctx.warn(
      'media-types',
      pointer(rbPath, 'content'),
      `The request body is typed and sent as ${mediaType}; the alternatives ${others.join(', ')} are kept as media types (the diff sees them) but not typed.`,
    );
  }
  const lower = mediaType.toLowerCase();
  if (lower.startsWith(FORM) || lower.startsWith(MULTIPART)) {
    if (formParameters(ctx, media, pointer(mediaPath, 'schema'), name, operation)) {
      const multipart = lower.startsWith(MULTIPART);
      if (multipart && !ctx.fromCanon) {
        ctx.warn(
          'multipart-body',
          mediaPath,
          'A multipart body is imported as form parameters sent as multipart/form-data; file parts are typed as strings (pass a Blob through a cast), and generated routes do not parse multipart bodies.',
        );
      }
      // A Canon export's form parameters are API Builder's own (JSON) unless its x-canon says otherwise.
      if (!ctx.fromCanon) operation.formEncoding = multipart ? 'multipart' : 'urlencoded';
      ctx.formBodies.push(mediaPath);
      return;
    }
  }
  const json = isJsonMedia(mediaType);
  const type = json
    ? schemaType(ctx, media.schema ?? {}, pointer(mediaPath, 'schema'), `${name}_body`)
    : primitive('string');
  if (!json && !ctx.fromCanon) {
    ctx.warn(
      'non-json-body',
      mediaPath,
      `A ${mediaType} request body is imported as a string body; only JSON and form bodies are typed.`,
    );
  }
  const body: Body = { type, attributes: [] };
  const mediaTypes = declaredMediaTypes(mediaType, others);
  if (mediaTypes) body.mediaTypes = mediaTypes;
  describe(body, rb);
  const ext = extensionOf(rb);
  if (ext) body.attributes = extAttributes(ext) ?? [];
  else if (rb.required !== true) {
    body.attributes.push({ name: 'openapi', value: { required: false } });
    ctx.warn(
      'optional-body',
      rbPath,
      'The request body is optional; IR bodies are always sent, so clients must pass one (the openapi attribute keeps required: false).',
    );
  }
  operation.body = ctx.at(body, rbPath);
}

/** The styles an `encoding` entry of a form body may declare (OpenAPI 3, as for query parameters). */
const FORM_STYLES: readonly ParameterStyle[] = ['form', 'spaceDelimited', 'pipeDelimited', 'deepObject'];
const isFormStyle = (style: unknown): style is ParameterStyle =>
  FORM_STYLES.includes(style as ParameterStyle);

/**
 * A form body's object properties become `form` parameters (API Builder's form location), each
 * with the `style` and `explode` its `encoding` entry declares (none: OpenAPI's default, `form`
 * exploded: lists as repeated keys).
 */
function formParameters(
  ctx: ImportContext,
  media: { schema?: unknown; encoding?: unknown },
  path: string,
  name: string,
  operation: Operation,
): boolean {
  let s = media.schema;
  let sPath = path;
  const ref = refOf(s);
  if (ref !== undefined) {
    const target = followRef(ctx.doc, ref);
    if (!target.ok) return false;
    s = target.value;
    sPath = target.pointer;
  }
  if (!isObject(s) || !isObject(s.properties)) return false;
  const required = new Set(asArray(s.required).filter((r): r is string => typeof r === 'string'));
  for (const [prop, propSchema] of entries(s.properties)) {
    const field = buildField(
      ctx,
      name,
      prop,
      propSchema,
      pointer(sPath, 'properties', prop),
      required.has(prop),
    );
    // A parameter has no annotations; leaving the key out (not deleting it) keeps the object fast.
    const { annotations: _annotations, ...rest } = field;
    const parameter: Parameter = { ...rest, location: 'form' };
    const encoding = isObject(media.encoding) ? media.encoding[prop] : undefined;
    if (isObject(encoding) && isFormStyle(encoding.style)) parameter.style = encoding.style;
    if (isObject(encoding) && typeof encoding.explode === 'boolean') parameter.explode = encoding.explode;
    operation.parameters.push(ctx.at(parameter, pointer(sPath, 'properties', prop)));
  }
  return true;
}

function responseCode(ctx: ImportContext, code: string, path: string): ResponseCode | undefined {
  if (code === 'default') return 'default';
  if (/^[1-5]\d\d$/.test(code)) return Number(code);
  if (/^[1-5]XX$/i.test(code)) {
    ctx.warn(
      'status-range',
      path,
      `Status range ${code} has no IR form; imported as ${code[0]}00 (the openapi attribute keeps the range).`,
    );
    return Number(code[0]) * 100;
  }
  ctx.warn(
    'invalid-status',
    path,
    `'${code}' is not a status code, a range like 2XX or 'default'; the response is left out.`,
  );
  return undefined;
}

/** The declared media types, the chosen one first; undefined for `application/json` alone. */
function declaredMediaTypes(chosen: string, others: readonly string[]): string[] | undefined {
  if (chosen === 'application/json' && others.length === 0) return undefined;
  return [chosen, ...others];
}

function buildResponse(
  ctx: ImportContext,
  code: string,
  value: unknown,
  path: string,
  name: string,
): Response | undefined {
  const status = responseCode(ctx, code, path);
  if (status === undefined) return undefined;
  const resolved = ctx.deref(value, path);
  if (!resolved) return undefined;
  const { value: r, path: rPath } = resolved;
  const chosen = chooseMedia(r.content);
  let type = primitive('unit');
  if (chosen) {
    const mediaPath = pointer(rPath, 'content', chosen.mediaType);
    if (isJsonMedia(chosen.mediaType)) {
      type = schemaType(
        ctx,
        chosen.media.schema ?? {},
        pointer(mediaPath, 'schema'),
        `${name}_response_${code}`,
      );
    } else {
      type = primitive('string');
      if (!ctx.fromCanon)
        ctx.warn('non-json-response', mediaPath, `A ${chosen.mediaType} response is imported as a string.`);
    }
  }
  const mediaTypes = chosen ? declaredMediaTypes(chosen.mediaType, chosen.others) : undefined;
  const headers = entries(r.headers)
    .map(([headerName, h]) => buildHeader(ctx, headerName, h, pointer(rPath, 'headers', headerName), name))
    .filter((h): h is Header => h !== undefined);
  const response: Response = { code: status, type, headers, attributes: [] };
  if (mediaTypes) response.mediaTypes = mediaTypes;
  describe(response, r);
  if (response.description === '') delete response.description;
  const ext = extensionOf(r);
  if (ext) response.attributes = extAttributes(ext) ?? [];
  else if (typeof status === 'number' && !/^\d+$/.test(code))
    response.attributes.push({ name: 'openapi', value: { status: code } });
  if (r.links !== undefined)
    ctx.warn('links', pointer(rPath, 'links'), 'Response links have no IR form; they are left out.');
  return ctx.at(response, path);
}

/** A response header (also used for the exporter's service headers). */
export function buildHeader(
  ctx: ImportContext,
  name: string,
  value: unknown,
  path: string,
  hint: string,
): Header | undefined {
  const resolved = ctx.deref(value, path);
  if (!resolved) return undefined;
  const { value: h, path: hPath } = resolved;
  let type =
    h.schema === undefined
      ? primitive('string')
      : schemaType(ctx, h.schema, pointer(hPath, 'schema'), `${hint}_${name}`);
  const element = type.kind === 'list' ? type.of : type;
  if (!(element.kind === 'enum' || (element.kind === 'primitive' && element.name === 'string'))) {
    ctx.warn(
      'header-type',
      hPath,
      `Header '${name}' is typed ${formatTypeRef(type)}; IR headers are strings or enums, so it is imported as a string (header values are text on the wire).`,
    );
    type = primitive('string');
  }
  const header: Header = { name, type, required: h.required === true, attributes: [] };
  const s = isObject(h.schema) ? h.schema : {};
  if (s.default !== undefined)
    header.default = typeof s.default === 'string' ? s.default : JSON.stringify(s.default);
  describe(header, h);
  const ext = extensionOf(h);
  if (ext) header.attributes = extAttributes(ext) ?? [];
  return ctx.at(header, hPath);
}
