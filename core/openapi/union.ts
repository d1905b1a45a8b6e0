import { pointer } from '../diagnostic.js';
import type { Union, UnionMember } from '../ir.js';
import { pluralize } from '../parse/plural.js';
import { formatTypeRef } from '../type-ref.js';
import type { ImportContext } from './context.js';
import { describe } from './describe.js';
import { extAttributes, extensionOf, extStrings } from './extensions.js';
import { asString, entries, hasKeys, isObject, type Json } from './json.js';
import { toTypeName, toValueName } from './names.js';
import { componentName, refOf } from './refs.js';
import { schemaType, schemaTypes, unionVariants } from './schema.js';
import { typeFromText } from './type-text.js';

/**
 * Builds a union from `oneOf`/`anyOf` (or a 3.1 type array). With a `discriminator` it is a
 * discriminated union whose tag values come from `mapping` or the member's schema key. Without
 * one the members appear bare on the wire (OpenAPI's untagged form, unlike API Builder's wrapped
 * `{ "<type>": … }`): the union is `untagged`, and its members' tags are only names.
 */
export function buildUnion(ctx: ImportContext, name: string, schema: Json, path: string): void {
  const ext = extensionOf(schema);
  const union: Union = {
    name,
    plural: asString(ext?.plural) ?? pluralize(name),
    types: [],
    interfaces: extStrings(ext, 'interfaces') ?? [],
    attributes: extAttributes(ext) ?? [],
  };
  ctx.unions.push(ctx.at(describe(union, schema), path));
  if (ext && Array.isArray(ext.members)) {
    const discriminator = asString(ext.discriminator);
    if (discriminator !== undefined) union.discriminator = discriminator;
    if (ext.untagged === true) union.untagged = true;
    union.types = ext.members
      .filter(isObject)
      .map((m, i) => memberFromExtension(ctx, m, pointer(path, 'x-canon', 'members', i)));
    return;
  }
  const discriminator = isObject(schema.discriminator)
    ? asString(schema.discriminator.propertyName)
    : undefined;
  if (discriminator !== undefined) union.discriminator = discriminator;
  const valueByRef = new Map<string, string>();
  if (isObject(schema.discriminator)) {
    for (const [value, ref] of entries(schema.discriminator.mapping))
      if (typeof ref === 'string') valueByRef.set(ref, value);
  }
  const variants = unionVariants(schema);
  const members: [string, unknown][] = variants
    ? variants.members.map(([i, m]) => [pointer(path, variants.keyword, i), m])
    : schemaTypes(schema).map((t) => [pointer(path, 'type'), { type: t }]);
  if (hasKeys(schema.properties)) {
    ctx.warn(
      'union-properties',
      pointer(path, 'properties'),
      `${name}: properties next to ${variants?.keyword ?? 'a type list'} have no IR form on a union; they are dropped. Move them into each alternative.`,
    );
  }
  const seen = new Set<string>();
  members.forEach(([memberPath, member], i) => {
    const hint =
      isObject(member) && typeof member.title === 'string'
        ? toTypeName(member.title)
        : `${name}_option${i + 1}`;
    const type = schemaType(ctx, member, memberPath, hint);
    const key = formatTypeRef(type, ctx.namespace);
    if (seen.has(key)) return;
    seen.add(key);
    const ref = refOf(member);
    let discriminatorValue = tagName(key);
    if (discriminator !== undefined) {
      const schemaKey = ref === undefined ? undefined : componentName(ref, 'schemas');
      discriminatorValue = (ref !== undefined ? valueByRef.get(ref) : undefined) ?? schemaKey ?? key;
      if (type.kind !== 'model') {
        ctx.warn(
          'discriminator-member',
          memberPath,
          `${name}: a discriminated union's members must be objects (models); '${key}' is kept, but the tag '${discriminator}' cannot be added to it.`,
        );
      }
    }
    const element: UnionMember = { type, discriminatorValue, default: false, attributes: [] };
    if (
      isObject(member) &&
      typeof member.description === 'string' &&
      ref === undefined &&
      type.kind === 'primitive'
    ) {
      element.description = member.description;
    }
    union.types.push(ctx.at(element, memberPath));
  });
  if (discriminator === undefined) {
    // The members are bare on the wire; oneOf (exactly one matches) is kept for the export.
    union.untagged = true;
    if (variants?.keyword === 'oneOf')
      union.attributes.push({ name: 'openapi', value: { keyword: 'oneOf' } });
  }
}

/** A valid tag for an untagged member: `[string]` → `string_list`, `map[long]` → `long_map`. */
function tagName(typeText: string): string {
  let text = typeText;
  let suffix = '';
  for (;;) {
    if (text.startsWith('[') && text.endsWith(']')) {
      text = text.slice(1, -1);
      suffix = `_list${suffix}`;
    } else if (text.startsWith('map[') && text.endsWith(']')) {
      text = text.slice(4, -1);
      suffix = `_map${suffix}`;
    } else return `${toValueName(text)}${suffix}`;
  }
}

function memberFromExtension(ctx: ImportContext, m: Json, path: string): UnionMember {
  const type = typeFromText(ctx, asString(m.type) ?? '');
  const member: UnionMember = {
    type,
    discriminatorValue: asString(m.discriminatorValue) ?? formatTypeRef(type, ctx.namespace),
    default: m.default === true,
    attributes: extAttributes(m) ?? [],
  };
  describe(member, { description: m.description, 'x-canon': m });
  return ctx.at(member, path);
}
