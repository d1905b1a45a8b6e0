import type { Enum, Field, Interface, Model, Service, Union, UnionMember } from '../../core/ir.js';
import { frozenArrayConstant } from '../shared/frozen-array.js';
import {
  type Code,
  code,
  docComment,
  fixed,
  type Layout,
  memberKey,
  type NamedTypeResolver,
  numberLiteral,
  type PropertyMember,
  printType,
  type Statement,
  stringLiteral,
  typeLiteralLayout,
  unionLayout,
} from '../shared/index.js';
import { lossyNotes } from '../shared/lossy-notes.js';
import { enumValuesName, typeNameOf } from '../shared/type-names.js';

/** What a field says besides its type, as documentation lines. */
function fieldNotes(field: Field): string[] {
  const notes: string[] = [];
  if (field.default !== undefined) notes.push(`Default: ${field.default}`);
  if (field.minimum !== undefined) notes.push(`Minimum: ${field.minimum}`);
  if (field.maximum !== undefined) notes.push(`Maximum: ${field.maximum}`);
  if (field.exclusiveMinimum !== undefined) notes.push(`Greater than: ${field.exclusiveMinimum}`);
  if (field.exclusiveMaximum !== undefined) notes.push(`Less than: ${field.exclusiveMaximum}`);
  if (field.multipleOf !== undefined) notes.push(`Multiple of: ${field.multipleOf}`);
  if (field.pattern !== undefined) notes.push(`Pattern: ${field.pattern}`);
  if (field.format !== undefined) notes.push(`Format: ${field.format}`);
  if (field.uniqueItems) notes.push('Unique items');
  if (field.const !== undefined) notes.push(`Constant: ${JSON.stringify(field.const)}`);
  if (field.example !== undefined) notes.push(`Example: ${field.example}`);
  notes.push(...lossyNotes(field));
  return notes;
}

/**
 * A field as an interface property: the wire name as key, optional when not required, `| null`
 * when the value may be null (absent and null are different things on the wire).
 */
export function fieldMember(field: Field, resolve: NamedTypeResolver): PropertyMember {
  const notes = fieldNotes(field);
  const type = constType(field) ?? printType(field.type, resolve);
  return {
    kind: 'property',
    key: memberKey(field.name),
    type: field.nullable ? nullable(type) : type,
    optional: !field.required,
    docs: docComment({ description: field.description, deprecation: field.deprecation, notes }),
  };
}

/** The literal type of a boolean or number `const` (`deleted: true`), which narrows unions. */
function constType(field: Field): Code | undefined {
  if (field.type.kind !== 'primitive') return undefined;
  if (typeof field.const === 'boolean' && field.type.name === 'boolean') return fixed(String(field.const));
  if (typeof field.const === 'number' && Number.isFinite(field.const) && isNumeric(field.type.name))
    return numberLiteral(field.const);
  return undefined;
}

const isNumeric = (name: string) => ['integer', 'long', 'double', 'decimal'].includes(name);

/** `T | null`; `unknown` already admits null. */
function nullable(type: Code): Code {
  return type === 'unknown' ? type : code`${type} | null`;
}

function nameOf(service: Service, kind: 'model' | 'enum' | 'union' | 'interface', name: string) {
  const typeName = typeNameOf(service, { kind, name });
  if (!typeName) throw new Error(`no type name for ${kind} ${name}`);
  return typeName;
}

export function modelDeclaration(
  service: Service,
  model: Model | Interface,
  kind: 'model' | 'interface',
  resolve: NamedTypeResolver,
): Statement {
  return {
    kind: 'interface',
    name: nameOf(service, kind, model.name),
    exported: true,
    docs: docComment({
      description: model.description,
      deprecation: model.deprecation,
      notes: [`Wire name: ${model.name}`, ...lossyNotes(model)],
    }),
    members: model.fields.map((field) => fieldMember(field, resolve)),
  };
}

