/**
 * The IR: one normalized, fully resolved service.
 *
 * Every source format (api.json, service.json, OpenAPI, JSON Schema) is parsed into this shape,
 * and everything downstream (validation, lint, diff, generators, the registry) reads only this.
 * It is plain JSON-serializable data: no classes, no cycles, no `undefined` values (optional
 * properties are absent, never set to `undefined`), arrays in declaration order.
 *
 * Wire names (model, field, enum value names) are kept exactly as the spec writes them.
 */

/** API Builder's primitive types. */
export const PRIMITIVES = [
  'boolean',
  'decimal',
  'integer',
  'double',
  'long',
  'object',
  'json',
  'string',
  'date-iso8601',
  'date-time-iso8601',
  'uuid',
  'unit',
] as const;

export type PrimitiveName = (typeof PRIMITIVES)[number];

/** The kinds of named (user-defined) types. */
export type NamedKind = 'model' | 'enum' | 'union' | 'interface';

/**
 * A type, parsed once from its string form (`[user]`, `map[long]`, `io.x.v0.models.user`).
 * Downstream code switches on `kind` and never re-parses strings.
 */
export type TypeRef =
  | { readonly kind: 'primitive'; readonly name: PrimitiveName }
  | { readonly kind: 'list'; readonly of: TypeRef }
  | { readonly kind: 'map'; readonly of: TypeRef }
  | NamedTypeRef
  | UnknownTypeRef;

/**
 * A reference to a model, enum, union or interface. `namespace` is the namespace of the service
 * that defines it: the referring service's own namespace for local types, the import's for
 * imported ones.
 */
export interface NamedTypeRef {
  readonly kind: NamedKind;
  readonly name: string;
  readonly namespace: string;
}

/** A name that resolves to nothing; validation reports it as `unknown-type`. */
export interface UnknownTypeRef {
  readonly kind: 'unknown';
  readonly name: string;
}

export interface Deprecation {
  description?: string;
}

/**
 * A construct of the source document that the IR cannot hold faithfully (an OpenAPI `oneOf`
 * next to `properties`, a tuple, a per-operation server), kept on the element where it was found
 * (`code` is the importer's warning code), so generated code says so at that place.
 */
export interface Lossy {
  code: string;
  message: string;
}

/** Free-form extension data (`{ name, value }`), the format's own extension point. */
export interface Attribute {
  name: string;
  value: JsonObject;
  description?: string;
  deprecation?: Deprecation;
}

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export interface Annotation {
  name: string;
  description?: string;
  deprecation?: Deprecation;
}

export interface Info {
  contact?: { name?: string; url?: string; email?: string };
  license?: { name: string; url?: string };
}

export interface Header {
  name: string;
  type: TypeRef;
  required: boolean;
  /** Default value in its wire text form (service.json stores defaults as strings). */
  default?: string;
  description?: string;
  deprecation?: Deprecation;
  attributes: Attribute[];
}

/** An imported service: where it came from and the names it defines. */
export interface Import {
  uri: string;
  namespace: string;
  organization: { key: string };
  application: { key: string };
  version: string;
  enums: string[];
  interfaces: string[];
  unions: string[];
  models: string[];
  annotations: Annotation[];
}

export interface EnumValue {
  name: string;
  /** The wire value; defaults to `name`. */
  value: string;
  description?: string;
  deprecation?: Deprecation;
  attributes: Attribute[];
}

export interface Enum {
  name: string;
  plural: string;
  description?: string;
  deprecation?: Deprecation;
  values: EnumValue[];
  /**
   * Other values may appear at any time (OpenAPI's `x-extensible-enum`, Zalando's guideline):
   * the listed values are the known ones, consumers must accept others. Absent: closed.
   */
  extensible?: boolean;
  /** What the source said that this element cannot (absent when nothing was lost). */
  lossy?: Lossy[];
  attributes: Attribute[];
}

/**
 * What a field or parameter allows besides its type. `minimum`/`maximum` keep API Builder's
 * meaning, which depends on the type: the value of a number, the length of a string, the number of
 * items of a list (OpenAPI's `minLength`/`minItems` are read into them, and written back from
 * them, by type). The other keywords are JSON Schema's, kept only where the type admits them.
 */
