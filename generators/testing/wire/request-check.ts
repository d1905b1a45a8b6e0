import type { DocumentSchemas } from './document-schemas.js';
import type {
  DocMedia,
  DocOperation,
  DocParameter,
  Json,
  JsonObject,
  PropertyEncoding,
} from './openapi-operations.js';

/** A request as it arrived on the socket. */
export interface ArrivedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  headers: { [name: string]: string | string[] | undefined };
  body: Buffer;
}

/** Text values read from the wire before they are typed: brackets make objects and lists. */
type Raw = string | Raw[] | { [key: string]: Raw };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The operation a method and path reach: literal segments win over templated ones. */
export function matchOperation(
  operations: readonly DocOperation[],
  method: string,
  pathname: string,
): { op: DocOperation; path: { [name: string]: string } } | undefined {
  const candidates = operations
    .filter((op) => op.method === method)
    .map((op) => ({ op, holes: (op.path.match(/\{/g) ?? []).length }))
    .sort((a, b) => a.holes - b.holes);
  for (const { op } of candidates) {
    const names: string[] = [];
    const source = op.path.replace(/\{([^}]+)\}|[^{]+/g, (piece, name: string | undefined) => {
      if (name === undefined) return piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(name);
      return '([^/]+)';
    });
    const found = new RegExp(`^${source}$`).exec(pathname);
    if (!found) continue;
    const path: { [name: string]: string } = {};
    names.forEach((name, i) => {
      path[name] = decodeURIComponent(found[i + 1] ?? '');
    });
    return { op, path };
  }
  return undefined;
}

/**
 * Checks one request against the operation the document declares: each parameter read in its
 * declared style and explode, then typed by its schema and validated by Ajv; the body by its
 * media type (JSON, url-encoded or multipart forms with each property's `encoding`). Returns the
 * problems, empty when the request is exactly what the document allows.
 */
export async function checkRequest(
  schemas: DocumentSchemas,
  op: DocOperation,
  path: { [name: string]: string },
  request: ArrivedRequest,
): Promise<string[]> {
  const problems: string[] = [];
  const url = new URL(request.url, 'http://127.0.0.1');
  const query = [...url.searchParams.entries()];
  const used = new Set<number>();
  for (const parameter of op.parameters) {
    if (parameter.in === 'cookie') continue;
    const schema = schemas.schema(parameter.schema);
    let raw: Raw | undefined;
    if (parameter.in === 'path') raw = split(schemas, schema, path[parameter.name], ',');
    else if (parameter.in === 'header') {
      const value = request.headers[parameter.name.toLowerCase()];
      raw = split(schemas, schema, Array.isArray(value) ? value.join(',') : value, /\s*,\s*/);
    } else raw = readStyled(schemas, schema, parameter, query, used, problems);
    const where = `${parameter.in} parameter ${parameter.name}`;
    if (raw === undefined) {
      if (parameter.required) problems.push(`${where} is required but missing`);
      continue;
    }
    const value = coerce(schemas, schema, raw);
    const problem = schemas.check(schema, value);
    if (problem) problems.push(`${where} = ${JSON.stringify(value)}: ${problem}`);
  }
  query.forEach(([key], i) => {
    if (!used.has(i)) problems.push(`query key ${key} is not a declared parameter in its declared style`);
  });
  problems.push(...(await checkBody(schemas, op, request)));
  return problems;
}

function split(
  schemas: DocumentSchemas,
  schema: Json,
  text: string | undefined,
  by: string | RegExp,
): Raw | undefined {
  if (text === undefined) return undefined;
  return isArraySchema(schemas, schema) ? text.split(by) : text;
}

function isArraySchema(schemas: DocumentSchemas, raw: Json): boolean {
  const schema = schemas.resolve(raw);
  return (
    isObject(schema) && (schema.type === 'array' || (schema.type === undefined && schema.items !== undefined))
  );
}

function isObjectSchema(schemas: DocumentSchemas, raw: Json): boolean {
  const schema = schemas.resolve(raw);
  return isObject(schema) && (schema.type === 'object' || schema.properties !== undefined);
}

/** A query parameter or form property read as its style writes it; marks the entries it took. */
function readStyled(
  schemas: DocumentSchemas,
  schema: Json,
  parameter: Pick<DocParameter, 'name' | 'style' | 'explode'>,
  entries: readonly (readonly [string, string])[],
  used: Set<number>,
  problems: string[],
): Raw | undefined {
  const { name, style, explode } = parameter;
  const take = (test: (key: string) => boolean) => {
    const taken: [string, string][] = [];
    entries.forEach(([key, value], i) => {
      if (!used.has(i) && test(key)) {
        used.add(i);
        taken.push([key, value]);
      }
    });
    return taken;
  };
  if (style === 'deepObject') {
    const taken = take((key) => key === name || key.startsWith(`${name}[`));
    if (taken.length === 0) return undefined;
    const plain = taken.find(([key]) => key === name);
    if (plain && taken.length === 1) return plain[1];
    const root: { [key: string]: Raw } = {};
    for (const [key, value] of taken)
      if (key !== name) setDeep(root, bracketPath(key.slice(name.length)), value);
    return root;
  }
  if (style === 'form' && explode && isObjectSchema(schemas, schema)) {
    const resolved = schemas.resolve(schema) as JsonObject;
    const keys = new Set(Object.keys(isObject(resolved.properties) ? resolved.properties : {}));
    const taken = take((key) => keys.has(key));
    return taken.length === 0 ? undefined : Object.fromEntries(taken);
  }
  const taken = take((key) => key === name).map(([, value]) => value);
  if (taken.length === 0) return undefined;
  const array = isArraySchema(schemas, schema);
  if (style === 'form' && explode) return array ? taken : taken.length === 1 ? taken[0] : taken;
  const separator = style === 'spaceDelimited' ? ' ' : style === 'pipeDelimited' ? '|' : ',';
  // Without explode, a style writes one key: a repeated one is another style on the wire.
  if (taken.length > 1)
    problems.push(`${name} is sent ${taken.length} times; ${style} without explode writes it once`);
  const text = taken.join(separator);
  if (array) return text.split(separator);
  if (isObjectSchema(schemas, schema)) {
    const parts = text.split(separator);
    const out: { [key: string]: Raw } = {};
    for (let i = 0; i + 1 < parts.length; i += 2) out[parts[i] as string] = parts[i + 1] as string;
    return out;
  }
  // Several values for one scalar: say so by keeping them all (validation then fails).
  return taken.length === 1 ? text : taken;
}

/** `[a][0][]` → `['a', '0', '']`. */
function bracketPath(rest: string): string[] {
  const keys: string[] = [];
  for (const m of rest.matchAll(/\[([^\]]*)\]/g)) keys.push(m[1] ?? '');
  return keys;
}

