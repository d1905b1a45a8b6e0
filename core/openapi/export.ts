import type { OpenAPIV3_1 } from 'openapi-types';
import type {
  Header,
  JsonObject,
  NamedTypeRef,
  Operation,
  Parameter,
  Resource,
  Response,
  Service,
} from '../ir.js';
import { writeConstraints } from './constraints.js';
import {
  attributesInto,
  deprecationJson,
  describeInto,
  type SchemaObject,
  SchemaWriter,
  typedDefault,
  withExt,
} from './export-schema.js';
import { EXT } from './extensions.js';
import { dict } from './json.js';

type Json = Record<string, unknown>;

/**
 * Writes a service as an OpenAPI 3.1 document: named types under components/schemas, each
 * operation under its path, API Builder's union wire forms spelled out, and what OpenAPI cannot
 * say (plurals, attributes, annotations, resources, imports) in `x-canon` extensions, so that
 * `importOpenApi(exportOpenApi(s))` gives back `s` (see docs/openapi.md for the exceptions).
 * Types of `imports` that the service uses are included under their qualified names.
 *
 * @example
 * const doc = exportOpenApi(service, imports);
 * await writeFile('openapi.json', `${JSON.stringify(doc, null, 2)}\n`);
 */
export function exportOpenApi(service: Service, imports: Service[]): OpenAPIV3_1.Document {
  const writer = new SchemaWriter(service.namespace);
  const schemas: Record<string, SchemaObject> = dict();
  writer.serviceSchemas(service, schemas, false);
  const paths: Record<string, Json> = dict();
  service.resources.forEach((resource, index) => {
    resource.operations.forEach((operation, position) => {
      const template = openApiPath(operation.path);
      const item = paths[template] ?? {};
      paths[template] = item;
      const method = operation.method.toLowerCase();
      if (item[method] !== undefined) return;
      item[method] = writeOperation(writer, operation, resource, index, position);
    });
  });
  addImportedSchemas(writer, imports, schemas);

  const info: Json = { title: service.name, version: service.version };
  if (service.description !== undefined) info.description = service.description;
  if (service.info.contact) info.contact = { ...service.info.contact };
  // OpenAPI 3.1 wants a license url or SPDX identifier; a bare name travels in x-canon.
  if (service.info.license?.url !== undefined) info.license = { ...service.info.license };
  const doc: Json = { openapi: '3.1.0', info };
  if (service.baseUrl !== undefined) doc.servers = [{ url: service.baseUrl }];
  doc.paths = paths;
  doc.components = { schemas };
  const ext: JsonObject = {
    name: service.name,
    organization: { key: service.organization.key },
    application: { key: service.application.key },
    namespace: service.namespace,
    resources: service.resources.map((r) => resourceJson(writer, r)),
  };
  if (service.headers.length > 0) ext.headers = service.headers.map((h) => headerJson(writer, h));
  if (service.imports.length > 0) ext.imports = JSON.parse(JSON.stringify(service.imports));
  if (service.annotations.length > 0) ext.annotations = JSON.parse(JSON.stringify(service.annotations));
  if (service.info.license && service.info.license.url === undefined)
    ext.license = { name: service.info.license.name };
  attributesInto(ext, service.attributes);
  doc[EXT] = ext;
  return doc as unknown as OpenAPIV3_1.Document;
}

