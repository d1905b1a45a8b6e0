import { pointer } from '../diagnostic.js';
import type { Field, Union, UnionMember } from '../ir.js';
import { formatTypeRef } from '../type-ref.js';
import { display, type ValidationContext } from './context.js';
import { firstOccurrences, mix, SEED } from './first-occurrences.js';
import { ShortListSet } from './short-list-set.js';
import { mixPrintedType } from './type-hash.js';
import { memberPath, unionPath } from './walk.js';

const RESERVED_DISCRIMINATORS = new Set(['value', 'implicit']);

/**
 * Rules for each union on its own: `empty-union`, `reserved-discriminator`, `unit-union-member`,
 * `imported-union-member`, `duplicate-union-member`, `default-member-without-discriminator`,
 * `multiple-default-members`, `discriminator-field-clash` (a member already has a field named
 * like the discriminator) and `duplicate-discriminator-value` (across nested unions too).
 */
export function checkUnions(ctx: ValidationContext): void {
  const { unions } = ctx.service;
  const firstWithType = repeatedMemberTypes(unions);
  const seenValues = new ShortListSet();
  let offset = 0;
  for (let u = 0; u < unions.length; u++) {
    const union = unions[u]!;
    if (union.types.length === 0) {
      ctx.report(
        'empty-union',
        unionPath(ctx, union),
        `Union[${display(union.name)}] must have at least one type. Add a member type or remove the union.`,
      );
    }
    const { discriminator } = union;
    if (discriminator !== undefined && RESERVED_DISCRIMINATORS.has(discriminator)) {
      ctx.report(
        'reserved-discriminator',
        pointer(unionPath(ctx, union), 'discriminator'),
        `Union[${display(union.name)}] discriminator[${discriminator}]: The keyword[${discriminator}] is reserved and cannot be used as a discriminator. Choose another name, e.g. 'type' or 'discriminator'.`,
      );
    }
    seenValues.clear();
    checkMembers(ctx, union, firstWithType, offset, seenValues);
    offset += union.types.length;
    if (discriminator !== undefined) {
      checkDiscriminatorClash(ctx, union, discriminator);
      checkNestedDiscriminatorValues(ctx, union);
    }
  }
}

/**
 * For every member of every union, flattened in order, the flattened index of the first member of
 * the same union with the same type, or -1. API Builder compares member types printed in full
 * (`formatTypeRef`): hashes stand in for the printed strings, built only for two members that hash
 * alike.
 */
function repeatedMemberTypes(unions: readonly Union[]): Int32Array {
  const members: UnionMember[] = [];
  const unionOf: number[] = [];
  for (let u = 0; u < unions.length; u++) {
    const { types } = unions[u]!;
    for (let i = 0; i < types.length; i++) {
      members.push(types[i]!);
      unionOf.push(u);
    }
  }
  return firstOccurrences(
    members.length,
    (k) => mixPrintedType(mix(SEED, unionOf[k]!), members[k]!.type),
    (k, j) =>
      unionOf[k] === unionOf[j] && formatTypeRef(members[k]!.type) === formatTypeRef(members[j]!.type),
  );
}

/**
 * The member rules, in member order. `firstWithType[offset + i]` is -1 unless an earlier member has
 * the type of member `i`; `seenValues` starts empty.
 */
function checkMembers(
  ctx: ValidationContext,
  union: Union,
  firstWithType: Int32Array,
  offset: number,
  seenValues: ShortListSet,
): void {
  const { discriminator } = union;
  const members = union.types;
  let defaults = 0;
  for (let i = 0; i < members.length; i++) {
    const member = members[i]!;
    const { type, discriminatorValue } = member;
    if (type.kind === 'primitive' && type.name === 'unit') {
      ctx.report(
        'unit-union-member',
        pointer(memberPath(ctx, union, i), 'type'),
        `Union[${display(union.name)}] Union types cannot contain unit. To make a particular field optional, use the required property.`,
      );
    }
    if ('namespace' in type && !ctx.isLocal(type)) {
      ctx.report(
        'imported-union-member',
        pointer(memberPath(ctx, union, i), 'type'),
        `Union[${display(union.name)}] type[${ctx.show(type)}] is invalid. Cannot use an imported type as part of a union as there is no way to declare that the imported type expands the union type defined here. Wrap it in a local model.`,
      );
    }
    if (firstWithType[offset + i] !== -1) {
      ctx.report(
        'duplicate-union-member',
        pointer(memberPath(ctx, union, i), 'type'),
        `Union[${display(union.name)}] type[${ctx.show(type)}] appears more than once. Remove one.`,
      );
    } else if (seenValues.has(discriminatorValue)) {
      ctx.report(
        'duplicate-discriminator-value',
        pointer(memberPath(ctx, union, i), 'discriminator_value'),
        `Union[${display(union.name)}] discriminator value[${display(discriminatorValue)}] appears more than once. Give each member its own discriminator_value.`,
      );
    }
    seenValues.add(discriminatorValue);
    if (!member.default) continue;
    defaults++;
    if (discriminator === undefined) {
      ctx.report(
        'default-member-without-discriminator',
        pointer(memberPath(ctx, union, i), 'default'),
        `Union[${display(union.name)}] types cannot specify default as the union type does not have a 'discriminator' specified: ${ctx.show(type)}. Add a discriminator or remove the default.`,
      );
    } else if (defaults === 2) {
      const all = members.filter((m) => m.default).map((m) => ctx.show(m.type));
      ctx.report(
        'multiple-default-members',
        pointer(memberPath(ctx, union, i), 'default'),
        `Union[${display(union.name)}] Only 1 type can be specified as default. Currently the following types are marked as default: ${all.join(', ')}.`,
      );
    }
  }
}