export interface Constraints {
  minimum?: number;
  maximum?: number;
  /** Numbers: values must be greater than this (JSON Schema 2020-12 form). */
  exclusiveMinimum?: number;
  /** Numbers: values must be less than this. */
  exclusiveMaximum?: number;
  /** Numbers: values must be a multiple of this (> 0). */
  multipleOf?: number;
  /** Strings: an ECMAScript regular expression (without slashes) that values match somewhere. */
  pattern?: string;
  /** Strings: a format beyond what the type says (`email`, `uri`, `binary`…). */
  format?: string;
  /** Lists: present (and `true`) when no two items may be equal. */
  uniqueItems?: true;
  /** The one value allowed. */
  const?: JsonValue;
  /**
   * Lists and maps: the constraints of each item or value, by what they mean for the item's type
   * (Kubernetes' `data` maps of `format: byte` strings, Stripe's `items: {maxLength: 5000}`).
   */
  items?: Constraints;
}

/** The constraint keys of {@link Constraints}, in the order tools show them. */
export const CONSTRAINT_KEYS = [
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'pattern',
  'format',
  'uniqueItems',
  'const',
] as const satisfies readonly (keyof Constraints)[];

export interface Field extends Constraints {
  name: string;
  type: TypeRef;
  /** Whether the key must be present. Independent of {@link Field.nullable}. */
  required: boolean;
  /** Present (and `true`) when the value may be `null` on the wire; absent when it may not. */
  nullable?: true;
  /** Default value in its wire text form: `"100"`, `"true"`, `"active"`, `"[]"`. */
  default?: string;
  example?: string;
  description?: string;
  deprecation?: Deprecation;
  /** Names of annotations declared in the service or an import (e.g. `personal_data`). */
  annotations: string[];
  /** What the source said that this element cannot (absent when nothing was lost). */
  lossy?: Lossy[];
  attributes: Attribute[];
}

export interface Interface {
  name: string;
  plural: string;
  description?: string;
  deprecation?: Deprecation;
  fields: Field[];
  /** What the source said that this element cannot (absent when nothing was lost). */
  lossy?: Lossy[];
  attributes: Attribute[];
}

export interface Model {
  name: string;
  plural: string;
  description?: string;
  deprecation?: Deprecation;
  fields: Field[];
  /** Names of the interfaces this model implements. */
  interfaces: string[];
  /** What the source said that this element cannot (absent when nothing was lost). */
  lossy?: Lossy[];
  attributes: Attribute[];
}

export interface UnionMember {
  type: TypeRef;
  /** The tag on the wire; defaults to the member type's name. */
  discriminatorValue: string;
  /** The member used when the tag is missing (only with a discriminator). */
  default: boolean;
  description?: string;
  deprecation?: Deprecation;
  attributes: Attribute[];
}

export interface Union {
  name: string;
  plural: string;
  /**
   * The tag field's name. Without one, members are wrapped as `{ "<tag>": {...} }` on the wire
   * (API Builder's form), unless the union is {@link Union.untagged}.
   */
  discriminator?: string;
  /**
   * Present (and `true`) when members appear bare on the wire, told apart only by their shape:
   * OpenAPI's `oneOf`/`anyOf` without a discriminator. Members' `discriminatorValue`s are then
   * names for them (`customer`, `long`), never sent.
   */
  untagged?: true;
  description?: string;
  deprecation?: Deprecation;
  types: UnionMember[];
  interfaces: string[];
  /** What the source said that this element cannot (absent when nothing was lost). */
  lossy?: Lossy[];
  attributes: Attribute[];
}

export const METHODS = [
  'GET',
  'POST',
  'PUT',
  'PATCH',
  'DELETE',
  'HEAD',
  'CONNECT',
  'OPTIONS',
  'TRACE',
] as const;
export type Method = (typeof METHODS)[number];

