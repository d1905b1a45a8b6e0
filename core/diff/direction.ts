import type { Interface, Model, NamedTypeRef, Service, TypeRef, Union } from '../ir.js';
import { elementType, qualifiedName, splitQualifiedName } from '../type-ref.js';

/** Where a type travels: sent by clients (input), received by them (output), or both. */
export interface Usage {
  input: boolean;
  output: boolean;
}

/** Usage per named type, keyed by qualified name (`io.acme.v0.models.user`). */
export type UsageMap = ReadonlyMap<string, Usage>;

/**
 * Event streams are unions named `<service>_event` (Flow's convention), or just `event` (what a
 * merged multi-service spec calls the union of all of them). They and their members are outputs.
 */
export function isEventUnionName(name: string): boolean {
  return name === 'event' || name.endsWith('_event');
}

type Definition =
  | { kind: 'model'; value: Model }
  | { kind: 'union'; value: Union }
  | { kind: 'interface'; value: Interface }
  | { kind: 'enum' };

/**
 * Works out, for every named type, whether clients send it, receive it, or both.
 *
 * Inputs are request bodies, parameters and request headers; outputs are responses, response
 * headers and event payloads (unions named `*_event` and their members). Usage flows through model
 * fields, union members, interfaces (to the models and unions implementing them), lists and maps.
 * Pass the imported services to follow references into their types too.
 *
 * @example
 * const usage = analyzeUsage(service);
 * usage.get('io.acme.v0.models.user_form'); // { input: true, output: false }
 */
export function analyzeUsage(service: Service, imports: readonly Service[] = []): Map<string, Usage> {
  const definitions = indexDefinitions([service, ...imports]);
  const implementers = indexImplementers([service, ...imports]);
  // namespace → kind → name → usage: no string building per reference on large specs.
  const found = new Map<string, Map<string, Map<string, Usage>>>();
  const entryOf = (ref: NamedTypeRef): Usage => {
    let kinds = found.get(ref.namespace);
    if (!kinds) {
      kinds = new Map();
      found.set(ref.namespace, kinds);
    }
    let names = kinds.get(ref.kind);
    if (!names) {
      names = new Map();
      kinds.set(ref.kind, names);
    }
    let entry = names.get(ref.name);
    if (!entry) {
      entry = { input: false, output: false };
      names.set(ref.name, entry);
    }
    return entry;
  };

  const mark = (type: TypeRef, direction: keyof Usage): void => {
    const stack: TypeRef[] = [type];
    while (stack.length > 0) {
      const inner = elementType(stack.pop()!);
      if (
        inner.kind === 'primitive' ||
        inner.kind === 'unknown' ||
        inner.kind === 'list' ||
        inner.kind === 'map'
      )
        continue;
      const entry = entryOf(inner);
      if (entry[direction]) continue;
      entry[direction] = true;
      const definition = definitions.get(inner.namespace)?.get(inner.kind)?.get(inner.name);
      if (!definition || definition.kind === 'enum') continue;
      const namespace = inner.namespace;
      if (definition.kind === 'union') {
        for (const member of definition.value.types) stack.push(member.type);
      } else {
        for (const field of definition.value.fields) stack.push(field.type);
      }
      if (definition.kind !== 'interface') {
        for (const name of definition.value.interfaces) stack.push(interfaceRef(name, namespace));
      } else {
        for (const implementer of implementers.get(qualifiedName(inner)) ?? []) stack.push(implementer);
      }
    }
  };

  for (const header of service.headers) mark(header.type, 'input');
  for (const resource of service.resources) {
    for (const operation of resource.operations) {
      if (operation.body) mark(operation.body.type, 'input');
      for (const parameter of operation.parameters) mark(parameter.type, 'input');
      for (const response of operation.responses) {
        mark(response.type, 'output');
        for (const header of response.headers) mark(header.type, 'output');
      }
    }
  }
  for (const union of service.unions) {
    if (isEventUnionName(union.name)) mark(named('union', union.name, service.namespace), 'output');
  }
  const usage = new Map<string, Usage>();
  for (const [namespace, kinds] of found) {
    for (const [kind, names] of kinds)
      for (const [name, entry] of names) usage.set(`${namespace}.${kind}s.${name}`, entry);
  }
  return usage;
}

function named(kind: NamedTypeRef['kind'], name: string, namespace: string): NamedTypeRef {
  return { kind, name, namespace };
}

/** Interfaces are listed by local or fully qualified name. */
function interfaceRef(name: string, namespace: string): NamedTypeRef {
  return splitQualifiedName(name) ?? named('interface', name, namespace);
}

function indexDefinitions(services: readonly Service[]): Map<string, Map<string, Map<string, Definition>>> {
  const index = new Map<string, Map<string, Map<string, Definition>>>();
  for (const s of services) {
    const kinds = new Map<string, Map<string, Definition>>([
      ['model', new Map(s.models.map((value) => [value.name, { kind: 'model', value }]))],
      ['union', new Map(s.unions.map((value) => [value.name, { kind: 'union', value }]))],
      ['interface', new Map(s.interfaces.map((value) => [value.name, { kind: 'interface', value }]))],
      ['enum', new Map(s.enums.map((value) => [value.name, { kind: 'enum' }]))],
    ]);
    if (!index.has(s.namespace)) index.set(s.namespace, kinds);
  }
  return index;
}

/** Interface → the models and unions that implement it (a value of the interface is one of them). */
function indexImplementers(services: readonly Service[]): Map<string, NamedTypeRef[]> {
  const index = new Map<string, NamedTypeRef[]>();
  const add = (ns: string, interfaceName: string, implementer: NamedTypeRef): void => {
    const key = qualifiedName(interfaceRef(interfaceName, ns));
    const list = index.get(key) ?? [];
    list.push(implementer);
    index.set(key, list);
  };
  for (const s of services) {
    for (const m of s.models)
      for (const i of m.interfaces) add(s.namespace, i, named('model', m.name, s.namespace));
    for (const u of s.unions)
      for (const i of u.interfaces) add(s.namespace, i, named('union', u.name, s.namespace));
  }
  return index;
}

/**
 * The usage of one type; a type nobody in this service uses may be used by importers, so it counts
 * as both directions (the stricter verdict).
 */
export function usageOf(map: UsageMap, key: string): Usage {
  const usage = map.get(key);
  if (!usage || (!usage.input && !usage.output)) return { input: true, output: true };
  return usage;
}
