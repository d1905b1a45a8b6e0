import type { Field, Service, TypeRef } from '../../core/ir.js';

/** The annotation traced when none is named. */
export const DEFAULT_TRACE_ANNOTATION = 'personal_data';

/** Names an annotation may have (as API Builder writes them: `personal_data`). */
export const ANNOTATION_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,99}$/;

/** A field that carries the annotation itself. */
export interface TracedField {
  service: string;
  version: string;
  /** `model` or `interface`. */
  owner: 'model' | 'interface';
  type: string;
  field: string;
}

/** A model, interface or union that reaches an annotated field; `via` is the first step towards it. */
export interface TracedType {
  service: string;
  version: string;
  kind: 'model' | 'interface' | 'union';
  name: string;
  /** `namespace.name` of the type (or `field` of this type) it reaches the annotation through. */
  via: string;
}

export interface TracedOperation {
  service: string;
  version: string;
  method: string;
  path: string;
  /** Where the annotated data travels: the request (body or parameters), the response, or both. */
  request: boolean;
  response: boolean;
}

export interface TracedStream {
  service: string;
  version: string;
  /** The `*_event` union the stream carries. */
  union: string;
}

/** Everything that carries or reaches one annotation across a set of services (docs/registry.md). */
export interface Trace {
  annotation: string;
  services: number;
  fields: TracedField[];
  types: TracedType[];
  operations: TracedOperation[];
  streams: TracedStream[];
}

type Kind = TracedType['kind'];
const key = (namespace: string, name: string) => `${namespace}:${name}`;

interface Definition {
  service: Service;
  kind: Kind;
  name: string;
  annotated: Field[];
}

/**
 * Traces `annotation` through `services` (each service's latest version): the fields that carry
 * it, then every type that reaches one through fields, list/map elements or union members — across
 * services, since a type ref names the namespace that defines it — then the operations and event
 * streams that carry such a type. Pure: the same services in any order give the same trace.
 *
 * @example trace(latestServices, 'personal_data').fields.map((f) => `${f.type}.${f.field}`)
 */
export function trace(services: readonly Service[], annotation = DEFAULT_TRACE_ANNOTATION): Trace {
  const sorted = [...services].sort((a, b) => label(a).localeCompare(label(b)));
  const definitions = new Map<string, Definition>();
  // Reverse edges (who refers to a type, through which field or member), built in the same pass.
  const referrers = new Map<string, { from: string; through: string }[]>();
  const refer = (from: string, type: TypeRef, through: string) => {
    const target = namedTarget(type);
    if (target === undefined) return;
    const list = referrers.get(target);
    if (list === undefined) referrers.set(target, [{ from, through }]);
    else list.push({ from, through });
  };
  for (const service of sorted) {
    for (const kind of ['model', 'interface'] as const) {
      for (const type of kind === 'model' ? service.models : service.interfaces) {
        const k = key(service.namespace, type.name);
        if (definitions.has(k)) continue;
        const annotated: Field[] = [];
        for (const f of type.fields) {
          if (f.annotations.includes(annotation)) annotated.push(f);
          refer(k, f.type, f.name);
        }
        definitions.set(k, { service, kind, name: type.name, annotated });
      }
    }
    for (const union of service.unions) {
      const k = key(service.namespace, union.name);
      if (definitions.has(k)) continue;
      for (const member of union.types) refer(k, member.type, member.discriminatorValue);
      definitions.set(k, { service, kind: 'union', name: union.name, annotated: [] });
    }
  }

  // A breadth-first walk back from the annotated types: linear in the refs.
  const reached = new Map<string, string>();
  const queue: string[] = [];
  for (const [k, def] of definitions) {
    if (def.annotated.length === 0) continue;
    reached.set(k, def.annotated[0]!.name);
    queue.push(k);
  }
  for (let i = 0; i < queue.length; i++) {
    const target = queue[i]!;
    for (const { from, through } of referrers.get(target) ?? []) {
      if (reached.has(from)) continue;
      const def = definitions.get(target)!;
      reached.set(from, `${through} → ${def.service.namespace}.${def.name}`);
      queue.push(from);
    }
  }

  const carries = (type: TypeRef) => {
    const target = namedTarget(type);
    return target !== undefined && reached.has(target);
  };
  const result: Trace = {
    annotation,
    services: sorted.length,
    fields: [],
    types: [],
    operations: [],
    streams: [],
  };
  for (const [k, def] of definitions) {
    const at = { service: label(def.service), version: def.service.version };
    for (const f of def.annotated) {
      result.fields.push({
        ...at,
        owner: def.kind === 'union' ? 'model' : def.kind,
        type: def.name,
        field: f.name,
      });
    }
    const via = reached.get(k);
    if (via !== undefined) result.types.push({ ...at, kind: def.kind, name: def.name, via });
    if (via !== undefined && def.kind === 'union' && def.name.endsWith('_event')) {
      result.streams.push({ ...at, union: def.name });
    }
  }
  for (const service of sorted) {
    for (const operation of service.resources.flatMap((r) => r.operations)) {
      const request =
        (operation.body !== undefined && carries(operation.body.type)) ||
        operation.parameters.some((p) => carries(p.type));
      const response = operation.responses.some((r) => carries(r.type));
      if (!request && !response) continue;
      result.operations.push({
        service: label(service),
        version: service.version,
        method: operation.method,
        path: operation.path,
        request,
        response,
      });
    }
  }
  return result;
}

const label = (service: Service) => `${service.organization.key}/${service.application.key}`;

/** The key of the named type a type ref mentions (through lists and maps), if any. */
function namedTarget(type: TypeRef): string | undefined {
  let t = type;
  while (t.kind === 'list' || t.kind === 'map') t = t.of;
  return t.kind === 'model' || t.kind === 'interface' || t.kind === 'union'
    ? key(t.namespace, t.name)
    : undefined;
}
