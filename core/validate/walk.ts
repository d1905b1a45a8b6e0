import { pointer } from '../diagnostic.js';
import type {
  Field,
  Interface,
  Model,
  Operation,
  Parameter,
  Resource,
  Response,
  Union,
  UnionMember,
} from '../ir.js';
import { display, fallback, type ValidationContext } from './context.js';

// Built once per validation and shared by the passes.
const ownersCache = new WeakMap<ValidationContext, FieldOwner[]>();
const sitesCache = new WeakMap<ValidationContext, OperationSite[]>();

/** A model or interface with its fields, named the way messages name it (`Model[user]`). */
export class FieldOwner {
  constructor(
    private readonly ctx: ValidationContext,
    readonly element: Model | Interface,
    private readonly kind: 'Model' | 'Interface',
  ) {}

  /** Built on demand: only findings need it. */
  get label(): string {
    return `${this.kind}[${display(this.element.name)}]`;
  }

  path(): string {
    const collection = this.kind === 'Model' ? 'models' : 'interfaces';
    return this.ctx.at(this.element, pointer('', collection, this.element.name));
  }
}

/** Every model and interface of the service, interfaces first (as API Builder checks them). */
export function fieldOwners(ctx: ValidationContext): FieldOwner[] {
  const cached = ownersCache.get(ctx);
  if (cached !== undefined) return cached;
  const owners: FieldOwner[] = [];
  ownersCache.set(ctx, owners);
  for (const element of ctx.service.interfaces) owners.push(new FieldOwner(ctx, element, 'Interface'));
  for (const element of ctx.service.models) owners.push(new FieldOwner(ctx, element, 'Model'));
  return owners;
}

/** The pointer of a field of `owner`. */
export function fieldPath(ctx: ValidationContext, owner: FieldOwner, field: Field, index: number): string {
  return ctx.at(field, pointer(owner.path(), 'fields', index));
}

/** One operation with its resource, named the way API Builder does (`Resource[user] GET /users/:id`). */
export class OperationSite {
  constructor(
    private readonly ctx: ValidationContext,
    readonly resource: Resource,
    private readonly resourceIndex: number,
    readonly operation: Operation,
    private readonly operationIndex: number,
  ) {}

  /** Built on demand: only findings need it. */
  get label(): string {
    const { method, path } = this.operation;
    return `Resource[${this.ctx.show(this.resource.type)}] ${method} ${display(path)}`;
  }

  path(): string {
    const resourcePath = resourcePointer(this.ctx, this.resource, this.resourceIndex);
    return this.ctx.at(this.operation, pointer(resourcePath, 'operations', this.operationIndex));
  }
}

/** Every operation of every resource, in declaration order. */
export function operationSites(ctx: ValidationContext): OperationSite[] {
  const cached = sitesCache.get(ctx);
  if (cached !== undefined) return cached;
  const sites: OperationSite[] = [];
  sitesCache.set(ctx, sites);
  const { resources } = ctx.service;
  for (let r = 0; r < resources.length; r++) {
    const operations = resources[r]!.operations;
    for (let o = 0; o < operations.length; o++)
      sites.push(new OperationSite(ctx, resources[r]!, r, operations[o]!, o));
  }
  return sites;
}

export function resourcePointer(ctx: ValidationContext, resource: Resource, index: number): string {
  return ctx.at(resource, pointer('', 'resources', ctx.show(resource.type) || index));
}

export function parameterPath(
  ctx: ValidationContext,
  site: OperationSite,
  parameter: Parameter,
  index: number,
): string {
  return ctx.at(parameter, pointer(site.path(), 'parameters', index));
}

export function responsePath(ctx: ValidationContext, site: OperationSite, response: Response): string {
  return ctx.at(response, pointer(site.path(), 'responses', String(response.code)));
}

/** The pointer of a union's member. */
export function memberPath(ctx: ValidationContext, union: Union, member: UnionMember, index: number): string {
  return ctx.at(member, pointer(ctx.at(union, fallback.union(union)), 'types', index));
}