/** Sets a bracket path; an empty key (`[]`) appends: the next index of its object. */
function setDeep(root: { [key: string]: Raw }, keys: string[], value: string): void {
  let node = root;
  keys.forEach((raw, i) => {
    const key = raw === '' ? String(Object.keys(node).length) : raw;
    if (i === keys.length - 1) {
      node[key] = value;
      return;
    }
    const child = node[key];
    const next: { [key: string]: Raw } = typeof child === 'object' && !Array.isArray(child) ? child : {};
    node[key] = next;
    node = next;
  });
}

/** Text from the wire typed by the schema: numbers, booleans, lists from indexed objects. */
export function coerce(schemas: DocumentSchemas, raw: Json, value: Raw): Json {
  const schema = schemas.resolve(raw);
  if (!isObject(schema)) return value as Json;
  const members = Array.isArray(schema.anyOf)
    ? schema.anyOf
    : Array.isArray(schema.oneOf)
      ? schema.oneOf
      : undefined;
  if (members) {
    for (const member of members) {
      const typed = coerce(schemas, member, value);
      if (schemas.check(member, typed) === undefined) return typed;
    }
    return value as Json;
  }
  if (Array.isArray(schema.allOf)) {
    let typed = value as Json;
    for (const part of schema.allOf) typed = coerce(schemas, part, typed as Raw);
    return typed;
  }
  const type = schema.type ?? (schema.properties ? 'object' : schema.items ? 'array' : undefined);
  if ((type === 'integer' || type === 'number') && typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isNaN(n) ? value : n;
  }
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  if (type === 'array') {
    const items = Array.isArray(value)
      ? value
      : isObject(value)
        ? Object.keys(value)
            .sort((a, b) => Number(a) - Number(b))
            .map((k) => (value as { [key: string]: Raw })[k] as Raw)
        : [value];
    const itemSchema = schema.items === undefined || Array.isArray(schema.items) ? {} : schema.items;
    return items.map((item) => coerce(schemas, itemSchema, item));
  }
  if (isObject(value) && !Array.isArray(value)) {
    const properties = isObject(schema.properties) ? schema.properties : {};
    const extra = isObject(schema.additionalProperties) ? schema.additionalProperties : {};
    const out: JsonObject = {};
    for (const [key, item] of Object.entries(value))
      out[key] = coerce(schemas, properties[key] ?? extra, item);
    return out;
  }
  return value as Json;
}