/** Members (through nested unions) that already have a field named like the discriminator. */
function checkDiscriminatorClash(ctx: ValidationContext, union: Union, discriminator: string): void {
  const clashing = collectClashes(ctx, union, discriminator, '', undefined, undefined);
  if (clashing !== undefined) {
    ctx.report(
      'discriminator-field-clash',
      pointer(unionPath(ctx, union), 'discriminator'),
      `Union[${display(union.name)}] discriminator[${display(discriminator)}] must be unique. Field exists on: ${clashing.join(', ')}. Rename the discriminator or the field.`,
    );
  }
}

/**
 * The members of `union` (named with `prefix`) and of its nested unions that have a field named
 * `discriminator`, added to `clashing`; the list and the set of `visited` unions are made when
 * first needed, as most unions have neither clashes nor nested unions.
 */
function collectClashes(
  ctx: ValidationContext,
  union: Union,
  discriminator: string,
  prefix: string,
  visited: Set<Union> | undefined,
  clashing: string[] | undefined,
): string[] | undefined {
  for (let i = 0; i < union.types.length; i++) {
    const member = union.types[i]!;
    if (!('namespace' in member.type)) continue;
    const definition = ctx.definitionOf(member.type);
    if (definition === undefined) continue;
    if ('fields' in definition) {
      if (!hasField(definition.fields, discriminator)) continue;
      clashing ??= [];
      clashing.push(prefix + ctx.show(member.type));
    } else if ('types' in definition) {
      visited ??= new Set([union]);
      if (visited.has(definition)) continue;
      visited.add(definition);
      const nestedPrefix = `${prefix}${display(definition.name)}.`;
      clashing = collectClashes(ctx, definition, discriminator, nestedPrefix, visited, clashing);
    }
  }
  return clashing;
}

function hasField(fields: readonly Field[], name: string): boolean {
  for (let i = 0; i < fields.length; i++) if (fields[i]!.name === name) return true;
  return false;
}

/** Discriminator values of nested unions share the outer union's tag space. */
function checkNestedDiscriminatorValues(ctx: ValidationContext, union: Union): void {
  // Most unions nest none: nothing to collect.
  if (!hasUnionMember(union)) return;
  const seen = new Set(union.types.map((member) => member.discriminatorValue));
  const visited = new Set<Union>([union]);
  const duplicates = new Set<string>();
  const visit = (u: Union) => {
    for (const member of u.types) {
      if (member.type.kind !== 'union') continue;
      const nested = ctx.definitionOf(member.type);
      if (nested === undefined || !('types' in nested) || visited.has(nested)) continue;
      visited.add(nested);
      for (const m of nested.types) {
        if (seen.has(m.discriminatorValue)) duplicates.add(m.discriminatorValue);
        seen.add(m.discriminatorValue);
      }
      visit(nested);
    }
  };
  visit(union);
  if (duplicates.size > 0) {
    ctx.report(
      'duplicate-discriminator-value',
      unionPath(ctx, union),
      `Union[${display(union.name)}] discriminator values appear more than once across its nested unions: ${[...duplicates].map(display).join(', ')}. Give each member its own discriminator_value.`,
    );
  }
}

function hasUnionMember(union: Union): boolean {
  for (let i = 0; i < union.types.length; i++) if (union.types[i]!.type.kind === 'union') return true;
  return false;
}
