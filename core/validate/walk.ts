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
export interface FieldOwner {
  element: Model | Interface;
  label: string;
  path(): string;
}

/** Every model and interface of the service, interfaces first (as API Builder checks them). */
export function fieldOwners(ctx: ValidationContext): FieldOwner[] {
  const cached = ownersCache.get(ctx);
  if (cached !== undefined) return cached;
  const owners: FieldOwner[] = [];
  ownersCache.set(ctx, owners);
  for (const element of ctx.service.interfaces) {
    owners.push({
      element,
      label: `Interface[${display(element.name)}]`,
      path: () => ctx.at(element, fallback.interface(element)),
    });
  }
  for (const element of ctx.service.models) {
    owners.push({
      element,
      label: `Model[${display(element.name)}]`,
      path: () => ctx.at(element, fallback.model(element)),
    });
  }
  return owners;
}

/** The pointer of a field of `owner`. */
export function fieldPath(ctx: ValidationContext, owner: FieldOwner, field: Field, index: number): string {
  return ctx.at(field, pointer(owner.path(), 'fields', index));
}

/** One operation with its resource, named the way API Builder does (`Resource[user] GET /users/:id`). */
export interface OperationSite {
  resource: Resource;
  operation: Operation;
  label: string;
  path(): string;
}

/** Every operation of every resource, in declaration order. */
export function operationSites(ctx: ValidationContext): OperationSite[] {
  const cached = sitesCache.get(ctx);
  if (cached !== undefined) return cached;
  const sites: OperationSite[] = [];
  sitesCache.set(ctx, sites);
  ctx.service.resources.forEach((resource, r) => {
    const resourcePath = () => resourcePointer(ctx, resource, r);
    resource.operations.forEach((operation, o) => {
      sites.push({
        resource,
        operation,
        get label() {
          return `Resource[${ctx.show(resource.type)}] ${operation.method} ${display(operation.path)}`;
        },
        path: () => ctx.at(operation, pointer(resourcePath(), 'operations', o)),
      });
    });
  });
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