/** An enum: a union of its wire values, and a frozen array of them for runtime checks. */
export function enumDeclarations(service: Service, enumeration: Enum): Statement[] {
  const name = nameOf(service, 'enum', enumeration.name);
  const valueNotes = enumeration.values
    .filter((value) => value.description !== undefined || value.deprecation !== undefined)
    .map((value) =>
      `- ${value.value}: ${value.deprecation ? '(deprecated) ' : ''}${value.description ?? ''}`.trimEnd(),
    );
  const literals = enumeration.values.map((value) => stringLiteral(value.value));
  return [
    {
      kind: 'type',
      name,
      exported: true,
      docs: docComment({
        description: enumeration.description,
        deprecation: enumeration.deprecation,
        notes: [
          `Wire name: ${enumeration.name}`,
          ...(enumeration.extensible
            ? ['Extensible (x-extensible-enum): the service may send values not listed here.']
            : []),
          ...valueNotes,
          ...lossyNotes(enumeration),
        ],
      }),
      // `string & {}` keeps the known values as completions while any other string still fits.
      type: enumeration.extensible
        ? unionLayout([...literals, fixed('(string & {})')])
        : literals.length === 0
          ? fixed('never')
          : unionLayout(literals),
    },
    frozenArrayConstant({
      name: enumValuesName(name),
      type: code`readonly ${name}[]`,
      items: literals,
      docs: docComment({ description: `Every value of ${name}, in declaration order.` }),
    }),
  ];
}

/**
 * One union member as it travels on the wire: with a discriminator the tag is a literal property
 * next to the member's fields (objects) or next to `value` (primitives, enums); without one the
 * member is wrapped in an object keyed by the tag, unless the union is untagged (bare members).
 */
function unionMemberType(
  union: Union,
  member: UnionMember,
  resolve: NamedTypeResolver,
  alone: boolean,
): Layout {
  const type = printType(member.type, resolve);
  // OpenAPI's oneOf/anyOf without a discriminator: the member itself is the value on the wire.
  if (union.untagged) return type;
  const tag = stringLiteral(member.discriminatorValue);
  const isObject =
    member.type.kind === 'model' || member.type.kind === 'union' || member.type.kind === 'interface';
  if (union.discriminator !== undefined) {
    const key = memberKey(union.discriminator);
    if (!isObject) return typeLiteralLayout([code`${key}: ${tag}`, code`value: ${type}`]);
    // Inside a union of several members the intersection keeps its parentheses, as Biome prints it.
    const intersection: Layout = [typeLiteralLayout([code`${key}: ${tag}`]), code` & ${type}`];
    return alone ? intersection : [fixed('('), intersection, fixed(')')];
  }
  const key = memberKey(member.discriminatorValue);
  return isObject
    ? typeLiteralLayout([code`${key}: ${type}`])
    : typeLiteralLayout([[code`${key}: `, typeLiteralLayout([code`value: ${type}`])]]);
}

export function unionDeclaration(service: Service, union: Union, resolve: NamedTypeResolver): Statement {
  const memberNotes = union.types
    .filter((member) => member.description !== undefined)
    .map((member) => `- ${member.discriminatorValue}: ${member.description}`);
  // Bare members print as `A | B`; a union of one prints as that member alone.
  const alone = union.types.length === 1;
  const members = union.types.map((member) => unionMemberType(union, member, resolve, alone));
  const notes = [`Wire name: ${union.name}`];
  if (union.discriminator !== undefined) notes.push(`Discriminator: ${union.discriminator}`);
  if (union.untagged)
    notes.push('Untagged: each member appears on the wire as it is, told apart by its shape');
  return {
    kind: 'type',
    name: nameOf(service, 'union', union.name),
    exported: true,
    docs: docComment({
      description: union.description,
      deprecation: union.deprecation,
      notes: [...notes, ...memberNotes, ...lossyNotes(union)],
    }),
    type: members.length === 0 ? fixed('never') : unionLayout(members),
  };
}
