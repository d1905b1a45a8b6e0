import { pointer } from '../diagnostic.js';
import type { Union, UnionMember } from '../ir.js';
import { qualifiedName } from '../type-ref.js';
import { display, fallback, type ValidationContext } from './context.js';
import { memberPath } from './walk.js';

/**
 * Rules across unions: `recursive-union` (a union that contains itself, directly or through
 * nested unions) and `conflicting-discriminator` (a type in several unions with different
 * discriminator names or values; a nested union whose discriminator differs from its parent's).
 */
export function checkUnionRelations(ctx: ValidationContext): void {
  checkCycles(ctx);
  checkSharedMembers(ctx);
  checkNestedDiscriminators(ctx);
}

/** Local union → the local unions it lists as members. */
function unionEdges(ctx: ValidationContext): Map<Union, Union[]> {
  const edges = new Map<Union, Union[]>();
  for (const union of ctx.service.unions) {
    const children: Union[] = [];
    for (const member of union.types) {
      if (member.type.kind !== 'union' || !ctx.isLocal(member.type)) continue;
      const found = ctx.local.get(member.type.name);
      if (found?.kind === 'union') children.push(found.definition);
    }
    edges.set(union, children);
  }
  return edges;
}

function checkCycles(ctx: ValidationContext): void {
  const edges = unionEdges(ctx);
  const state = new Map<Union, 'active' | 'done'>();
  const reported = new Set<string>();
  for (const start of ctx.service.unions) {
    if (state.has(start)) continue;
    // Iterative depth-first search: a hostile spec can chain thousands of unions.
    const stack: { union: Union; next: number }[] = [{ union: start, next: 0 }];
    state.set(start, 'active');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const children = edges.get(frame.union) ?? [];
      if (frame.next >= children.length) {
        state.set(frame.union, 'done');
        stack.pop();
        continue;
      }
      const child = children[frame.next++]!;
      const childState = state.get(child);
      if (childState === undefined) {
        state.set(child, 'active');
        stack.push({ union: child, next: 0 });
      } else if (childState === 'active') {
        const from = stack.findIndex((f) => f.union === child);
        const cycle = stack.slice(from).map((f) => f.union);
        const key = cycle
          .map((u) => u.name)
          .sort()
          .join('\u0000');
        if (reported.has(key)) continue;
        reported.add(key);
        const head = cycle[0]!;
        const names = [...cycle, head].map((u) => display(u.name));
        const through = cycle.length === 1 ? '' : `: ${names.join('->')}`;
        ctx.report(
          'recursive-union',
          ctx.at(head, fallback.union(head)),
          `Union[${display(head.name)}] cannot contain itself as one of its types or sub-types${through}. Break the cycle.`,
        );
      }
    }
  }
}

function checkSharedMembers(ctx: ValidationContext): void {
  const byType = new Map<string, { union: Union; member: UnionMember; index: number }[]>();
  for (const union of ctx.service.unions) {
    union.types.forEach((member, index) => {
      if (!('namespace' in member.type)) return;
      const key = qualifiedName(member.type);
      const list = byType.get(key);
      if (list === undefined) byType.set(key, [{ union, member, index }]);
      else list.push({ union, member, index });
    });
  }
  for (const uses of byType.values()) {
    if (uses.length < 2) continue;
    const first = uses[0]!;
    const nameClash = uses.find((u) => u.union.discriminator !== first.union.discriminator);
    const valueClash = uses.find((u) => u.member.discriminatorValue !== first.member.discriminatorValue);
    if (nameClash === undefined && valueClash === undefined) continue;
    const type = ctx.show(first.member.type);
    const unions = uses.map((u) => display(u.union.name)).join(', ');
    if (nameClash !== undefined) {
      const names = [...new Set(uses.map((u) => u.union.discriminator ?? '(none)'))].map(display).join(', ');
      ctx.report(
        'conflicting-discriminator',
        pointer(memberPath(ctx, nameClash.union, nameClash.member, nameClash.index), 'type'),
        `${kindLabel(first.member.type.kind)}[${type}] used in unions[${unions}] cannot use more than one discriminator name. Found distinct discriminator names[${names}]. Give these unions the same discriminator.`,
      );
    }
    if (valueClash !== undefined) {
      const values = [...new Set(uses.map((u) => u.member.discriminatorValue))].map(display).join(', ');
      ctx.report(
        'conflicting-discriminator',
        pointer(
          memberPath(ctx, valueClash.union, valueClash.member, valueClash.index),
          'discriminator_value',
        ),
        `${kindLabel(first.member.type.kind)}[${type}] used in unions[${unions}] cannot use more than one discriminator value. Found distinct discriminator values[${values}]. Use the same discriminator_value in every union.`,
      );
    }
  }
}

function checkNestedDiscriminators(ctx: ValidationContext): void {
  const edges = unionEdges(ctx);
  for (const union of ctx.service.unions) {
    const children = edges.get(union) ?? [];
    const differing = children.filter((child) => child.discriminator !== union.discriminator);
    if (differing.length === 0) continue;
    const name = display(union.name);
    const message =
      union.discriminator === undefined
        ? `Union[${name}] does not specify a discriminator yet one of the types does. Either add the same discriminator to this union or remove it from the member types.`
        : `Union[${name}] specifies a discriminator named '${display(union.discriminator)}'. All member types must also specify this same discriminator: ${differing.map((u) => display(u.name)).join(', ')}.`;
    ctx.report('conflicting-discriminator', ctx.at(union, fallback.union(union)), message);
  }
}

function kindLabel(kind: string): string {
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}
