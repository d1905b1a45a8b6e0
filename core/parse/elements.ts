import type {
  Annotation,
  Body,
  Enum,
  EnumValue,
  Field,
  Header,
  Interface,
  Method,
  Model,
  Parameter,
  ParameterLocation,
  Union,
  UnionMember,
} from '../ir.js';
import { METHODS, PARAMETER_LOCATIONS } from '../ir.js';
import { memberPointer, type ParseContext } from './context.js';
import { pluralize } from './plural.js';
import {
  asBoolean,
  asNumber,
  asString,
  defaultText,
  describe,
  elementName,
  type Json,
  noItems,
  pointer,
  readAttributes,
  requiredString,
  setOptional,
  stringList,
} from './read.js';

/**
 * Readers for the elements api.json and service.json share. Each takes the element's JSON and
 * its pointer, applies API Builder's defaults, and records the pointer in the context. Items of a
 * list take the list's pointer and their index instead (for messages) and are recorded by the
 * caller, once per list (ParseContext.items).
 */

export function readField(ctx: ParseContext, json: Json, base: string, index: number): Field {
  const field: Field = {
    name: elementName(json.name) ?? '',
    type: ctx.type(json.type, base, index),
    required: asBoolean(json.required, true),
    annotations: stringList(json.annotations),
    attributes: readAttributes(json.attributes),
  };
  setOptional(field, 'default', defaultText(json.default));
  setOptional(field, 'minimum', asNumber(json.minimum));
  setOptional(field, 'maximum', asNumber(json.maximum));
  setOptional(field, 'example', asString(json.example) ?? exampleText(json.example));
  return describe(field, json);
}

/** The `fields` list of the element at `path`. */
export function readFields(ctx: ParseContext, value: unknown, path: string): Field[] {
  if (!Array.isArray(value) || value.length === 0) return noItems(value);
  const base = pointer(path, 'fields');
  return ctx.items(value, base, (json, i) => readField(ctx, json, base, i));
}

function readHeader(ctx: ParseContext, json: Json, base: string, index: number): Header {
  const header: Header = {
    name: requiredString(json.name) ?? '',
    type: ctx.type(json.type, base, index),
    required: asBoolean(json.required, true),
    attributes: readAttributes(json.attributes),
  };
  setOptional(header, 'default', defaultText(json.default));
  return describe(header, json);
}

/** The `headers` list of the element at `base/segment` (at `base` without a segment). */
export function readHeaders(
  ctx: ParseContext,
  value: unknown,
  base: string,
  segment?: string | number,
): Header[] {
  if (!Array.isArray(value) || value.length === 0) return noItems(value);
  const headersBase = memberPointer(base, segment, 'headers');
  return ctx.items(value, headersBase, (json, i) => readHeader(ctx, json, headersBase, i));
}

export function readEnum(ctx: ParseContext, name: string, json: Json, path: string): Enum {
  const valuesBase = pointer(path, 'values');
  const values = ctx.items(json.values, valuesBase, (item): EnumValue => {
    const valueName = elementName(item.name) ?? '';
    const value: EnumValue = {
      name: valueName,
      value: asString(item.value) ?? valueName,
      attributes: readAttributes(item.attributes),
    };
    return describe(value, item);
  });
  const result: Enum = {
    name,
    plural: asString(json.plural) ?? pluralize(name),
    values,
    attributes: readAttributes(json.attributes),
  };
  // api.json's enums are closed; `canon convert` writes an open (x-extensible-enum) one as this attribute.
  if (result.attributes.some((a) => a.name === 'openapi' && a.value.extensible === true))
    result.extensible = true;
  describe(result, json);
  return ctx.at(result, path);
}

export function readInterface(ctx: ParseContext, name: string, json: Json, path: string): Interface {
  const result: Interface = {
    name,
    plural: asString(json.plural) ?? pluralize(name),
    fields: readFields(ctx, json.fields, path),
    attributes: readAttributes(json.attributes),
  };
  describe(result, json);
  return ctx.at(result, path);
}

export function readModel(ctx: ParseContext, name: string, json: Json, path: string): Model {
  const result: Model = {
    name,
    plural: asString(json.plural) ?? pluralize(name),
    fields: readFields(ctx, json.fields, path),
    interfaces: stringList(json.interfaces),
    attributes: readAttributes(json.attributes),
  };
  describe(result, json);
  return ctx.at(result, path);
}

