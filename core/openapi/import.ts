import type { OpenAPIV2, OpenAPIV3, OpenAPIV3_1 } from 'openapi-types';
import { type Diagnostic, pointer } from '../diagnostic.js';
import { emptyService } from '../empty-service.js';
import type { Annotation, Import, NamedKind, Service } from '../ir.js';
import { isJsonSchemaDocument } from '../json-schema-document.js';
import type { SourcePointers } from '../source-pointers.js';
import { LazySourcePointers } from '../source-pointers.js';
import { splitQualifiedName } from '../type-ref.js';
import { ImportContext } from './context.js';
import { buildEnum } from './enum.js';
import { extAttributes, extensionOf } from './extensions.js';
import { asString, entries, isObject, type Json, jsonCopy } from './json.js';
import { jsonSchemaAsOpenApi } from './json-schema-document.js';
import { pinLossy } from './lossy.js';
import { buildModel } from './model.js';
import { isValidTypeName, toTypeName } from './names.js';
import { buildResources } from './resources.js';
import { buildNamed, classify, componentType, useBuilders } from './schema.js';
import {
  baseName,
  defaultNamespace,
  documentAttributes,
  objectKey,
  readBaseUrl,
  readHeaders,
  readInfo,
  reportUnsupported,
  urlKey,
} from './service-info.js';
import { swagger2ToOpenApi3 } from './swagger2.js';
import { buildUnion } from './union.js';

useBuilders({ model: buildModel, enum: buildEnum, union: buildUnion });

/** Any OpenAPI document Canon reads. */
export type OpenApiDocument = OpenAPIV2.Document | OpenAPIV3.Document | OpenAPIV3_1.Document;

export interface OpenApiImport {
  service: Service;
  /** Warnings for every construct the IR cannot say faithfully, errors for broken references. */
  diagnostics: Diagnostic[];
  pointers: SourcePointers;
}

/**
 * Imports an OpenAPI 3.0 / 3.1 or Swagger 2.0 document, or a JSON Schema document with a
 * json-schema.org `$schema` (its definitions become models, enums and unions; see
 * `json-schema-document.ts`), already parsed from JSON or YAML, into the IR. Never throws on bad input: problems come back as diagnostics with JSON pointers into
 * the document as given (Swagger 2.0 pointers point into the 2.0 document).
 *
 * @example
 * const { service, diagnostics } = importOpenApi(JSON.parse(text), { file: 'stripe.json' });
 */
export function importOpenApi(doc: unknown, options: { file?: string } = {}): OpenApiImport {
  try {
    return importDocument(doc, options);
  } catch (error) {
    // Nesting deeper than the call stack (in allOf chains or Swagger 2.0 conversion) ends here, not in a crash.
    if (error instanceof RangeError) {
      return failed(
        'too-deep',
        'The document nests too deeply to import. Real OpenAPI documents nest a few dozen levels; check the file.',
      );
    }
    throw error;
  }
}

