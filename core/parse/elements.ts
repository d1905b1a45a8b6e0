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
import type { ParseContext } from './context.js';
import { pluralize } from './plural.js';
import {
  asArray,
  asBoolean,
  asNumber,
  asObject,
  asString,
  defaultText,
  describe,
  type Json,
  pointer,
  readAttributes,
  setOptional,
} from './read.js';

/**
 * Readers for the elements api.json and service.json share. Each takes the element's JSON and
 * its pointer, applies API Builder's defaults, and records the pointer in the context.
 */

export function readField(ctx: ParseContext, json: Json, path: string): Field {
  const field: Field = {
    name: asString(json.name) ?? '',
    type: ctx.type(json.type, pointer(path, 'type')),
    required: asBoolean(json.required, true),
    annotations: asArray(json.annotations).filter((a): a is string => typeof a === 'string'),
    attributes: readAttributes(json.attributes),
  };
  setOptional(field, 'default', defaultText(json.default));
  setOptional(field, 'minimum', asNumber(json.minimum));
  setOptional(field, 'maximum', asNumber(json.maximum));
  setOptional(field, 'example', asString(json.example) ?? exampleText(json.example));
  describe(field, json);
  return ctx.at(field, path);
}

export function readFields(ctx: ParseContext, value: unknown, path: string): Field[] {
  return asArray(value).map((f, i) => readField(ctx, asObject(f), pointer(path, i)));
}

export function readHeader(ctx: ParseContext, json: Json, path: string): Header {
  const header: Header = {
    name: asString(json.name) ?? '',
    type: ctx.type(json.type, pointer(path, 'type')),
    required: asBoolean(json.required, true),
    attributes: readAttributes(json.attributes),
  };
  setOptional(header, 'default', defaultText(json.default));
  describe(header, json);
  return ctx.at(header, path);
}

export function readHeaders(ctx: ParseContext, value: unknown, path: string): Header[] {
  return asArray(value).map((h, i) => readHeader(ctx, asObject(h), pointer(path, i)));
}

export function readEnum(ctx: ParseContext, name: string, json: Json, path: string): Enum {
  const values = asArray(json.values).map((v, i): EnumValue => {
    const item = asObject(v);
    const valueName = asString(item.name) ?? '';
    const value: EnumValue = {
      name: valueName,
      value: asString(item.value) ?? valueName,
      attributes: readAttributes(item.attributes),
    };
    describe(value, item);
    return ctx.at(value, pointer(path, 'values', i));
  });
  const result: Enum = {
    name,
    plural: asString(json.plural) ?? pluralize(name),
    values,
    attributes: readAttributes(json.attributes),
  };
  describe(result, json);
  return ctx.at(result, path);
}

export function readInterface(ctx: ParseContext, name: string, json: Json, path: string): Interface {
  const result: Interface = {
    name,
    plural: asString(json.plural) ?? pluralize(name),
    fields: readFields(ctx, json.fields, pointer(path, 'fields')),
    attributes: readAttributes(json.attributes),
  };
  describe(result, json);
  return ctx.at(result, path);
}

export function readModel(ctx: ParseContext, name: string, json: Json, path: string): Model {
  const result: Model = {
    name,
    plural: asString(json.plural) ?? pluralize(name),
    fields: readFields(ctx, json.fields, pointer(path, 'fields')),
    interfaces: stringList(json.interfaces),
    attributes: readAttributes(json.attributes),
  };
  describe(result, json);
  return ctx.at(result, path);
}

export function readUnion(ctx: ParseContext, name: string, json: Json, path: string): Union {
  const types = asArray(json.types).map((t, i): UnionMember => {
    const item = asObject(t);
    const memberPath = pointer(path, 'types', i);
    const type = ctx.type(item.type, pointer(memberPath, 'type'));
    const member: UnionMember = {
      type,
      discriminatorValue: asString(item.discriminator_value) ?? tagOf(item.type),
      default: asBoolean(item.default, false),
      attributes: readAttributes(item.attributes),
    };
    describe(member, item);
    return ctx.at(member, memberPath);
  });
  const result: Union = {
    name,
    plural: asString(json.plural) ?? pluralize(name),
    types,
    interfaces: stringList(json.interfaces),
    attributes: readAttributes(json.attributes),
  };
  setOptional(result, 'discriminator', asString(json.discriminator));
  describe(result, json);
  return ctx.at(result, path);
}

export function readAnnotation(ctx: ParseContext, name: string, json: Json, path: string): Annotation {
  const annotation: Annotation = { name };
  return ctx.at(describe(annotation, json), path);
}

/**
 * A parameter. `location` is the explicit location (service.json writes `Query`, api.json
 * `query`); when absent the caller's `fallback` applies.
 */
export function readParameter(
  ctx: ParseContext,
  json: Json,
  path: string,
  fallback: ParameterLocation,
): Parameter {
  const parameter: Parameter = {
    name: asString(json.name) ?? '',
    type: ctx.type(json.type, pointer(path, 'type')),
    location: readLocation(ctx, json.location, pointer(path, 'location')) ?? fallback,
    required: asBoolean(json.required, true),
    attributes: readAttributes(json.attributes),
  };
  setOptional(parameter, 'default', defaultText(json.default));
  setOptional(parameter, 'minimum', asNumber(json.minimum));
  setOptional(parameter, 'maximum', asNumber(json.maximum));
  setOptional(parameter, 'example', asString(json.example) ?? exampleText(json.example));
  describe(parameter, json);
  return ctx.at(parameter, path);
}

function readLocation(ctx: ParseContext, value: unknown, path: string): ParameterLocation | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'string' ? value.toLowerCase() : '';
  if ((PARAMETER_LOCATIONS as readonly string[]).includes(text)) return text as ParameterLocation;
  ctx.report(
    'invalid-location',
    path,
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

function stringList(value: unknown): string[] {
  return asArray(value).filter((v): v is string => typeof v === 'string');
}

function exampleText(value: unknown): string | undefined {
  return value === undefined || value === null ? undefined : defaultText(value);
}

/** An operation's `body`: its type, description, deprecation and attributes. */
export function readBody(ctx: ParseContext, json: Json, path: string): Body {
  const body: Body = {
    type: ctx.type(json.type, pointer(path, 'type')),
    attributes: readAttributes(json.attributes),
  };
  return ctx.at(describe(body, json), path);
}

export function readMethod(ctx: ParseContext, value: unknown, path: string): Method {
  const text = typeof value === 'string' ? value.toUpperCase() : '';
  if ((METHODS as readonly string[]).includes(text)) return text as Method;
  ctx.report(
    'invalid-method',
    path,
    `Invalid HTTP method[${String(value)}]. Must be one of: ${METHODS.join(', ')}.`,
  );
  return 'GET';
}
