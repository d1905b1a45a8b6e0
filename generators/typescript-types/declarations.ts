import type { Enum, Field, Interface, Model, Service, Union, UnionMember } from '../../core/ir.js';
import {
  arrayLayout,
  callLayout,
  code,
  docComment,
  fixed,
  type Layout,
  memberKey,
  type NamedTypeResolver,
  type PropertyMember,
  printType,
  type Statement,
  stringLiteral,
  typeLiteralLayout,
  unionLayout,
} from '../shared/index.js';
import { enumValuesName, typeNameOf } from '../shared/type-names.js';

/** What a field says besides its type, as documentation lines. */
function fieldNotes(field: Field): string[] {
  const notes: string[] = [];
  if (field.default !== undefined) notes.push(`Default: ${field.default}`);
  if (field.minimum !== undefined) notes.push(`Minimum: ${field.minimum}`);
  if (field.maximum !== undefined) notes.push(`Maximum: ${field.maximum}`);
  if (field.example !== undefined) notes.push(`Example: ${field.example}`);
  return notes;
}

/** A field as an interface property: the wire name as key, optional when not required. */
export function fieldMember(field: Field, resolve: NamedTypeResolver): PropertyMember {
  const notes = fieldNotes(field);
  return {
    kind: 'property',
    key: memberKey(field.name),
    type: printType(field.type, resolve),
    optional: !field.required,
    docs: docComment({ description: field.description, deprecation: field.deprecation, notes }),
  };
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
      notes: [`Wire name: ${model.name}`],
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
        notes: [`Wire name: ${enumeration.name}`, ...valueNotes],
      }),
      type: literals.length === 0 ? fixed('never') : unionLayout(literals),
    },
    {
      kind: 'const',
      name: enumValuesName(name),
      exported: true,
      docs: docComment({ description: `Every value of ${name}, in declaration order.` }),
      type: code`readonly ${name}[]`,
      value: callLayout(fixed('globalThis.Object.freeze'), [
        {
          layout: arrayLayout(literals.map((layout) => ({ layout, kind: 'other', size: 0 }))),
          ...(literals.length > 0 ? { huggable: 'array' as const } : {}),
        },
      ]),
    },
  ];
}

/**
 * One union member as it travels on the wire: with a discriminator the tag is a literal property
 * next to the member's fields (objects) or next to `value` (primitives, enums); without one the
 * member is wrapped in an object keyed by the tag.
 */
function unionMemberType(
  union: Union,
  member: UnionMember,
  resolve: NamedTypeResolver,
  alone: boolean,
): Layout {
  const tag = stringLiteral(member.discriminatorValue);
  const type = printType(member.type, resolve);
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
  const alone = union.types.length === 1;
  const members = union.types.map((member) => unionMemberType(union, member, resolve, alone));
  const notes = [`Wire name: ${union.name}`];
  if (union.discriminator !== undefined) notes.push(`Discriminator: ${union.discriminator}`);
  return {
    kind: 'type',
    name: nameOf(service, 'union', union.name),
    exported: true,
    docs: docComment({
      description: union.description,
      deprecation: union.deprecation,
      notes: [...notes, ...memberNotes],
    }),
    type: members.length === 0 ? fixed('never') : unionLayout(members),
  };
}
