import { pointer } from '../diagnostic.js';
import type { Union, UnionMember } from '../ir.js';
import { formatTypeRef } from '../type-ref.js';
import { display, fallback, type ValidationContext } from './context.js';
import { memberPath } from './walk.js';

const RESERVED_DISCRIMINATORS = new Set(['value', 'implicit']);

/**
 * Rules for each union on its own: `empty-union`, `reserved-discriminator`, `unit-union-member`,
 * `imported-union-member`, `duplicate-union-member`, `default-member-without-discriminator`,
 * `multiple-default-members`, `discriminator-field-clash` (a member already has a field named
 * like the discriminator) and `duplicate-discriminator-value` (across nested unions too).
 */
export function checkUnions(ctx: ValidationContext): void {
  for (const union of ctx.service.unions) {
    const name = display(union.name);
    const path = () => ctx.at(union, fallback.union(union));
    const at = (member: UnionMember, i: number, key: string) =>
      pointer(memberPath(ctx, union, member, i), key);
    if (union.types.length === 0) {
      ctx.report(
        'empty-union',
        path(),
        `Union[${name}] must have at least one type. Add a member type or remove the union.`,
      );
    }
    const { discriminator } = union;
    if (discriminator !== undefined && RESERVED_DISCRIMINATORS.has(discriminator)) {
      ctx.report(
        'reserved-discriminator',
        pointer(path(), 'discriminator'),
        `Union[${name}] discriminator[${discriminator}]: The keyword[${discriminator}] is reserved and cannot be used as a discriminator. Choose another name, e.g. 'type' or 'discriminator'.`,
      );
    }
    const seenTypes = new Set<string>();
    const seenValues = new Set<string>();
    let defaults = 0;
    union.types.forEach((member, i) => {
      const key = formatTypeRef(member.type);
      const shown = () => ctx.show(member.type);
      if (member.type.kind === 'primitive' && member.type.name === 'unit') {
        ctx.report(
          'unit-union-member',
          at(member, i, 'type'),
          `Union[${name}] Union types cannot contain unit. To make a particular field optional, use the required property.`,
        );
      }
      if ('namespace' in member.type && !ctx.isLocal(member.type)) {
        ctx.report(
          'imported-union-member',
          at(member, i, 'type'),
          `Union[${name}] type[${shown()}] is invalid. Cannot use an imported type as part of a union as there is no way to declare that the imported type expands the union type defined here. Wrap it in a local model.`,
        );
      }
      if (seenTypes.has(key)) {
        ctx.report(
          'duplicate-union-member',
          at(member, i, 'type'),
          `Union[${name}] type[${shown()}] appears more than once. Remove one.`,
        );
      } else if (seenValues.has(member.discriminatorValue)) {
        ctx.report(
          'duplicate-discriminator-value',
          at(member, i, 'discriminator_value'),
          `Union[${name}] discriminator value[${display(member.discriminatorValue)}] appears more than once. Give each member its own discriminator_value.`,
        );
      }
      seenTypes.add(key);
      seenValues.add(member.discriminatorValue);
      if (member.default) {
        defaults++;
        if (discriminator === undefined) {
          ctx.report(
            'default-member-without-discriminator',
            at(member, i, 'default'),
            `Union[${name}] types cannot specify default as the union type does not have a 'discriminator' specified: ${shown()}. Add a discriminator or remove the default.`,
          );
        } else if (defaults === 2) {
          const all = union.types.filter((m) => m.default).map((m) => ctx.show(m.type));
          ctx.report(
            'multiple-default-members',
            at(member, i, 'default'),
            `Union[${name}] Only 1 type can be specified as default. Currently the following types are marked as default: ${all.join(', ')}.`,
          );
        }
      }
    });
    if (discriminator !== undefined) {
      checkDiscriminatorClash(ctx, union, discriminator, path);
      checkNestedDiscriminatorValues(ctx, union, seenValues, path);
    }
  }
}

/** Members (through nested unions) that already have a field named like the discriminator. */
function checkDiscriminatorClash(
  ctx: ValidationContext,
  union: Union,
  discriminator: string,
  path: () => string,
): void {
  const clashing: string[] = [];
  const visited = new Set<Union>([union]);
  const visit = (u: Union, prefix: string) => {
    for (const member of u.types) {
      if (!('namespace' in member.type)) continue;
      const definition = ctx.definitionOf(member.type);
      if (definition === undefined) continue;
      if ('fields' in definition) {
        if (definition.fields.some((f) => f.name === discriminator))
          clashing.push(prefix + ctx.show(member.type));
      } else if ('types' in definition && !visited.has(definition)) {
        visited.add(definition);
        visit(definition, `${prefix}${display(definition.name)}.`);
      }
    }
  };
  visit(union, '');
  if (clashing.length > 0) {
    ctx.report(
      'discriminator-field-clash',
      pointer(path(), 'discriminator'),
      `Union[${display(union.name)}] discriminator[${display(discriminator)}] must be unique. Field exists on: ${clashing.join(', ')}. Rename the discriminator or the field.`,
    );
  }
}

/** Discriminator values of nested unions share the outer union's tag space. */
function checkNestedDiscriminatorValues(
  ctx: ValidationContext,
  union: Union,
  own: Set<string>,
  path: () => string,
): void {
  const seen = new Set(own);
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
      path(),
      `Union[${display(union.name)}] discriminator values appear more than once across its nested unions: ${[...duplicates].map(display).join(', ')}. Give each member its own discriminator_value.`,
    );
  }
}
