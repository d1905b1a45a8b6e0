import { pointer } from '../diagnostic.js';
import type { Attribute, Header, Info, JsonObject } from '../ir.js';
import type { ImportContext } from './context.js';
import { extAttributes } from './extensions.js';
import { asString, isObject, type Json, jsonCopy } from './json.js';
import { typeFromText } from './type-text.js';

/* The service-level parts of an OpenAPI document: identity, info, servers, document attributes. */

export function readHeaders(ctx: ImportContext, ext: Json | undefined): Header[] {
  if (!ext || !Array.isArray(ext.headers)) return [];
  return ext.headers.filter(isObject).map((h, i) => {
    const header: Header = {
      name: asString(h.name) ?? '',
      type: typeFromText(ctx, asString(h.type) ?? 'string'),
      required: h.required !== false,
      attributes: extAttributes(h) ?? [],
    };
    const def = asString(h.default);
    if (def !== undefined) header.default = def;
    const description = asString(h.description);
    if (description !== undefined) header.description = description;
    if (isObject(h.deprecation)) header.deprecation = jsonCopy(h.deprecation) as { description?: string };
    return ctx.at(header, pointer('/x-canon/headers', i));
  });
}

export function readInfo(info: Json, ext: Json | undefined): Info {
  const out: Info = {};
  if (isObject(info.contact)) {
    const contact: NonNullable<Info['contact']> = {};
    for (const key of ['name', 'url', 'email'] as const) {
      const value = asString(info.contact[key]);
      if (value !== undefined) contact[key] = value;
    }
    out.contact = contact;
  }
  if (isObject(info.license) && typeof info.license.name === 'string') {
    out.license = { name: info.license.name };
    const url = asString(info.license.url);
    if (url !== undefined) out.license.url = url;
  }
  if (isObject(ext?.license) && typeof ext.license.name === 'string')
    out.license = { name: ext.license.name };
  return out;
}

/** The first server's URL with its variables set to their defaults, without a trailing `/`. */
export function readBaseUrl(ctx: ImportContext, doc: Json): string | undefined {
  const servers = Array.isArray(doc.servers) ? doc.servers.filter(isObject) : [];
  const first = servers[0];
  if (!first || typeof first.url !== 'string') return undefined;
  if (servers.length > 1) {
    ctx.warn(
      'servers',
      '/servers',
      `Only the first server (${first.url}) becomes the base URL; the other ${servers.length - 1} are kept in the 'openapi' attribute.`,
    );
  }
  const variables = isObject(first.variables) ? first.variables : {};
  const url = first.url.replace(/\{([^{}]+)\}/g, (whole, v: string) => {
    const variable = variables[v];
    return isObject(variable) && typeof variable.default === 'string' ? variable.default : whole;
  });
  return url.length > 1 ? url.replace(/\/+$/, '') : url;
}

/** Document-level facts the IR has no field for, kept whole in the service's `openapi` attribute. */
export function documentAttributes(ctx: ImportContext, doc: Json): Attribute[] {
  const components = isObject(doc.components) ? doc.components : {};
  const value: JsonObject = {};
  if (isObject(components.securitySchemes)) value.securitySchemes = jsonCopy(components.securitySchemes);
  if (doc.security !== undefined) value.security = jsonCopy(doc.security);
  if (Array.isArray(doc.tags)) value.tags = jsonCopy(doc.tags);
  if (isObject(doc.externalDocs)) value.externalDocs = jsonCopy(doc.externalDocs);
  if (Array.isArray(doc.servers) && doc.servers.length > 1) value.servers = jsonCopy(doc.servers);
  if (value.securitySchemes !== undefined || value.security !== undefined) {
    ctx.warn(
      'security',
      isObject(components.securitySchemes) ? '/components/securitySchemes' : '/security',
      "Security schemes and requirements have no IR form; they are kept in the 'openapi' attribute, and generated clients leave authentication to the caller (pass headers).",
    );
  }
  return Object.keys(value).length > 0 ? [{ name: 'openapi', value }] : [];
}

export function reportUnsupported(ctx: ImportContext, doc: Json): void {
  if (doc.webhooks !== undefined)
    ctx.warn(
      'webhooks',
      '/webhooks',
      'Webhooks have no IR form; they are left out. Describe them as events instead.',
    );
  const components = isObject(doc.components) ? doc.components : {};
  if (components.callbacks !== undefined)
    ctx.warn('callbacks', '/components/callbacks', 'Callbacks have no IR form; they are left out.');
  if (components.links !== undefined)
    ctx.warn('links', '/components/links', 'Links have no IR form; they are left out.');
}

export function objectKey(value: unknown): unknown {
  return isObject(value) ? value.key : undefined;
}

export function baseName(file: string | undefined): string | undefined {
  return file
    ?.split(/[\\/]/)
    .pop()
    ?.replace(/\.(json|ya?ml)$/i, '');
}

/** API Builder's url key: lower case words joined by `-`. */
export function urlKey(name: string): string {
  return (
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'openapi'
  );
}

/** `<words of the application key>.v<major>`, as API Builder derives it without an organization namespace. */
export function defaultNamespace(applicationKey: string, version: string): string {
  const major = /^v?(\d+)/.exec(version)?.[1] ?? '0';
  return `${applicationKey.split('-').filter(Boolean).join('.')}.v${Number(major)}`;
}