export function readUnion(ctx: ParseContext, name: string, json: Json, path: string): Union {
  const typesBase = pointer(path, 'types');
  const types = ctx.items(json.types, typesBase, (item, i): UnionMember => {
    const type = ctx.type(item.type, typesBase, i);
    const member: UnionMember = {
      type,
      discriminatorValue: asString(item.discriminator_value) ?? tagOf(item.type),
      default: asBoolean(item.default, false),
      attributes: readAttributes(item.attributes),
    };
    return describe(member, item);
  });
  const result: Union = {
    name,
    plural: asString(json.plural) ?? pluralize(name),
    types,
    interfaces: stringList(json.interfaces),
    attributes: readAttributes(json.attributes),
  };
  setOptional(result, 'discriminator', asString(json.discriminator));
  // api.json has no key for OpenAPI's bare members; `canon convert` writes them as this attribute.
  if (result.attributes.some((a) => a.name === 'openapi' && a.value.wire === 'untagged'))
    result.untagged = true;
  describe(result, json);
  return ctx.at(result, path);
}

export function readAnnotation(ctx: ParseContext, name: string, json: Json, path: string): Annotation {
  const annotation: Annotation = { name };
  // The IR keeps no attributes for annotations, but they are read so that bad ones are noticed.
  readAttributes(json.attributes);
  return ctx.at(describe(annotation, json), path);
}

/**
 * The parameter at `base/index` (the caller records where it came from). `location` is the explicit location (service.json writes
 * `Query`, api.json `query`); when absent the caller's `fallback` applies.
 */
export function readParameter(
  ctx: ParseContext,
  json: Json,
  base: string,
  index: number,
  fallback: ParameterLocation,
): Parameter {
  const parameter: Parameter = {
    name: requiredString(json.name) ?? '',
    type: ctx.type(json.type, base, index),
    location: readLocation(ctx, json.location, base, index) ?? fallback,
    required: asBoolean(json.required, true),
    attributes: readAttributes(json.attributes),
  };
  setOptional(parameter, 'default', defaultText(json.default));
  setOptional(parameter, 'minimum', asNumber(json.minimum));
  setOptional(parameter, 'maximum', asNumber(json.maximum));
  setOptional(parameter, 'example', asString(json.example) ?? exampleText(json.example));
  return describe(parameter, json);
}

function readLocation(
  ctx: ParseContext,
  value: unknown,
  base: string,
  index: number,
): ParameterLocation | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value.toLowerCase() : '';
  if ((PARAMETER_LOCATIONS as readonly string[]).includes(text)) return text as ParameterLocation;
  ctx.report(
    'invalid-location',
    memberPointer(base, index, 'location'),
    `location[${String(value)}] is not recognized. Must be one of: ${PARAMETER_LOCATIONS.join(', ')}.`,
  );
  return undefined;
}

/** The default discriminator value of a union member: its type name as written (unqualified). */
function tagOf(type: unknown): string {
  if (typeof type !== 'string') return '';
  const qualified = /\.(?:models|enums|unions|interfaces)\.([^.]+)$/.exec(type);
  return qualified ? qualified[1]! : type;
}

function exampleText(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : defaultText(value);
}

/** The `body` of the operation at `operationPath`: its type, description, deprecation and attributes. */
export function readBody(ctx: ParseContext, json: Json, operationPath: string): Body {
  const path = pointer(operationPath, 'body');
  const body: Body = {
    type: ctx.type(json.type, path),
    attributes: readAttributes(json.attributes),
  };
  return ctx.at(describe(body, json), path);
}

/** The `method` of the operation at `operationPath`. */
export function readMethod(ctx: ParseContext, value: unknown, operationPath: string): Method {
  const text = typeof value === 'string' ? value.toUpperCase() : '';
  if ((METHODS as readonly string[]).includes(text)) return text as Method;
  ctx.report(
    'invalid-method',
    pointer(operationPath, 'method'),
    `Invalid HTTP method[${String(value)}]. Must be one of: ${METHODS.join(', ')}.`,
  );
  return 'GET';
}