function mediaMatches(declared: string, sent: string): boolean {
  if (declared === sent || declared === '*/*') return true;
  const [type, sub] = declared.split('/');
  return sub === '*' && sent.startsWith(`${type}/`);
}

async function checkBody(
  schemas: DocumentSchemas,
  op: DocOperation,
  request: ArrivedRequest,
): Promise<string[]> {
  const header = request.headers['content-type'];
  const sent = (Array.isArray(header) ? header[0] : header)?.split(';')[0]?.trim().toLowerCase();
  if (request.body.length === 0) {
    return op.body?.required ? ['the request body is required but none was sent'] : [];
  }
  if (!op.body) return [`a body was sent (${sent ?? 'no content-type'}) but the operation declares none`];
  const media = op.body.media.find((m) => sent !== undefined && mediaMatches(m.type, sent));
  if (!media) {
    return [
      `the body was sent as ${sent ?? 'no content-type'}; the document declares ${op.body.media.map((m) => m.type).join(', ')}`,
    ];
  }
  if (media.schema === undefined) return [];
  const schema = schemas.schema(media.schema);
  let raw: Raw | Json;
  if (/json/.test(media.type) || media.type === '*/*') {
    try {
      raw = JSON.parse(request.body.toString('utf8')) as Json;
    } catch {
      return ['the body is not JSON'];
    }
    const problem = schemas.check(schema, raw);
    return problem ? [`body ${problem}`] : [];
  }
  let entries: [string, string][];
  if (media.type === 'application/x-www-form-urlencoded')
    entries = [...new URLSearchParams(request.body.toString('utf8')).entries()];
  else if (media.type === 'multipart/form-data') {
    const form = await new Response(new Uint8Array(request.body), {
      headers: { 'content-type': String(header) },
    }).formData();
    entries = [];
    for (const [key, value] of form.entries())
      entries.push([key, typeof value === 'string' ? value : await value.text()]);
  } else return [];
  return checkForm(schemas, schema, media, entries);
}

/** A form body: each property read in its `encoding` (form, exploded, by default), then validated. */
function checkForm(
  schemas: DocumentSchemas,
  raw: Json,
  media: DocMedia,
  entries: [string, string][],
): string[] {
  const schema = schemas.resolve(raw);
  const properties = isObject(schema) && isObject(schema.properties) ? schema.properties : {};
  const used = new Set<number>();
  const value: JsonObject = {};
  const problems: string[] = [];
  for (const [name, property] of Object.entries(properties)) {
    const encoding: PropertyEncoding = media.encoding[name] ?? { style: 'form', explode: true };
    const read = readStyled(schemas, property, { name, ...encoding }, entries, used, problems);
    if (read !== undefined) value[name] = coerce(schemas, property, read);
  }
  entries.forEach(([key], i) => {
    if (!used.has(i)) problems.push(`form key ${key} is not a declared property in its declared encoding`);
  });
  const problem = schemas.check(raw, value);
  if (problem) problems.push(`form body ${problem}`);
  return problems;
}
