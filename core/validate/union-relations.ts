import { pointer } from '../diagnostic.js';
import type { NamedTypeRef, Union, UnionMember } from '../ir.js';
import { qualifiedName } from '../type-ref.js';
import { display, type ValidationContext } from './context.js';
import { firstOccurrences, SEED } from './first-occurrences.js';
import { mixQualifiedName } from './type-hash.js';
import { memberPath, unionPath } from './walk.js';

/**
 * Rules across unions: `recursive-union` (a union that contains itself, directly or through
 * nested unions) and `conflicting-discriminator` (a type in several unions with different
 * discriminator names or values; a nested union whose discriminator differs from its parent's).
 */
export function checkUnionRelations(ctx: ValidationContext): void {
  const edges = unionEdges(ctx);
  if (edges !== undefined) checkCycles(ctx, edges);
  checkSharedMembers(ctx);
  if (edges !== undefined) checkNestedDiscriminators(ctx, edges);
}

const NO_UNIONS: readonly Union[] = [];

/** Local union → the local unions it lists as members; undefined when no union lists one (most specs). */
function unionEdges(ctx: ValidationContext): Map<Union, readonly Union[]> | undefined {
  let edges: Map<Union, readonly Union[]> | undefined;
  const { unions } = ctx.service;
  for (let u = 0; u < unions.length; u++) {
    const union = unions[u]!;
    let children: Union[] | undefined;
    for (let i = 0; i < union.types.length; i++) {
      const member = union.types[i]!;
      if (member.type.kind !== 'union' || !ctx.isLocal(member.type)) continue;
      // The union of that name, unless an interface, model or enum has the name too.
      if (ctx.localKind(member.type.name) !== 'union') continue;
      children ??= [];
      children.push(ctx.localDefinition('union', member.type.name)!);
    }
    if (children === undefined) continue;
    edges ??= new Map();
    edges.set(union, children);
  }
  return edges;
}

function checkCycles(ctx: ValidationContext, edges: Map<Union, readonly Union[]>): void {
  const state = new Map<Union, 'active' | 'done'>();
  const reported = new Set<string>();
  for (const start of ctx.service.unions) {
    if (state.has(start)) continue;
    // Iterative depth-first search: a hostile spec can chain thousands of unions.
    const stack: { union: Union; next: number }[] = [{ union: start, next: 0 }];
    state.set(start, 'active');
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const children = edges.get(frame.union) ?? NO_UNIONS;
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
          unionPath(ctx, head),
          `Union[${display(head.name)}] cannot contain itself as one of its types or sub-types${through}. Break the cycle.`,
        );
      }
    }
  }
}

function checkSharedMembers(ctx: ValidationContext): void {
  for (const uses of sharedMemberTypes(ctx.service.unions)) {
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
        pointer(memberPath(ctx, nameClash.union, nameClash.index), 'type'),
        `${kindLabel(first.member.type.kind)}[${type}] used in unions[${unions}] cannot use more than one discriminator name. Found distinct discriminator names[${names}]. Give these unions the same discriminator.`,
      );
    }
    if (valueClash !== undefined) {
      const values = [...new Set(uses.map((u) => u.member.discriminatorValue))].map(display).join(', ');
      ctx.report(
        'conflicting-discriminator',
        pointer(memberPath(ctx, valueClash.union, valueClash.index), 'discriminator_value'),
        `${kindLabel(first.member.type.kind)}[${type}] used in unions[${unions}] cannot use more than one discriminator value. Found distinct discriminator values[${values}]. Use the same discriminator_value in every union.`,
      );
    }
  }
}

interface Use {
  union: Union;
  member: UnionMember;
  index: number;
}

/**
 * The uses of each named type that is a member of more than one union (or twice of one), grouped
 * by its qualified name, in the order of first use. Most types are a member of one union only:
 * hashes of the qualified names find the few that repeat without building a name per member.
 */
function sharedMemberTypes(unions: readonly Union[]): Use[][] {
  // The members with a named type, as parallel lists: no object per member.
  const owners: Union[] = [];
  const indices: number[] = [];
  const types: NamedTypeRef[] = [];
  for (let u = 0; u < unions.length; u++) {
    const union = unions[u]!;
    for (let index = 0; index < union.types.length; index++) {
      const { type } = union.types[index]!;
      if (!('namespace' in type)) continue;
      owners.push(union);
      indices.push(index);
      types.push(type);
    }
  }
  const firstOf = firstOccurrences(
    types.length,
    (k) => mixQualifiedName(SEED, types[k]!),
    (k, j) => qualifiedName(types[k]!) === qualifiedName(types[j]!),
  );
  const use = (k: number): Use => {
    const union = owners[k]!;
    const index = indices[k]!;
    return { union, member: union.types[index]!, index };
  };
  const groups = new Map<number, Use[]>();
  for (let k = 0; k < types.length; k++) {
    const first = firstOf[k]!;
    if (first === -1) continue;
    const group = groups.get(first);
    if (group === undefined) groups.set(first, [use(first), use(k)]);
    else group.push(use(k));
  }
  return [...groups.keys()].sort((a, b) => a - b).map((first) => groups.get(first)!);
}

function checkNestedDiscriminators(ctx: ValidationContext, edges: Map<Union, readonly Union[]>): void {
  for (const union of ctx.service.unions) {
    const children = edges.get(union);
    if (children === undefined) continue;
    const differing = children.filter((child) => child.discriminator !== union.discriminator);
    if (differing.length === 0) continue;
    const name = display(union.name);
    const message =
      union.discriminator === undefined
        ? `Union[${name}] does not specify a discriminator yet one of the types does. Either add the same discriminator to this union or remove it from the member types.`
        : `Union[${name}] specifies a discriminator named '${display(union.discriminator)}'. All member types must also specify this same discriminator: ${differing.map((u) => display(u.name)).join(', ')}.`;
    ctx.report('conflicting-discriminator', unionPath(ctx, union), message);
  }
}

function kindLabel(kind: string): string {
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}
