import type { Enum, EnumValue } from '../ir.js';
import { pluralize } from '../parse/plural.js';
import type { ImportContext } from './context.js';
import { describe } from './describe.js';
import { extAttributes, extensionOf } from './extensions.js';
import { asArray, asString, isObject, type Json } from './json.js';
import { toValueName } from './names.js';

/** `type: string` with `x-extensible-enum` and no closed `enum`: the known values of an open set. */
export function isExtensibleEnum(schema: Json): boolean {
  const values = schema['x-extensible-enum'];
  return (
    schema.enum === undefined &&
    Array.isArray(values) &&
    values.length > 0 &&
    values.every((v) => typeof v === 'string')
  );
}

/**
 * Builds an enum from a string `enum` (or 3.1 `const`). Value names are identifier-like forms of
 * the wire values (`x-canon`, then `x-enum-varnames`, then the value itself made valid); the wire
 * values are kept exactly.
 */
export function buildEnum(ctx: ImportContext, name: string, schema: Json, path: string): void {
  const ext = extensionOf(schema);
  const extensible = isExtensibleEnum(schema);
  const raw = extensible
    ? asArray(schema['x-extensible-enum'])
    : schema.enum !== undefined
      ? asArray(schema.enum)
      : [schema.const];
  const wire = [...new Set(raw.filter((v): v is string => typeof v === 'string'))];
  const extValues = asArray(ext?.values);
  const varNames = asArray(schema['x-enum-varnames']);
  const varDescriptions = asArray(schema['x-enum-descriptions']);
  const taken = new Set<string>();
  const values = wire.map((value, i): EnumValue => {
    const extra = isObject(extValues[i]) ? extValues[i] : undefined;
    // An exported enum (with x-canon) lists only names that differ from their values.
    let valueName = asString(extra?.name) ?? asString(varNames[i]) ?? (ext ? value : toValueName(value));
    for (let n = 2; taken.has(valueName); n++) valueName = `${toValueName(value)}_${n}`;
    taken.add(valueName);
    const element: EnumValue = { name: valueName, value, attributes: extAttributes(extra) ?? [] };
    const description = asString(extra?.description) ?? asString(varDescriptions[i]);
    if (description !== undefined) element.description = description;
    if (extra) describe(element, { deprecated: extra.deprecated, 'x-canon': extra });
    return element;
  });
  const element: Enum = {
    name,
    plural: asString(ext?.plural) ?? pluralize(name),
    values,
    attributes: extAttributes(ext) ?? [],
  };
  if (extensible) element.extensible = true;
  ctx.enums.push(ctx.at(describe(element, schema), path));
}