export const PARAMETER_LOCATIONS = ['path', 'query', 'form', 'header'] as const;
export type ParameterLocation = (typeof PARAMETER_LOCATIONS)[number];

/**
 * How a parameter's value is written (OpenAPI's `style`): `form` (`?a=1&a=2`, or `?a=1,2` without
 * explode), `spaceDelimited`/`pipeDelimited` lists, `deepObject` (`?a[key]=v`, lists `?a[]=1`),
 * `simple` (`1,2` in paths and headers), `label` (`.1.2`) and `matrix` (`;a=1`) in paths.
 */
export const PARAMETER_STYLES = [
  'form',
  'spaceDelimited',
  'pipeDelimited',
  'deepObject',
  'simple',
  'label',
  'matrix',
] as const;
export type ParameterStyle = (typeof PARAMETER_STYLES)[number];

export interface Parameter extends Constraints {
  name: string;
  type: TypeRef;
  location: ParameterLocation;
  required: boolean;
  /**
   * The declared style; absent means Canon's own form (API Builder's): lists as repeated keys,
   * objects as JSON text.
   */
  style?: ParameterStyle;
  /** OpenAPI's `explode`, when declared; absent means the style's default (true for form and deepObject). */
  explode?: boolean;
  default?: string;
  example?: string;
  description?: string;
  deprecation?: Deprecation;
  /** What the source said that this element cannot (absent when nothing was lost). */
  lossy?: Lossy[];
  attributes: Attribute[];
}

export interface Body {
  type: TypeRef;
  /**
   * The media types the source declares, in order, the first being the one generated code sends
   * or expects (absent: `application/json` alone). Only the first one's schema is typed; the diff
   * compares the lists (`request-media-type-removed`, `response-media-type-removed`).
   */
  mediaTypes?: string[];
  description?: string;
  deprecation?: Deprecation;
  /** What the source said that this element cannot (absent when nothing was lost). */
  lossy?: Lossy[];
  attributes: Attribute[];
}

/** A status code, or `default` for "any other status". */
export type ResponseCode = number | 'default';

export interface Response {
  code: ResponseCode;
  type: TypeRef;
  headers: Header[];
  /**
   * The media types the source declares, in order, the first being the one generated code sends
   * or expects (absent: `application/json` alone). Only the first one's schema is typed; the diff
   * compares the lists (`request-media-type-removed`, `response-media-type-removed`).
   */
  mediaTypes?: string[];
  description?: string;
  deprecation?: Deprecation;
  /** What the source said that this element cannot (absent when nothing was lost). */
  lossy?: Lossy[];
  attributes: Attribute[];
}

export interface Operation {
  method: Method;
  /** The full path: resource path plus operation path, `/` when both are empty. */
  path: string;
  /** A name chosen by the source (OpenAPI operationId); generators may use it for method names. */
  operationId?: string;
  description?: string;
  deprecation?: Deprecation;
  body?: Body;
  /**
   * How `form` parameters travel: absent, as one JSON object (API Builder's form); `urlencoded`,
   * as `application/x-www-form-urlencoded`; `multipart`, as `multipart/form-data`. Nested values
   * use bracket keys in both (`metadata[key]=v`, `items[0][price]=p`, `expand[]=a`).
   */
  formEncoding?: 'urlencoded' | 'multipart';
  parameters: Parameter[];
  responses: Response[];
  /** What the source said that this element cannot (absent when nothing was lost). */
  lossy?: Lossy[];
  attributes: Attribute[];
}

export interface Resource {
  type: TypeRef;
  plural: string;
  /** The resource's own path prefix, when it has one. */
  path?: string;
  description?: string;
  deprecation?: Deprecation;
  operations: Operation[];
  attributes: Attribute[];
}

export interface Service {
  name: string;
  organization: { key: string };
  application: { key: string };
  namespace: string;
  version: string;
  info: Info;
  baseUrl?: string;
  description?: string;
  headers: Header[];
  imports: Import[];
  enums: Enum[];
  interfaces: Interface[];
  models: Model[];
  unions: Union[];
  resources: Resource[];
  annotations: Annotation[];
  attributes: Attribute[];
}
