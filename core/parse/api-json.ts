import type { Diagnostic } from '../diagnostic.js';
import type { Import, Model, Service } from '../ir.js';
import type { SourcePointers } from '../source-pointers.js';
import { readResources } from './api-json-resources.js';
import { ParseContext } from './context.js';
import {
  readAnnotation,
  readEnum,
  readFields,
  readHeaders,
  readInterface,
  readModel,
  readUnion,
} from './elements.js';
import { pluralize } from './plural.js';
import {
  asArray,
  asObject,
  asString,
  type Json,
  namedEntries,
  pointer,
  readAttributes,
  setOptional,
} from './read.js';
import { byName, readInfo } from './service-parts.js';

export interface ParseOutput {
  service: Service;
  diagnostics: Diagnostic[];
  pointers: SourcePointers;
}

/** What api.json leaves to the registry: who owns the service and which version this is. */
export interface ApiJsonOptions {
  /** Organization key; defaults to `default`. */
  organization?: string;
  /** The organization's namespace prefix (e.g. `io.flow`), used when the spec sets no namespace. */
  organizationNamespace?: string;
  /** Overrides the namespace outright. */
  namespace?: string;
  /** The version being described; defaults to `0.0.0`. */
  version?: string;
}

/**
 * Parses API Builder's authoring form (`api.json`) into the IR, applying API Builder's defaults:
 * application key from the name, namespace from organization + key + major version, plurals,
 * resource paths, path parameters and their types, parameter locations, `required`, a `204 unit`
 * response, enum wire values, discriminator values, and models auto-created from union members
 * that carry `fields`.
 */
export function parseApiJson(
  doc: Json,
  resolved: ReadonlyMap<string, Service>,
  options: ApiJsonOptions = {},
): ParseOutput {
  const name = asString(doc.name) ?? '';
  const applicationKey = urlKey(name);
  const version = options.version ?? '0.0.0';
  const namespace =
    asString(doc.namespace) ??
    options.namespace ??
    defaultNamespace(applicationKey, version, options.organizationNamespace);
  const ctx = new ParseContext(namespace);

  const sections = {
    enums: namedEntries(doc.enums),
    interfaces: namedEntries(doc.interfaces),
    models: namedEntries(doc.models),
    unions: namedEntries(doc.unions),
  };
  for (const [n] of sections.enums) ctx.declare(n, 'enum');
  for (const [n] of sections.models) ctx.declare(n, 'model');
  for (const [n] of sections.unions) ctx.declare(n, 'union');
  for (const [n] of sections.interfaces) ctx.declare(n, 'interface');
  const memberModels = unionMemberModels(ctx, sections.unions);

  const models = sections.models.map(([n, json]) => readModel(ctx, n, json, pointer('', 'models', n)));
  models.push(...memberModels.map((build) => build()));
  const enums = sections.enums.map(([n, json]) => readEnum(ctx, n, json, pointer('', 'enums', n)));
  const unions = sections.unions.map(([n, json]) => readUnion(ctx, n, json, pointer('', 'unions', n)));
  const interfaces = sections.interfaces.map(([n, json]) =>
    readInterface(ctx, n, json, pointer('', 'interfaces', n)),
  );

  const service: Service = {
    name,
    organization: { key: options.organization ?? 'default' },
    application: { key: applicationKey },
    namespace,
    version,
    info: readInfo(doc.info),
    headers: readHeaders(ctx, doc.headers, ''),
    imports: asArray(doc.imports).map((item, i) =>
      readImport(ctx, asObject(item), pointer('', 'imports', i), resolved),
    ),
    enums: byName(enums),
    interfaces: byName(interfaces),
    models: byName(models),
    unions: byName(unions),
    resources: [],
    annotations: namedEntries(doc.annotations).map(([n, json]) =>
      readAnnotation(ctx, n, json, pointer('', 'annotations', n)),
    ),
    attributes: readAttributes(doc.attributes),
  };
  service.resources = readResources(ctx, doc.resources, service);
  setOptional(service, 'baseUrl', asString(doc.base_url));
  setOptional(service, 'description', asString(doc.description));
  return { service, diagnostics: ctx.diagnostics, pointers: ctx.pointers };
}

/**
 * Union members that carry `fields` define a model of the member's name. They are declared
 * before any type is resolved, and built once the context knows every local name.
 */
function unionMemberModels(ctx: ParseContext, unions: [string, Json][]): (() => Model)[] {
  const builders: (() => Model)[] = [];
  for (const [unionName, union] of unions) {
    asArray(union.types).forEach((item, i) => {
      const member = asObject(item);
      if (member.fields === undefined) return;
      const path = pointer('', 'unions', unionName, 'types', i);
      const type = asString(member.type) ?? '';
      if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(type) || /\.(models|enums|unions|interfaces)\./.test(type)) {
        ctx.report(
          'invalid-union-member-fields',
          pointer(path, 'fields'),
          `Union[${unionName}] type[${type}] fields can only be specified for a new model type, not for primitive, list, map or imported types.`,
        );
        return;
      }
      ctx.declare(type, 'model');
      builders.push(() =>
        ctx.at(
          {
            name: type,
            plural: pluralize(type),
            fields: readFields(ctx, member.fields, path),
            interfaces: [],
            attributes: [],
          },
          path,
        ),
      );
    });
  }
  return builders;
}

function readImport(
  ctx: ParseContext,
  json: Json,
  path: string,
  resolved: ReadonlyMap<string, Service>,
): Import {
  const uri = asString(json.uri) ?? '';
  const target = resolved.get(uri);
  if (target) {
    return ctx.at(
      {
        uri,
        namespace: target.namespace,
        organization: { key: target.organization.key },
        application: { key: target.application.key },
        version: target.version,
        enums: target.enums.map((e) => e.name),
        interfaces: target.interfaces.map((e) => e.name),
        unions: target.unions.map((e) => e.name),
        models: target.models.map((e) => e.name),
        annotations: target.annotations.map((a) => ({ ...a })),
      },
      path,
    );
  }
  ctx.report(
    'unresolved-import',
    pointer(path, 'uri'),
    `Import ${uri || '(no uri)'} could not be resolved, so the types it defines cannot be checked. Map the URI to a local file under "imports" in canon.config.json.`,
  );
  const fromUri = /\/([^/]+)\/([^/]+)\/([^/]+)\/service\.json$/.exec(uri);
  return ctx.at(
    {
      uri,
      namespace: '',
      organization: { key: fromUri?.[1] ?? '' },
      application: { key: fromUri?.[2] ?? '' },
      version: fromUri?.[3] ?? '',
      enums: [],
      interfaces: [],
      unions: [],
      models: [],
      annotations: [],
    },
    path,
  );
}

/** API Builder's `UrlKey.generate`: lower case, runs of other characters become one dash. */
export function urlKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

function defaultNamespace(
  applicationKey: string,
  version: string,
  organizationNamespace: string | undefined,
): string {
  const major = /^v?(\d+)/.exec(version)?.[1] ?? '0';
  const words = applicationKey.split('-').filter(Boolean).join('.');
  return [organizationNamespace, words, `v${major}`].filter(Boolean).join('.');
}