/** `/users/:id` → `/users/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_-]+)/g, '{$1}');
}

function writeOperation(
  writer: SchemaWriter,
  operation: Operation,
  resource: Resource,
  index: number,
  position: number,
): Json {
  const out: Json = {};
  const kept = openApiAttribute(operation.attributes);
  out.tags = Array.isArray(kept?.tags) ? kept.tags : [resource.plural];
  if (typeof kept?.summary === 'string') out.summary = kept.summary;
  if (operation.operationId !== undefined) out.operationId = operation.operationId;
  const ext: JsonObject = { resource: index, position };
  describeInto(out, operation, ext);
  attributesInto(ext, operation.attributes);
  const parameters = operation.parameters
    .filter((p) => p.location !== 'form')
    .map((p) => writeParameter(writer, p));
  if (parameters.length > 0) out.parameters = parameters;
  const content: Json = {};
  let bodyJson: Json | undefined;
  if (operation.body) {
    const body = operation.body;
    const bodyExt: JsonObject = {};
    bodyJson = { required: openApiAttribute(body.attributes)?.required !== false };
    describeInto(bodyJson, body, bodyExt);
    if (bodyJson.deprecated !== undefined) {
      delete bodyJson.deprecated;
      bodyExt.deprecation = deprecationJson(body.deprecation ?? {});
    }
    attributesInto(bodyExt, body.attributes);
    for (const type of body.mediaTypes ?? ['application/json'])
      content[type] = { schema: writer.type(body.type) };
    withExt(bodyJson, bodyExt);
  }
  const form = operation.parameters.filter((p) => p.location === 'form');
  if (form.length > 0) {
    const properties: Record<string, SchemaObject> = dict();
    const required: string[] = [];
    // How each field is written in the body (OpenAPI's per-property `encoding`), when declared.
    const encoding: Record<string, JsonObject> = dict();
    for (const p of form) {
      properties[p.name] = writer.field(p);
      if (p.required) required.push(p.name);
      if (p.style !== undefined || p.explode !== undefined) {
        encoding[p.name] = {
          ...(p.style !== undefined ? { style: p.style } : {}),
          ...(p.explode !== undefined ? { explode: p.explode } : {}),
        };
      }
    }
    if (operation.formEncoding !== undefined) ext.formEncoding = operation.formEncoding;
    const media =
      operation.formEncoding === 'multipart' ? 'multipart/form-data' : 'application/x-www-form-urlencoded';
    content[media] = {
      schema: { type: 'object', properties, ...(required.length > 0 ? { required } : {}) },
      ...(Object.keys(encoding).length > 0 ? { encoding } : {}),
    };
    bodyJson ??= { required: required.length > 0 };
  }
  if (bodyJson) out.requestBody = { ...bodyJson, content };
  if (operation.responses.length > 0) {
    const responses: Json = {};
    for (const r of operation.responses) {
      const status = openApiAttribute(r.attributes)?.status;
      responses[typeof status === 'string' ? status : String(r.code)] = writeResponse(writer, r);
    }
    // Integer-like keys of a JSON object enumerate in numeric order, whatever the IR's order was.
    const order = operation.responses.map((r) => String(r.code));
    if (order.join() !== Object.keys(responses).join()) ext.responses = order;
    out.responses = responses;
  }
  return withExt(out, ext);
}

function writeParameter(writer: SchemaWriter, p: Parameter): Json {
  const out: Json = { name: p.name, in: p.location, required: p.location === 'path' ? true : p.required };
  const ext: JsonObject = {};
  describeInto(out, p, ext);
  const schema = writer.type(p.type);
  if (p.default !== undefined) {
    schema.default = typedDefault(p.type, p.default);
    if (
      String(typeof schema.default === 'string' ? schema.default : JSON.stringify(schema.default)) !==
      p.default
    )
      ext.default = p.default;
  }
  writeConstraints(schema, p, p.type);
  out.schema = schema;
  if (p.example !== undefined) out.example = p.example;
  if (p.style !== undefined) out.style = p.style;
  if (p.explode !== undefined) out.explode = p.explode;
  const kept = openApiAttribute(p.attributes);
  if (kept?.allowReserved !== undefined) out.allowReserved = kept.allowReserved;
  attributesInto(ext, p.attributes);
  if (p.location === 'path' && !p.required) ext.required = false;
  return withExt(out, ext);
}

function writeResponse(writer: SchemaWriter, r: Response): Json {
  const out: Json = { description: r.description ?? '' };
  const ext: JsonObject = {};
  if (r.deprecation) ext.deprecation = deprecationJson(r.deprecation);
  if (r.lossy) ext.lossy = r.lossy.map((l) => ({ code: l.code, message: l.message }));
  if (!(r.type.kind === 'primitive' && r.type.name === 'unit')) {
    const content: Json = {};
    for (const type of r.mediaTypes ?? ['application/json']) content[type] = { schema: writer.type(r.type) };
    out.content = content;
  }
  if (r.headers.length > 0) {
    const headers: Json = dict();
    for (const h of r.headers) {
      const header: Json = { schema: writer.type(h.type) };
      if (h.required) header.required = true;
      const hExt: JsonObject = {};
      describeInto(header, h, hExt);
      if (h.default !== undefined) (header.schema as Json).default = h.default;
      attributesInto(hExt, h.attributes);
      headers[h.name] = withExt(header, hExt);
    }
    out.headers = headers;
  }
  attributesInto(ext, r.attributes);
  return withExt(out, ext);
}

function resourceJson(writer: SchemaWriter, r: Resource): JsonObject {
  const out: JsonObject = { type: writer.typeText(r.type), plural: r.plural };
  if (r.path !== undefined) out.path = r.path;
  if (r.description !== undefined) out.description = r.description;
  if (r.deprecation) out.deprecation = deprecationJson(r.deprecation);
  attributesInto(out, r.attributes);
  return out;
}

function headerJson(writer: SchemaWriter, h: Header): JsonObject {
  const out: JsonObject = { name: h.name, type: writer.typeText(h.type), required: h.required };
  if (h.default !== undefined) out.default = h.default;
  if (h.description !== undefined) out.description = h.description;
  if (h.deprecation) out.deprecation = deprecationJson(h.deprecation);
  attributesInto(out, h.attributes);
  return out;
}

function openApiAttribute(attributes: { name: string; value: JsonObject }[]): JsonObject | undefined {
  return attributes.find((a) => a.name === 'openapi')?.value;
}

/** Definitions of imported types the document refers to, found transitively. */
function addImportedSchemas(
  writer: SchemaWriter,
  imports: Service[],
  schemas: Record<string, SchemaObject>,
): void {
  const byNamespace = new Map(imports.map((s) => [s.namespace, s]));
  const foreign = new SchemaWriter(undefined);
  const done = new Set<string>();
  const queue: [string, NamedTypeRef][] = [...writer.needed];
  while (queue.length > 0) {
    const [key, type] = queue.shift()!;
    if (done.has(key)) continue;
    done.add(key);
    const service = byNamespace.get(type.namespace);
    const element = service ? findElement(service, type) : undefined;
    let schema: SchemaObject;
    if (!service || !element) {
      schema = { description: `Defined by the imported service ${type.namespace}, which was not available.` };
    } else {
      const one: Record<string, SchemaObject> = {};
      foreign.serviceSchemas(
        {
          ...service,
          enums: [],
          models: [],
          unions: [],
          interfaces: [],
          [`${type.kind}s`]: [element],
        } as Service,
        one,
        true,
      );
      schema = one[key] ?? {};
    }
    schemas[key] = withExt(schema, { ...((schema[EXT] as JsonObject | undefined) ?? {}), kind: 'imported' });
    for (const entry of foreign.needed) if (!done.has(entry[0])) queue.push(entry);
  }
}

function findElement(service: Service, type: NamedTypeRef): object | undefined {
  const list: { name: string }[] =
    type.kind === 'model'
      ? service.models
      : type.kind === 'enum'
        ? service.enums
        : type.kind === 'union'
          ? service.unions
          : service.interfaces;
  return list.find((e) => e.name === type.name);
}
