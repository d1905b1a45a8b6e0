import { type Diagnostic, pointer } from '../diagnostic.js';
import type {
  Annotation,
  Enum,
  Import,
  Interface,
  Model,
  NamedKind,
  NamedTypeRef,
  Service,
  TypeRef,
  Union,
} from '../ir.js';
import type { SourcePointers } from '../load.js';
import { formatTypeRef } from '../type-ref.js';

/** A named type found for a reference: its definition when Canon has it, `opaque` when it does not. */
export type Resolved =
  | { kind: 'model'; definition: Model }
  | { kind: 'enum'; definition: Enum }
  | { kind: 'union'; definition: Union }
  | { kind: 'interface'; definition: Interface }
  | { kind: 'opaque' };

/** Why a named reference does not resolve, in words for a message. */
export type Unresolved = string;

/**
 * Everything a semantic pass needs, built once per `validateService` call: the service, lookups of
 * local and imported types by name, the source pointers, and the diagnostics being collected.
 */
export class ValidationContext {
  readonly diagnostics: Diagnostic[] = [];
  /** Local types by name; the first definition wins (duplicates are a finding of their own). */
  readonly local = new Map<string, Resolved & { kind: NamedKind }>();
  /** Local types by kind and name: a union may share its name with an interface it extends. */
  private readonly localByKind = byKind<Resolved & { kind: NamedKind }>();
  private readonly importedServices = new Map<string, Service>();
  private readonly importedTypes = new Map<
    string,
    Record<NamedKind, Map<string, Model | Enum | Union | Interface>>
  >();
  /** Answers by reference object: the parsers share one TypeRef per distinct type string. */
  private readonly resolutions = new Map<NamedTypeRef, Resolved | Unresolved>();
  private readonly importRecords = new Map<string, Import>();
  /** True when an import's names are unknown (unresolved api.json import): foreign names pass. */
  private readonly hasOpaqueImport: boolean;

  constructor(
    readonly service: Service,
    readonly pointers: SourcePointers,
    imports: readonly Service[],
  ) {
    for (const definition of service.interfaces)
      this.addLocal(definition.name, { kind: 'interface', definition });
    for (const definition of service.models) this.addLocal(definition.name, { kind: 'model', definition });
    for (const definition of service.enums) this.addLocal(definition.name, { kind: 'enum', definition });
    for (const definition of service.unions) this.addLocal(definition.name, { kind: 'union', definition });
    for (const imported of imports) {
      if (this.importedServices.has(imported.namespace)) continue;
      this.importedServices.set(imported.namespace, imported);
      const index = byKind<Model | Enum | Union | Interface>();
      for (const d of imported.models) index.model.set(d.name, d);
      for (const d of imported.enums) index.enum.set(d.name, d);
      for (const d of imported.unions) index.union.set(d.name, d);
      for (const d of imported.interfaces) index.interface.set(d.name, d);
      this.importedTypes.set(imported.namespace, index);
    }
    let opaque = false;
    for (const record of service.imports) {
      if (!this.importRecords.has(record.namespace)) this.importRecords.set(record.namespace, record);
      if (this.isOpaque(record)) opaque = true;
    }
    this.hasOpaqueImport = opaque;
  }

  private addLocal(name: string, resolved: Resolved & { kind: NamedKind }): void {
    if (!this.local.has(name)) this.local.set(name, resolved);
    const ofKind = this.localByKind[resolved.kind];
    if (!ofKind.has(name)) ofKind.set(name, resolved);
  }

  /** An import record whose names Canon does not know: nothing resolved it and it lists none. */
  private isOpaque(record: Import): boolean {
    if (record.namespace !== '' && this.importedServices.has(record.namespace)) return false;
    return (
      record.namespace === '' ||
      record.models.length + record.enums.length + record.unions.length + record.interfaces.length === 0
    );
  }

  report(code: string, path: string, message: string, severity?: 'warning'): void {
    this.diagnostics.push(
      severity === undefined ? { code, path, message } : { code, path, message, severity },
    );
  }

  /** The JSON pointer of an IR element, or `fallback` (a pointer built from names) without one. */
  at(element: object, fallback: string): string {
    return this.pointers.get(element) ?? fallback;
  }

  /** A type as the spec writes it: local names short, imported names fully qualified. */
  show(type: TypeRef): string {
    return display(formatTypeRef(type, this.service.namespace));
  }

  isLocal(ref: NamedTypeRef): boolean {
    return ref.namespace === this.service.namespace;
  }

