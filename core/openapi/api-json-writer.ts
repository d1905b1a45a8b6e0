import type {
  Attribute,
  Deprecation,
  Enum,
  Field,
  Header,
  Interface,
  JsonObject,
  JsonValue,
  Model,
  Operation,
  Parameter,
  Resource,
  Service,
  Union,
} from '../ir.js';
import { CONSTRAINT_KEYS } from '../ir.js';
import { formatTypeRef } from '../type-ref.js';
import { writeConstraints } from './constraints.js';
import { typedDefault } from './export-schema.js';
import { dict } from './json.js';

/**
 * Writes a service in API Builder's authoring form (`api.json`), so a team can move an OpenAPI
 * document to Canon with `canon convert spec.yaml --to api.json`. Everything is spelled out
 * (plurals, paths, locations) so that reading the file back does not depend on API Builder's
 * defaults. api.json has no version and no operationId: the operationId is kept in the
 * operation's `openapi` attribute.
 */
export function writeApiJson(service: Service): JsonObject {
  const ns = service.namespace;
  const type = (t: Parameters<typeof formatTypeRef>[0]) => formatTypeRef(t, ns);
  const out: JsonObject = { name: service.name };
  if (Object.keys(service.info).length > 0) out.info = json(service.info);
  out.namespace = ns;
  if (service.baseUrl !== undefined) out.base_url = service.baseUrl;
  if (service.description !== undefined) out.description = service.description;
  if (service.headers.length > 0) out.headers = service.headers.map((h) => header(h, type));
  if (service.imports.length > 0) out.imports = service.imports.map((i) => ({ uri: i.uri }));
  if (service.enums.length > 0) out.enums = keyed(service.enums, (e) => enumJson(e));
  if (service.interfaces.length > 0) out.interfaces = keyed(service.interfaces, (i) => modelJson(i, type));
  if (service.models.length > 0) out.models = keyed(service.models, (m) => modelJson(m, type));
  if (service.unions.length > 0) out.unions = keyed(service.unions, (u) => unionJson(u, type));
  if (service.resources.length > 0) {
    const resources: JsonObject = dict();
    for (const r of service.resources) resources[type(r.type)] = resourceJson(r, type);
    out.resources = resources;
  }
  if (service.annotations.length > 0) {
    const annotations: JsonObject = dict();
    for (const a of service.annotations) annotations[a.name] = common({}, a);
    out.annotations = annotations;
  }
  if (service.attributes.length > 0) out.attributes = json(service.attributes);
  return out;
}

type TypeText = (t: Field['type']) => string;

function keyed<T extends { name: string }>(list: T[], write: (element: T) => JsonObject): JsonObject {
  const out: JsonObject = dict();
  for (const element of list) out[element.name] = write(element);
  return out;
}

function json(value: unknown): JsonValue {
  return JSON.parse(JSON.stringify(value)) as JsonValue;
}

/** description, deprecation and attributes, the keys every element shares. */
function common(
  out: JsonObject,
  source: { description?: string; deprecation?: Deprecation; attributes?: Attribute[] },
): JsonObject {
  if (source.description !== undefined) out.description = source.description;
  if (source.deprecation) out.deprecation = json(source.deprecation);
  if (source.attributes && source.attributes.length > 0) out.attributes = json(source.attributes);
  return out;
}

function enumJson(e: Enum): JsonObject {
  const values = e.values.map((v) =>
    common(v.name === v.value ? { name: v.name } : { name: v.name, value: v.value }, v),
  );
  if (!e.extensible) return common({ plural: e.plural, values }, e);
  // api.json's enums are closed; an open one says so in its attribute, which the reader turns back.
  return common(
    { plural: e.plural, values },
    { ...e, attributes: mergeOpenApi(e.attributes, { extensible: true }) },
  );
}

function fieldJson(f: Field | Parameter, type: TypeText): JsonObject {
  const out: JsonObject = { name: f.name, type: type(f.type) };
  if ('location' in f) out.location = f.location;
  if (!f.required) out.required = false;
  if (f.default !== undefined) out.default = typedDefault(f.type, f.default) as JsonValue;
  if (f.example !== undefined) out.example = f.example;
  if (f.minimum !== undefined) out.minimum = f.minimum;
  if (f.maximum !== undefined) out.maximum = f.maximum;
  if ('annotations' in f && f.annotations.length > 0) out.annotations = f.annotations;
  return common(out, { ...f, attributes: withWireDetails(f) });
}

