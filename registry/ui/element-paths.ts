import type { Operation, Resource, Service } from '../../core/ir.js';
import { formatTypeRef } from '../../core/type-ref.js';

/**
 * The diff engine's paths for resources and operations (`core/diff/walk.ts`), which are also the
 * element ids of the documentation page, so that a change links to the element it names.
 */
export const resourcePath = (service: Service, resource: Resource) =>
  `resources/${formatTypeRef(resource.type, service.namespace)}`;

/** `resources/user/operations/GET /users/:id` */
export const operationPath = (service: Service, resource: Resource, op: Operation) =>
  `${resourcePath(service, resource)}/operations/${op.method} ${op.path}`;
