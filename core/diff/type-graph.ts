import type { Interface, Model, NamedKind, NamedTypeRef, Service, TypeRef, Union } from '../ir.js';
import { qualifiedName, splitQualifiedName } from '../type-ref.js';
import type { Usage } from './direction.js';

/** Usage by namespace, kind and name, in the order the types were first reached. */
export type NestedUsage = ReadonlyMap<string, ReadonlyMap<NamedKind, ReadonlyMap<string, Usage>>>;

/**
 * The named types of a service and its imports, and the usage found so far. It runs once per
 * diff, mostly before V8 has optimized it, so it is written for cold code: index loops (`for…of`
 * allocates a result per element there), no helper call per reference, only named types on the
 * stack (most fields are strings and numbers), and the last namespace kept at hand (most
 * references are to the service's own types).
 */
export class TypeGraph {
  /** namespace → kind → name → usage, in the order first reached. */
  readonly found = new Map<string, Map<NamedKind, Map<string, Usage>>>();
  /** Some type reached has a dot in its name (see `UsageIndex`). */
  dottedNames = false;
  private readonly definitions: Map<string, Definitions>;
  private readonly implementers: Map<string, NamedTypeRef[]>;
  /**
   * Named types still to visit, below `top`: one stack for every root. Its storage is kept as it
   * is: emptied by `pop`, V8 trims an array and then grows it again for the next root.
   */
  private readonly stack: NamedTypeRef[] = [];
  private top = 0;
  private namespace: string | undefined;
  private kinds: Map<NamedKind, Map<string, Usage>> | undefined;

  constructor(services: readonly Service[]) {
    this.definitions = indexDefinitions(services);
    this.implementers = indexImplementers(services);
  }

  /** Marks every named type that values of `type` can contain as travelling in `direction`. */
  mark(type: TypeRef, direction: keyof Usage): void {
    this.push(type);
    while (this.top > 0) {
      const ref = this.stack[--this.top]!;
      const entry = this.entryOf(ref);
      if (entry[direction]) continue;
      entry[direction] = true;
      // Enums contain no other types.
      if (ref.kind === 'enum') continue;
      const types = this.definitions.get(ref.namespace);
      if (ref.kind === 'interface') {
        const definition = types?.interface.get(ref.name);
        if (!definition) continue;
        this.pushAll(definition.fields);
        const implementing = this.implementers.get(qualifiedName(ref));
        if (implementing)
          for (let i = 0; i < implementing.length; i++) this.stack[this.top++] = implementing[i]!;
        continue;
      }
      let interfaces: readonly string[];
      if (ref.kind === 'union') {
        const union = types?.union.get(ref.name);
        if (!union) continue;
        this.pushAll(union.types);
        interfaces = union.interfaces;
      } else {
        const model = types?.model.get(ref.name);
        if (!model) continue;
        this.pushAll(model.fields);
        interfaces = model.interfaces;
      }
      for (let i = 0; i < interfaces.length; i++)
        this.stack[this.top++] = interfaceRef(interfaces[i]!, ref.namespace);
    }
  }

  /** The named types inside each of `typed` (fields or union members). */
  private pushAll(typed: readonly { type: TypeRef }[]): void {
    for (let i = 0; i < typed.length; i++) this.push(typed[i]!.type);
  }

  /** The named type inside `type` (through lists and maps), if there is one. */
  private push(type: TypeRef): void {
    while (type.kind === 'list' || type.kind === 'map') type = type.of;
    if (type.kind !== 'primitive' && type.kind !== 'unknown') this.stack[this.top++] = type;
  }

  private entryOf(ref: NamedTypeRef): Usage {
    if (ref.namespace !== this.namespace) {
      this.namespace = ref.namespace;
      this.kinds = this.found.get(ref.namespace);
      if (!this.kinds) {
        this.kinds = new Map();
        this.found.set(ref.namespace, this.kinds);
      }
    }
    let names = this.kinds!.get(ref.kind);
    if (!names) {
      names = new Map();
      this.kinds!.set(ref.kind, names);
    }
    let entry = names.get(ref.name);
    if (!entry) {
      entry = { input: false, output: false };
      names.set(ref.name, entry);
      if (ref.name.includes('.')) this.dottedNames = true;
    }
    return entry;
  }
}

export function named(kind: NamedKind, name: string, namespace: string): NamedTypeRef {
  return { kind, name, namespace };
}

/** Interfaces are listed by local or fully qualified name. */
function interfaceRef(name: string, namespace: string): NamedTypeRef {
  return splitQualifiedName(name) ?? named('interface', name, namespace);
}

interface Definitions {
  model: Map<string, Model>;
  union: Map<string, Union>;
  interface: Map<string, Interface>;
}

/** Namespace → the types that contain others, by kind and name (the first service of a namespace wins). */
function indexDefinitions(services: readonly Service[]): Map<string, Definitions> {
  const index = new Map<string, Definitions>();
  for (const s of services) {
    if (index.has(s.namespace)) continue;
    index.set(s.namespace, {
      model: byName(s.models),
      union: byName(s.unions),
      interface: byName(s.interfaces),
    });
  }
  return index;
}

function byName<T extends { name: string }>(list: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (let i = 0; i < list.length; i++) map.set(list[i]!.name, list[i]!);
  return map;
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
  const addAll = (ns: string, kind: 'model' | 'union', types: readonly (Model | Union)[]): void => {
    for (let t = 0; t < types.length; t++) {
      const { name, interfaces } = types[t]!;
      for (let i = 0; i < interfaces.length; i++) add(ns, interfaces[i]!, named(kind, name, ns));
    }
  };
  for (const s of services) {
    addAll(s.namespace, 'model', s.models);
    addAll(s.namespace, 'union', s.unions);
  }
  return index;
}
