import type { Import, Operation, Resource, Response, ResponseCode, Service } from '../ir.js';
import type { ParseOutput } from './api-json.js';
import { memberPointer, ParseContext } from './context.js';
import {
  readAnnotation,
  readBody,
  readEnum,
  readHeaders,
  readInterface,
  readMethod,
  readModel,
  readParameter,
  readUnion,
} from './elements.js';
import { pluralize } from './plural.js';
import {
  absent,
  asArray,
  asObject,
  asString,
  describe,
  isObject,
  type Json,
  pointer,
  preview,
  readAttributes,
  readKey,
  readList,
  requiredString,
  setOptional,
  stray,
  strayCount,
  stringList,
} from './read.js';
import { byName, readInfo } from './service-parts.js';

export interface ServiceJsonOutput extends ParseOutput {
  /**
   * Not zero when the parse read a value that the service.json schema does not allow (see
   * `strayCount`). Zero: checking the document against the schema would report nothing.
   */
  strays: number;
}

/**
 * Parses API Builder's normalized `service.json` form. Everything is explicit there; the parser
 * only fills what older or hand-written files leave out (enum wire values, discriminator values)
 * and sorts named collections by name, as API Builder does.
 */
export function parseServiceJson(doc: Json, resolved: ReadonlyMap<string, Service>): ServiceJsonOutput {
  const straysBefore = strayCount();
  const namespace = requiredString(doc.namespace) ?? '';
  const ctx = new ParseContext(namespace);
  for (const [key, kind] of [
    ['enums', 'enum'],
    ['models', 'model'],
    ['unions', 'union'],
    ['interfaces', 'interface'],
  ] as const) {
    for (const item of asArray(doc[key])) {
      const name = asString(asObject(item).name);
      if (name !== undefined) ctx.declare(name, kind);
    }
  }
  const named = <T>(key: string, read: (name: string, json: Json, path: string) => T): T[] =>
    readList(doc[key], (json, i) => read(requiredString(json.name) ?? '', json, pointer('', key, i)));

  const service: Service = {
    name: requiredString(doc.name) ?? '',
    organization: { key: readKey(doc.organization) ?? '' },
    application: { key: readKey(doc.application) ?? '' },
    namespace,
    version: requiredString(doc.version) ?? '0.0.0',
    info: readInfo(doc.info),
    headers: readHeaders(ctx, doc.headers, ''),
    imports: readList(doc.imports, (json, i) =>
      readImportRecord(ctx, json, pointer('', 'imports', i), resolved),
    ),
    enums: byName(named('enums', (n, j, p) => readEnum(ctx, n, j, p))),
    interfaces: byName(named('interfaces', (n, j, p) => readInterface(ctx, n, j, p))),
    models: byName(named('models', (n, j, p) => readModel(ctx, n, j, p))),
    unions: byName(named('unions', (n, j, p) => readUnion(ctx, n, j, p))),
    resources: readList(doc.resources, (json, i) => readResource(ctx, json, i)).sort((a, b) =>
      compare(resourceKey(a), resourceKey(b)),
    ),
    annotations: named('annotations', (n, j, p) => readAnnotation(ctx, n, j, p)),
    attributes: readAttributes(doc.attributes),
  };
  setOptional(service, 'baseUrl', asString(doc.base_url));
  setOptional(service, 'description', asString(doc.description));
  return {
    service,
    diagnostics: ctx.diagnostics,
    pointers: ctx.pointers,
    strays: strayCount() - straysBefore,
  };
}