function modelJson(m: Model | Interface, type: TypeText): JsonObject {
  const out: JsonObject = { plural: m.plural, fields: m.fields.map((f) => fieldJson(f, type)) };
  if ('interfaces' in m && m.interfaces.length > 0) out.interfaces = m.interfaces;
  return common(out, m);
}

function unionJson(u: Union, type: TypeText): JsonObject {
  const out: JsonObject = { plural: u.plural };
  if (u.discriminator !== undefined) out.discriminator = u.discriminator;
  out.types = u.types.map((m) => {
    const member: JsonObject = { type: type(m.type) };
    if (m.discriminatorValue !== type(m.type)) member.discriminator_value = m.discriminatorValue;
    if (m.default) member.default = true;
    return common(member, m);
  });
  if (u.interfaces.length > 0) out.interfaces = u.interfaces;
  if (!u.untagged) return common(out, u);
  const attributes = mergeOpenApi(u.attributes, { wire: 'untagged' });
  return common(out, { ...u, attributes });
}

function header(h: Header, type: TypeText): JsonObject {
  const out: JsonObject = { name: h.name, type: type(h.type) };
  if (!h.required) out.required = false;
  if (h.default !== undefined) out.default = h.default;
  return common(out, h);
}

function resourceJson(r: Resource, type: TypeText): JsonObject {
  const base = r.path ?? '';
  return common({ path: base, operations: r.operations.map((o) => operationJson(o, base, type)) }, r);
}

function operationJson(o: Operation, base: string, type: TypeText): JsonObject {
  const out: JsonObject = { method: o.method };
  const relative = base !== '' && o.path.startsWith(base) ? o.path.slice(base.length) : o.path;
  if (relative !== '') out.path = relative;
  if (o.body) out.body = common({ type: type(o.body.type) }, withMediaTypes(o.body));
  if (o.parameters.length > 0) out.parameters = o.parameters.map((p) => fieldJson(p, type));
  if (o.responses.length > 0) {
    const responses: JsonObject = {};
    for (const r of o.responses) {
      const response: JsonObject = { type: type(r.type) };
      if (r.headers.length > 0) response.headers = r.headers.map((h) => header(h, type));
      responses[String(r.code)] = common(response, withMediaTypes(r));
    }
    out.responses = responses;
  }
  let attributes = o.operationId === undefined ? o.attributes : withOperationId(o.attributes, o.operationId);
  // api.json's form parameters are JSON; a form encoding is kept for the record.
  if (o.formEncoding !== undefined) attributes = mergeOpenApi(attributes, { formEncoding: o.formEncoding });
  return common(out, { ...o, attributes });
}

/**
 * api.json has no keys for nullability or JSON Schema constraints: they travel in the element's
 * `openapi` attribute (as OpenAPI keywords), so converting does not drop them silently.
 */
function withWireDetails(f: Field | Parameter): Attribute[] {
  const details: JsonObject = {};
  if ('nullable' in f && f.nullable) details.nullable = true;
  for (const key of CONSTRAINT_KEYS) {
    if (key === 'minimum' || key === 'maximum') continue;
    const value = f[key];
    if (value !== undefined) details[key] = value;
  }
  if (f.items && (f.type.kind === 'list' || f.type.kind === 'map')) {
    const items: JsonObject = {};
    writeConstraints(items, f.items, f.type.of);
    details[f.type.kind === 'list' ? 'items' : 'additionalProperties'] = items;
  }
  return Object.keys(details).length === 0 ? f.attributes : mergeOpenApi(f.attributes, details);
}

/** api.json bodies and responses are JSON: declared media types are kept for the record only. */
function withMediaTypes<T extends { mediaTypes?: string[]; attributes: Attribute[] }>(element: T): T {
  if (element.mediaTypes === undefined) return element;
  return { ...element, attributes: mergeOpenApi(element.attributes, { mediaTypes: element.mediaTypes }) };
}

/** The attributes with `details` merged into the `openapi` attribute (added when missing). */
function mergeOpenApi(attributes: Attribute[], details: JsonObject): Attribute[] {
  const existing = attributes.find((a) => a.name === 'openapi');
  if (!existing) return [...attributes, { name: 'openapi', value: details }];
  return attributes.map((a) => (a === existing ? { ...a, value: { ...a.value, ...details } } : a));
}

function withOperationId(attributes: Attribute[], operationId: string): Attribute[] {
  const existing = attributes.find((a) => a.name === 'openapi');
  if (!existing) return [...attributes, { name: 'openapi', value: { operationId } }];
  return attributes.map((a) => (a === existing ? { ...a, value: { ...a.value, operationId } } : a));
}
