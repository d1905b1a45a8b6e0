import type { NamedKind, Service } from '../ir.js';
import { type NestedUsage, named, TypeGraph } from './type-graph.js';

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
  return flatten(markAll(service, imports).found);
}

/**
 * Usage looked up by namespace, kind and name, as `analyzeUsage`'s map answers for
 * `<namespace>.<kind>s.<name>`, without building a key per type: keys cannot collide while no name
 * has a dot in it. (Names may: then the keys are built and looked up as `analyzeUsage` does.)
 */
export class UsageIndex {
  private flat: Map<string, Usage> | undefined;

  constructor(
    private readonly byNamespace: NestedUsage,
    private readonly dottedNames: boolean,
  ) {}

  get(namespace: string, kind: NamedKind, name: string): Usage | undefined {
    if (!this.dottedNames && !name.includes('.'))
      return this.byNamespace.get(namespace)?.get(kind)?.get(name);
    this.flat ??= flatten(this.byNamespace);
    return this.flat.get(`${namespace}.${kind}s.${name}`);
  }
}

/** `analyzeUsage` for lookups by name (the diff asks only about the types that changed). */
export function usageIndex(service: Service, imports: readonly Service[] = []): UsageIndex {
  const graph = markAll(service, imports);
  return new UsageIndex(graph.found, graph.dottedNames);
}

function markAll(service: Service, imports: readonly Service[]): TypeGraph {
  const graph = new TypeGraph([service, ...imports]);
  // Index loops: this runs once per diff, before V8 optimizes it, where `for…of` allocates per element.
  for (let h = 0; h < service.headers.length; h++) graph.mark(service.headers[h]!.type, 'input');
  for (let r = 0; r < service.resources.length; r++) {
    const operations = service.resources[r]!.operations;
    for (let o = 0; o < operations.length; o++) {
      const operation = operations[o]!;
      if (operation.body) graph.mark(operation.body.type, 'input');
      for (let p = 0; p < operation.parameters.length; p++)
        graph.mark(operation.parameters[p]!.type, 'input');
      for (let x = 0; x < operation.responses.length; x++) {
        const response = operation.responses[x]!;
        graph.mark(response.type, 'output');
        for (let h = 0; h < response.headers.length; h++) graph.mark(response.headers[h]!.type, 'output');
      }
    }
  }
  for (const union of service.unions) {
    if (isEventUnionName(union.name)) graph.mark(named('union', union.name, service.namespace), 'output');
  }
  return graph;
}

function flatten(byNamespace: NestedUsage): Map<string, Usage> {
  const usage = new Map<string, Usage>();
  for (const [namespace, kinds] of byNamespace) {
    for (const [kind, names] of kinds)
      for (const [name, entry] of names) usage.set(`${namespace}.${kind}s.${name}`, entry);
  }
  return usage;
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