function importDocument(doc: unknown, options: { file?: string }): OpenApiImport {
  if (!isObject(doc)) {
    return failed(
      'invalid-openapi',
      'An OpenAPI document is a JSON or YAML object with an "openapi" (or "swagger") version key.',
    );
  }
  let source: Json = doc;
  let translate: ((p: string) => string) | undefined;
  let converted: Diagnostic[] = [];
  if (isJsonSchemaDocument(doc)) {
    const asOpenApi = jsonSchemaAsOpenApi(doc, options.file);
    source = asOpenApi.doc;
    translate = asOpenApi.translate;
    converted = asOpenApi.diagnostics;
  } else if (typeof doc.swagger === 'string') {
    if (!doc.swagger.startsWith('2.'))
      return failed(
        'unsupported-version',
        `Swagger ${doc.swagger} is not supported; Canon reads Swagger 2.0 and OpenAPI 3.0/3.1.`,
      );
    const converted = swagger2ToOpenApi3(doc);
    source = converted.doc;
    translate = converted.translate;
  } else if (typeof doc.openapi !== 'string' || !/^3\.[01]\./.test(doc.openapi)) {
    return failed(
      'unsupported-version',
      `openapi: ${JSON.stringify(doc.openapi)} is not supported; Canon reads OpenAPI 3.0.x and 3.1.x and Swagger 2.0.`,
    );
  }
  const info = isObject(source.info) ? source.info : {};
  const ext = extensionOf(source);
  const name = asString(ext?.name) ?? asString(info.title) ?? baseName(options.file) ?? 'openapi';
  const version = asString(info.version) ?? '0.0.0';
  const applicationKey = asString(objectKey(ext?.application)) ?? urlKey(name);
  const extNamespace = asString(ext?.namespace);
  const namespace =
    extNamespace !== undefined && /^[A-Za-z0-9_.-]+$/.test(extNamespace)
      ? extNamespace
      : defaultNamespace(applicationKey, version);
  const ctx = new ImportContext(source, namespace, translate);
  ctx.fromCanon = ext !== undefined;

  declareSchemas(ctx, source);
  const resources = buildResources(ctx, source);
  const headers = readHeaders(ctx, ext);

  const service: Service = {
    name,
    organization: { key: asString(objectKey(ext?.organization)) ?? 'default' },
    application: { key: applicationKey },
    namespace,
    version,
    info: readInfo(info, ext),
    headers,
    imports: Array.isArray(ext?.imports) ? (jsonCopy(ext.imports) as unknown as Import[]) : [],
    enums: ctx.enums,
    interfaces: ctx.interfaces,
    models: ctx.models,
    unions: ctx.unions,
    resources,
    annotations: Array.isArray(ext?.annotations)
      ? (jsonCopy(ext.annotations) as unknown as Annotation[])
      : [],
    attributes: ext ? (extAttributes(ext) ?? []) : documentAttributes(ctx, source),
  };
  const baseUrl = readBaseUrl(ctx, source);
  if (baseUrl !== undefined) service.baseUrl = baseUrl;
  const description = asString(info.description);
  if (description !== undefined) service.description = description;
  ctx.at(service, '');
  reportUnsupported(ctx, source);
  // A Canon export carries its lossy notes in x-canon already; a foreign document gets them here.
  if (ext === undefined) pinLossy(ctx, service);
  return { service, diagnostics: [...converted, ...ctx.diagnostics], pointers: ctx.pointers };
}

function failed(code: string, message: string): OpenApiImport {
  const service = emptyService({
    name: 'openapi',
    organization: { key: 'default' },
    application: { key: 'openapi' },
    namespace: 'openapi.v0',
  });
  return { service, diagnostics: [{ code, path: '', message }], pointers: new LazySourcePointers() };
}

/**
 * Two passes over components/schemas: first every key gets its name and kind (so `$ref`s to
 * later schemas and recursive schemas resolve), then each named type is built. Schemas that are
 * not objects, enums or unions (`type: string`, arrays, maps) are aliases, inlined where used.
 */
function declareSchemas(ctx: ImportContext, doc: Json): void {
  const components = isObject(doc.components) ? doc.components : {};
  const pending: [NamedKind, string, Json, string][] = [];
  for (const [key, schema] of entries(components.schemas)) {
    const path = pointer('/components/schemas', key);
    const ext = extensionOf(schema);
    if (ext?.kind === 'imported') {
      ctx.components.set(key, splitQualifiedName(key) ?? { kind: 'unknown', name: key });
      continue;
    }
    const kind = classify(schema);
    if (kind === 'alias' || !isObject(schema)) {
      ctx.aliases.set(key, schema);
      continue;
    }
    const claimed = ctx.names.claim(toTypeName(key));
    const extName = asString(ext?.name);
    const name = extName !== undefined && isValidTypeName(extName) ? extName : claimed;
    if (name !== key && name !== extName) {
      ctx.warn(
        'renamed',
        path,
        `Schema name '${key}' is not a valid IR name (letters, digits, _ - . starting with a letter); it is imported as '${name}'.`,
      );
    }
    ctx.components.set(key, ctx.named(kind, name));
    pending.push([kind, name, schema, path]);
  }
  for (const [kind, name, schema, path] of pending) buildNamed(ctx, kind, name, schema, path);
  for (const key of ctx.aliases.keys()) {
    const type = componentType(ctx, key);
    ctx.warn(
      'alias-inlined',
      pointer('/components/schemas', key),
      `Schema '${key}' is a ${describeType(type.kind)}, not an object, enum or union; the IR has no type aliases, so it is inlined where it is used.`,
    );
  }
}

function describeType(kind: string): string {
  return kind === 'list'
    ? 'list'
    : kind === 'map'
      ? 'map'
      : kind === 'primitive'
        ? 'primitive type'
        : 'reference';
}