  /**
   * Finds the definition of a named reference. Returns a string that says why when it does not
   * resolve; `opaque` when it resolves to a type Canon cannot see (an import known by names only).
   */
  resolve(ref: NamedTypeRef): Resolved | Unresolved {
    let answer = this.resolutions.get(ref);
    if (answer === undefined) {
      answer = this.lookUp(ref);
      this.resolutions.set(ref, answer);
    }
    return answer;
  }

  private lookUp(ref: NamedTypeRef): Resolved | Unresolved {
    if (this.isLocal(ref)) {
      const found = this.localByKind[ref.kind].get(ref.name);
      if (found !== undefined) return found;
      const other = this.local.get(ref.name);
      if (other === undefined)
        return `no ${ref.kind} named '${display(ref.name)}' is defined in this service`;
      return `'${display(ref.name)}' is ${article(other.kind)}, not ${article(ref.kind)}`;
    }
    const imported = this.importedServices.get(ref.namespace);
    if (imported !== undefined) {
      const definition = this.importedTypes.get(ref.namespace)?.[ref.kind].get(ref.name);
      if (definition === undefined) {
        return `the imported service ${display(imported.namespace)} defines no ${ref.kind} named '${display(ref.name)}'`;
      }
      return { kind: ref.kind, definition } as Resolved;
    }
    const record = this.importRecords.get(ref.namespace);
    if (record !== undefined && !this.isOpaque(record)) {
      return namesOf(record, ref.kind).includes(ref.name)
        ? { kind: 'opaque' }
        : `the import of ${display(ref.namespace)} lists no ${ref.kind} named '${display(ref.name)}'`;
    }
    if (record !== undefined || this.hasOpaqueImport) return { kind: 'opaque' };
    return `no import provides the namespace ${display(ref.namespace)}`;
  }

  /** The definition behind a reference when Canon has it (local or a resolved import). */
  definitionOf(ref: NamedTypeRef): Model | Enum | Union | Interface | undefined {
    const found = this.resolve(ref);
    return typeof found === 'string' || found.kind === 'opaque' ? undefined : found.definition;
  }

  /**
   * Finds an interface by the name a model or union lists (`person` or `ns.interfaces.person`):
   * the definition, `opaque`, or why it is missing.
   */
  resolveInterfaceName(name: string): Resolved | Unresolved {
    const match = /^(.+)\.interfaces\.([^.]+)$/.exec(name);
    const ref: NamedTypeRef = match
      ? { kind: 'interface', namespace: match[1]!, name: match[2]! }
      : { kind: 'interface', namespace: this.service.namespace, name };
    return this.resolve(ref);
  }

  /** Annotations declared by the service or any import; undefined when an import's are unknown. */
  knownAnnotations(): Set<string> | undefined {
    if (this.hasOpaqueImport) return undefined;
    const names = new Set<string>();
    const add = (list: readonly Annotation[]) => {
      for (const annotation of list) names.add(annotation.name);
    };
    add(this.service.annotations);
    for (const record of this.service.imports) add(record.annotations);
    for (const imported of this.importedServices.values()) add(imported.annotations);
    return names;
  }
}

function byKind<T>(): Record<NamedKind, Map<string, T>> {
  return { model: new Map(), enum: new Map(), union: new Map(), interface: new Map() };
}

function namesOf(record: Import, kind: NamedKind): readonly string[] {
  switch (kind) {
    case 'model':
      return record.models;
    case 'enum':
      return record.enums;
    case 'union':
      return record.unions;
    case 'interface':
      return record.interfaces;
  }
}

/**
 * A name from the spec, safe to put in a message: control and line-separator characters are shown
 * as escapes (a NUL or U+2028 must not break a terminal or a log line) and long names are cut.
 */
export function display(name: string): string {
  if (name.length <= 80 && !UNPRINTABLE.test(name)) return name;
  const escaped = name.replace(UNPRINTABLE_ALL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return escaped.length > 80 ? `${escaped.slice(0, 77)}...` : escaped;
}

const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
const UNPRINTABLE_ALL = new RegExp(UNPRINTABLE.source, 'g');

export function article(word: string): string {
  return /^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`;
}

/** Fallback pointers, built from names, for IR elements the parser gave no pointer. */
export const fallback = {
  model: (m: Model) => pointer('', 'models', m.name),
  interface: (i: Interface) => pointer('', 'interfaces', i.name),
  enum: (e: Enum) => pointer('', 'enums', e.name),
  union: (u: Union) => pointer('', 'unions', u.name),
};
