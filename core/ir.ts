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
  attributes: Attribute[];
}

export interface Field {
  name: string;
  type: TypeRef;
  required: boolean;
  /** Default value in its wire text form: `"100"`, `"true"`, `"active"`, `"[]"`. */
  default?: string;
  minimum?: number;
  maximum?: number;
  example?: string;
  description?: string;
  deprecation?: Deprecation;
  /** Names of annotations declared in the service or an import (e.g. `personal_data`). */
  annotations: string[];
  attributes: Attribute[];
}

export interface Interface {
  name: string;
  plural: string;
  description?: string;
  deprecation?: Deprecation;
  fields: Field[];
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
  /** The tag field's name. Without one, members are wrapped as `{ "<tag>": {...} }` on the wire. */
  discriminator?: string;
  description?: string;
  deprecation?: Deprecation;
  types: UnionMember[];
  interfaces: string[];
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

export interface Parameter {
  name: string;
  type: TypeRef;
  location: ParameterLocation;
  required: boolean;
  default?: string;
  minimum?: number;
  maximum?: number;
  example?: string;
  description?: string;
  deprecation?: Deprecation;
  attributes: Attribute[];
}

export interface Body {
  type: TypeRef;
  description?: string;
  deprecation?: Deprecation;
  attributes: Attribute[];
}

/** A status code, or `default` for "any other status". */
export type ResponseCode = number | 'default';

export interface Response {
  code: ResponseCode;
  type: TypeRef;
  headers: Header[];
  description?: string;
  deprecation?: Deprecation;
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
  parameters: Parameter[];
  responses: Response[];
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
