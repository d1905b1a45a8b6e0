import type { Operation, Resource, Service } from '../ir.js';
import { formatTypeRef } from '../type-ref.js';

/**
 * Element paths shared by lint findings and diff changes: names, not indexes, so that a path
 * survives reordering and reads like the spec (`resources/user/operations/GET /users/:id`).
 */
export function resourcePath(service: Service, resource: Resource): string {
  return `resources/${formatTypeRef(resource.type, service.namespace)}`;
}

export function operationPath(service: Service, resource: Resource, operation: Operation): string {
  return `${resourcePath(service, resource)}/operations/${operation.method} ${operation.path}`;
}

/** Calls `visit` for every element that can carry attributes, with its path. */
export function forEachElement(
  service: Service,
  visit: (path: string, element: { attributes?: readonly { name: string; value: unknown }[] }) => void,
): void {
  visit('', service);
  for (const h of service.headers) visit(`headers/${h.name}`, h);
  for (const e of service.enums) {
    visit(`enums/${e.name}`, e);
    for (const v of e.values) visit(`enums/${e.name}/values/${v.name}`, v);
  }
  for (const u of service.unions) {
    visit(`unions/${u.name}`, u);
    for (const t of u.types) visit(`unions/${u.name}/types/${formatTypeRef(t.type, service.namespace)}`, t);
  }
  for (const i of service.interfaces) {
    visit(`interfaces/${i.name}`, i);
    for (const f of i.fields) visit(`interfaces/${i.name}/fields/${f.name}`, f);
  }
  for (const m of service.models) {
    visit(`models/${m.name}`, m);
    for (const f of m.fields) visit(`models/${m.name}/fields/${f.name}`, f);
  }
  for (const r of service.resources) {
    visit(resourcePath(service, r), r);
    for (const o of r.operations) {
      const op = operationPath(service, r, o);
      visit(op, o);
      if (o.body) visit(`${op}/body`, o.body);
      for (const p of o.parameters) visit(`${op}/parameters/${p.name}`, p);
      for (const x of o.responses) visit(`${op}/responses/${x.code}`, x);
    }
  }
}
