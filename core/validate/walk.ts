import { pointer } from '../diagnostic.js';
import type {
  Enum,
  Interface,
  Model,
  NamedKind,
  Operation,
  Parameter,
  Resource,
  Response,
  Service,
  Union,
} from '../ir.js';
import { display, type ValidationContext } from './context.js';

// The passes loop over the IR's arrays by index and build labels and pointers only for findings,
// with the helpers below. A clean spec then costs no allocation per element: no closure, label,
// pointer or iterator result for each of thousands of fields, which used to fill the young
// generation while the freshly parsed document was still in it (and so made each scavenge copy it).

/** A model or an interface: the definitions that have fields. */
export type FieldOwner = Model | Interface;
/** How messages name a field owner (`Model[user]`); pointers find it under `models` or `interfaces`. */
export type OwnerKind = 'Model' | 'Interface';

/** Calls `visit` for every interface, then every model (the order in which API Builder checks them). */
export function eachFieldOwner(service: Service, visit: (owner: FieldOwner, kind: OwnerKind) => void): void {
  const { interfaces, models } = service;
  for (let i = 0; i < interfaces.length; i++) visit(interfaces[i]!, 'Interface');
  for (let i = 0; i < models.length; i++) visit(models[i]!, 'Model');
}

/** `Model[user]`, `Interface[person]`. */
export function ownerLabel(owner: FieldOwner, kind: OwnerKind): string {
  return `${kind}[${display(owner.name)}]`;
}

export function ownerPath(ctx: ValidationContext, owner: FieldOwner, kind: OwnerKind): string {
  return ctx.at(owner, pointer('', kind === 'Model' ? 'models' : 'interfaces', owner.name));
}

/** The pointer of field `index` of `owner`. */
export function fieldPath(ctx: ValidationContext, owner: FieldOwner, kind: OwnerKind, index: number): string {
  return ctx.at(owner.fields[index]!, pointer(ownerPath(ctx, owner, kind), 'fields', index));
}

const COLLECTIONS = { model: 'models', enum: 'enums', union: 'unions', interface: 'interfaces' } as const;

/** The pointer of a model, enum, union or interface; without a source pointer, one built from its name. */
export function definitionPath(
  ctx: ValidationContext,
  kind: NamedKind,
  definition: { name: string },
): string {
  return ctx.at(definition, pointer('', COLLECTIONS[kind], definition.name));
}

export function unionPath(ctx: ValidationContext, union: Union): string {
  return definitionPath(ctx, 'union', union);
}

/** The pointer of a union's member. */
export function memberPath(ctx: ValidationContext, union: Union, index: number): string {
  return ctx.at(union.types[index]!, pointer(unionPath(ctx, union), 'types', index));
}

/** The pointer of an enum's value. */
export function enumValuePath(ctx: ValidationContext, enumeration: Enum, index: number): string {
  return ctx.at(
    enumeration.values[index]!,
    pointer(definitionPath(ctx, 'enum', enumeration), 'values', index),
  );
}

/**
 * Calls `visit` with every operation of every resource, in declaration order, and the indices that
 * {@link operationSite} takes to name it.
 */
export function eachOperation(
  service: Service,
  visit: (operation: Operation, resourceIndex: number, operationIndex: number) => void,
): void {
  const { resources } = service;
  for (let r = 0; r < resources.length; r++) {
    const { operations } = resources[r]!;
    for (let o = 0; o < operations.length; o++) visit(operations[o]!, r, o);
  }
}

/** Operation `o` of resource `r`, for a finding's message and pointer. */
export function operationSite(ctx: ValidationContext, r: number, o: number): OperationSite {
  const resource = ctx.service.resources[r]!;
  return new OperationSite(ctx, resource, r, resource.operations[o]!, o);
}

/** The operation at `index` in declaration order (the order of {@link eachOperation}). */
export function nthOperationSite(ctx: ValidationContext, index: number): OperationSite {
  const { resources } = ctx.service;
  let r = 0;
  while (index >= resources[r]!.operations.length) index -= resources[r++]!.operations.length;
  return operationSite(ctx, r, index);
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

  get label(): string {
    const { method, path } = this.operation;
    return `Resource[${this.ctx.show(this.resource.type)}] ${method} ${display(path)}`;
  }

  path(): string {
    const resourcePath = resourcePointer(this.ctx, this.resource, this.resourceIndex);
    return this.ctx.at(this.operation, pointer(resourcePath, 'operations', this.operationIndex));
  }
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

/** `<site> response code[200] header`, how messages name the headers of a response. */
export function responseHeaderLabel(site: OperationSite, response: Response): string {
  return `${site.label} response code[${response.code}] header`;
}
