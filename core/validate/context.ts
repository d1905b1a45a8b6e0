import type { Diagnostic } from '../diagnostic.js';
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
import type { SourcePointers } from '../source-pointers.js';
import { formatTypeRef } from '../type-ref.js';

/** A model, enum, union or interface. */
export type Definition = Model | Enum | Union | Interface;

/** The definition a kind names: `DefinitionOf<'union'>` is `Union`. */
export type DefinitionOf<K extends NamedKind> = {
  model: Model;
  enum: Enum;
  union: Union;
  interface: Interface;
}[K];

/** What a reference resolves to when Canon knows the type by name only (an import that lists it). */
export const OPAQUE: unique symbol = Symbol('opaque');

/**
 * A named type found for a reference: its definition (of the reference's kind) when Canon has it,
 * {@link OPAQUE} when it does not.
 */
export type Resolved = Definition | typeof OPAQUE;

/** Why a named reference does not resolve, in words for a message. */
export type Unresolved = string;

/**
 * The kinds in the order their definitions are indexed. A name that several kinds use belongs, for
 * `localKind`, to the first of them.
 */
const KINDS: readonly NamedKind[] = ['interface', 'model', 'enum', 'union'];

type Index = { [K in NamedKind]: Map<string, DefinitionOf<K>> };

function emptyIndex(): Index {
  return { model: new Map(), enum: new Map(), union: new Map(), interface: new Map() };
}

/**
 * Everything a semantic pass needs, built once per `validateService` call: the service, lookups of
 * local and imported types by name, the source pointers, and the diagnostics being collected.
 */
export class ValidationContext {
  readonly diagnostics: Diagnostic[] = [];
  /** Local types by kind and name; the first definition wins (duplicates are a finding of their own). */
  private readonly local = emptyIndex();
  private readonly importedServices = new Map<string, Service>();
  /** Imported types by namespace, kind and name; built for a namespace on its first reference. */
  private readonly importedTypes = new Map<string, Index>();
  /**
   * Answers for references that are not local hits, by reference object (the parsers share one
   * TypeRef per distinct type string): their answers cost a message or a search to build.
   */
  private readonly resolutions = new Map<NamedTypeRef, Resolved | Unresolved>();
  private readonly importRecords = new Map<string, Import>();
  /** True when an import's names are unknown (unresolved api.json import): foreign names pass. */
  private readonly hasOpaqueImport: boolean;

  constructor(
    readonly service: Service,
    readonly pointers: SourcePointers,
    imports: readonly Service[],
  ) {
    addFirsts(this.local.interface, service.interfaces);
    addFirsts(this.local.model, service.models);
    addFirsts(this.local.enum, service.enums);
    addFirsts(this.local.union, service.unions);
    for (const imported of imports) {
      if (!this.importedServices.has(imported.namespace))
        this.importedServices.set(imported.namespace, imported);
    }
    let opaque = false;
    for (const record of service.imports) {
      if (!this.importRecords.has(record.namespace)) this.importRecords.set(record.namespace, record);
      if (this.isOpaque(record)) opaque = true;
    }
    this.hasOpaqueImport = opaque;
  }

  /** The first local definition of `kind` named `name`. */
  localDefinition<K extends NamedKind>(kind: K, name: string): DefinitionOf<K> | undefined {
    return this.local[kind].get(name);
  }

  /** The kind of the local type named `name`: when several kinds use the name, the first in `KINDS`. */
  localKind(name: string): NamedKind | undefined {
    for (const kind of KINDS) if (this.local[kind].has(name)) return kind;
    return undefined;
  }

  /** Every local type name once, in the order of first definition (interfaces, models, enums, unions). */
  localNames(): string[] {
    const names: string[] = [];
    for (const kind of KINDS) {
      for (const name of this.local[kind].keys()) if (this.localKind(name) === kind) names.push(name);
    }
    return names;
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
   * resolve; `OPAQUE` when it resolves to a type Canon cannot see (an import known by names only).
   */
  resolve(ref: NamedTypeRef): Resolved | Unresolved {
    // Nearly every reference names a local type of its kind: one lookup, nothing to remember.
    if (this.isLocal(ref)) {
      const found = this.local[ref.kind].get(ref.name);
      if (found !== undefined) return found;
    }
    let answer = this.resolutions.get(ref);
    if (answer === undefined) {
      answer = this.lookUp(ref);
      this.resolutions.set(ref, answer);
    }
    return answer;
  }

  private lookUp(ref: NamedTypeRef): Resolved | Unresolved {
    if (this.isLocal(ref)) {
      const found = this.local[ref.kind].get(ref.name);
      if (found !== undefined) return found;
      const other = this.localKind(ref.name);
      if (other === undefined)
        return `no ${ref.kind} named '${display(ref.name)}' is defined in this service`;
      return `'${display(ref.name)}' is ${article(other)}, not ${article(ref.kind)}`;
    }
    const imported = this.importedServices.get(ref.namespace);
    if (imported !== undefined) {
      const definition = this.importedIndex(imported)[ref.kind].get(ref.name);
      if (definition === undefined) {
        return `the imported service ${display(imported.namespace)} defines no ${ref.kind} named '${display(ref.name)}'`;
      }
      return definition;
    }
    const record = this.importRecords.get(ref.namespace);
    if (record !== undefined && !this.isOpaque(record)) {
      return namesOf(record, ref.kind).includes(ref.name)
        ? OPAQUE
        : `the import of ${display(ref.namespace)} lists no ${ref.kind} named '${display(ref.name)}'`;
    }
    if (record !== undefined || this.hasOpaqueImport) return OPAQUE;
    return `no import provides the namespace ${display(ref.namespace)}`;
  }

  /** The types of an imported service by kind and name (a repeated name: the last definition). */
  private importedIndex(imported: Service): Index {
    let index = this.importedTypes.get(imported.namespace);
    if (index === undefined) {
      index = emptyIndex();
      for (const d of imported.models) index.model.set(d.name, d);
      for (const d of imported.enums) index.enum.set(d.name, d);
      for (const d of imported.unions) index.union.set(d.name, d);
      for (const d of imported.interfaces) index.interface.set(d.name, d);
      this.importedTypes.set(imported.namespace, index);
    }
    return index;
  }

  /** The definition behind a reference when Canon has it (local or a resolved import). */
  definitionOf(ref: NamedTypeRef): Definition | undefined {
    const found = this.resolve(ref);
    return typeof found === 'string' || found === OPAQUE ? undefined : found;
  }

  /**
   * Finds an interface by the name a model or union lists (`person` or `ns.interfaces.person`):
   * the definition, `OPAQUE`, or why it is missing.
   */
  resolveInterfaceName(name: string): Interface | typeof OPAQUE | Unresolved {
    const match = /^(.+)\.interfaces\.([^.]+)$/.exec(name);
    const ref: NamedTypeRef = match
      ? { kind: 'interface', namespace: match[1]!, name: match[2]! }
      : { kind: 'interface', namespace: this.service.namespace, name };
    // A reference resolves to a definition of its own kind.
    return this.resolve(ref) as Interface | typeof OPAQUE | Unresolved;
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

/** Indexes `definitions` by name; the first definition of a name wins. */
function addFirsts<D extends Definition>(index: Map<string, D>, definitions: readonly D[]): void {
  for (let i = 0; i < definitions.length; i++) {
    const definition = definitions[i]!;
    if (!index.has(definition.name)) index.set(definition.name, definition);
  }
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
