import { pointer } from '../diagnostic.js';
import { display, type ValidationContext } from './context.js';
import { resourcePointer } from './walk.js';

/**
 * `invalid-resource-type` (a resource is keyed by a model, enum, union or interface, not a list,
 * map or primitive), `empty-resource` (no operations), `duplicate-resource` (same type or same
 * plural twice).
 */
export function checkResources(ctx: ValidationContext): void {
  const types = new Set<string>();
  const plurals = new Set<string>();
  const { resources } = ctx.service;
  for (let r = 0; r < resources.length; r++) {
    const resource = resources[r]!;
    const shown = ctx.show(resource.type);
    const kind = resource.type.kind;
    if (kind === 'list' || kind === 'map') {
      ctx.report(
        'invalid-resource-type',
        resourcePointer(ctx, resource, r),
        `Resource[${shown}] has an invalid type: must be a singleton (not a list nor map). Key the resource by the element type.`,
      );
    } else if (kind === 'primitive') {
      ctx.report(
        'invalid-resource-type',
        resourcePointer(ctx, resource, r),
        `Resource[${shown}] has an invalid type: Primitives cannot be mapped to resources. Key it by a model, enum or union.`,
      );
    }
    if (resource.operations.length === 0) {
      ctx.report(
        'empty-resource',
        resourcePointer(ctx, resource, r),
        `Resource[${shown}] must have at least one operation. Add one or remove the resource.`,
      );
    }
    if (types.has(shown)) {
      ctx.report(
        'duplicate-resource',
        resourcePointer(ctx, resource, r),
        `Resource[${shown}] cannot appear multiple times. Merge its operations into one resource.`,
      );
    } else if (plurals.has(resource.plural)) {
      ctx.report(
        'duplicate-resource',
        pointer(resourcePointer(ctx, resource, r), 'plural'),
        `Resource with plural[${display(resource.plural)}] appears more than once. Give one of them another plural.`,
      );
    }
    types.add(shown);
    plurals.add(resource.plural);
  }
}