function readImportRecord(
  ctx: ParseContext,
  json: Json,
  path: string,
  resolved: ReadonlyMap<string, Service>,
): Import {
  const uri = requiredString(json.uri) ?? '';
  const strings = (key: string) => stringList(json[key]);
  // Unlike the service's own, an import's organization and application may be left out.
  const key = (value: unknown) => (value === undefined ? '' : (readKey(value) ?? ''));
  const record: Import = {
    uri,
    namespace: requiredString(json.namespace) ?? '',
    organization: { key: key(json.organization) },
    application: { key: key(json.application) },
    version: asString(json.version) ?? '',
    enums: strings('enums'),
    interfaces: strings('interfaces'),
    unions: strings('unions'),
    models: strings('models'),
    annotations: readList(json.annotations, (item, i) =>
      readAnnotation(ctx, requiredString(item.name) ?? '', item, pointer(path, 'annotations', i)),
    ),
  };
  if (!resolved.has(uri)) {
    ctx.report(
      'unresolved-import',
      path,
      `Import ${uri} could not be resolved; its types (${record.namespace}) stay usable as opaque references. Map the URI to a local file under "imports" in canon.config.json to check them.`,
      'warning',
    );
  }
  return ctx.at(record, path);
}

function readResource(ctx: ParseContext, json: Json, index: number): Resource {
  const path = pointer('', 'resources', index);
  const type = ctx.type(json.type, path);
  const typeName = type.kind === 'list' || type.kind === 'map' ? '' : type.name;
  const operationsBase = pointer(path, 'operations');
  const resource: Resource = {
    type,
    plural: asString(json.plural) ?? pluralize(typeName),
    operations: readList(json.operations, (o, i) => readOperation(ctx, o, pointer(operationsBase, i))),
    attributes: readAttributes(json.attributes),
  };
  // Older service.json files omit the resource path; API Builder's default is `/<plural>`.
  resource.path = asString(json.path) ?? `/${resource.plural}`;
  describe(resource, json);
  return ctx.at(resource, path);
}

function readOperation(ctx: ParseContext, json: Json, path: string): Operation {
  const parametersBase = pointer(path, 'parameters');
  const responsesBase = pointer(path, 'responses');
  const operation: Operation = {
    method: readMethod(ctx, json.method, path),
    path: asString(json.path) || '/',
    parameters: ctx.items(json.parameters, parametersBase, (p, i) =>
      readParameter(ctx, p, parametersBase, i, 'query'),
    ),
    responses: ctx.items(json.responses, responsesBase, (r, i) => readResponse(ctx, r, responsesBase, i)),
    attributes: readAttributes(json.attributes),
  };
  if (isObject(json.body)) operation.body = readBody(ctx, json.body, path);
  else if (!absent(json.body)) stray();
  describe(operation, json);
  return ctx.at(operation, path);
}

function readResponse(ctx: ParseContext, json: Json, base: string, index: number): Response {
  const response: Response = {
    code: readResponseCode(ctx, json.code, base, index),
    type: ctx.type(json.type, base, index),
    headers: readHeaders(ctx, json.headers, base, index),
    attributes: readAttributes(json.attributes),
  };
  return describe(response, json);
}

/**
 * The code of the response at `base/index`. service.json codes are a union:
 * `{ "integer": { "value": 200 } }` or `{ "response_code_option": "Default" }`.
 */
function readResponseCode(ctx: ParseContext, value: unknown, base: string, index: number): ResponseCode {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  // A code that is missing or not an object counts as a stray (strings too, which are reported below).
  let json: Json = {};
  if (isObject(value)) json = value;
  else stray();
  const integer = asObject(json.integer).value;
  if (typeof integer === 'number' && Number.isInteger(integer)) return integer;
  const option = asString(json.response_code_option) ?? asString(json.value);
  if (option?.toLowerCase() === 'default') return 'default';
  ctx.report(
    'invalid-response-code',
    memberPointer(base, index, 'code'),
    `Response code ${preview(value)} is not understood. Use {"integer": {"value": 200}} or {"response_code_option": "Default"}.`,
  );
  return 'default';
}

function resourceKey(resource: Resource): string {
  const type = resource.type;
  return type.kind === 'list' || type.kind === 'map' ? '' : type.name;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
