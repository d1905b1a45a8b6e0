import type { Diagnostic } from '../diagnostic.js';
import type { Enum, Interface, Model, NamedKind, TypeRef, Union } from '../ir.js';
import type { SourcePointers } from '../source-pointers.js';
import { LazySourcePointers } from '../source-pointers.js';
import { isObject, type Json } from './json.js';
import { NameTable } from './names.js';
import { followRef, refOf } from './refs.js';

/** Rewrites pointers of a converted document (Swagger 2.0) back into the original one. */
export type PointerTranslator = (pointer: string) => string;

/**
 * State shared by one import: the source document, the IR elements built so far, the names
 * handed out, where each element came from, and every warning.
 */
export class ImportContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly pointers: SourcePointers = new LazySourcePointers();
  readonly names = new NameTable();
  readonly models: Model[] = [];
  readonly enums: Enum[] = [];
  readonly unions: Union[] = [];
  readonly interfaces: Interface[] = [];
  /** Component schema key → the IR type it became. */
  readonly components = new Map<string, TypeRef>();
  /** Component schemas that are not named types (`type: string`, arrays, maps): inlined where used. */
  readonly aliases = new Map<string, unknown>();
  /** Types of inline schemas by source pointer, so a schema reached twice is built once. */
  readonly inline = new Map<string, TypeRef>();
  /** How many schemas deep the import is right now (bounded, so hostile nesting cannot overflow the stack). */
  depth = 0;
  /** Pointers of schemas being built right now: reaching one again is a cycle. */
  readonly building = new Set<string>();
  /** Pointers of form-encoded request bodies imported as `form` parameters (reported once, counted). */
  readonly formBodies: string[] = [];
  /** The document is a Canon export (`x-canon` at the top): its form parameters are API Builder's. */
  fromCanon = false;
  /** Warnings already given, so a construct reached twice is reported once. */
  private readonly reported = new Set<string>();

  constructor(
    readonly doc: Json,
    readonly namespace: string,
    readonly translate: PointerTranslator = (p) => p,
  ) {}

  /**
   * Every element placed by `at`, in the order placed, and the pointer each came from (the same
   * index in both), so a warning can be pinned to the element it concerns. Lists, not a map by
   * pointer: only the few pointers warnings name are ever looked up (`pinLossy`).
   */
  readonly placed: object[] = [];
  readonly placedAt: string[] = [];

  /** Remembers where `element` came from and returns it. */
  at<T extends object>(element: T, path: string): T {
    const translated = this.translate(path);
    this.pointers.set(element, translated);
    this.placed.push(element);
    this.placedAt.push(translated);
    return element;
  }

  warn(code: string, path: string, message: string): void {
    const key = `${code} ${path}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.diagnostics.push({ code, path: this.translate(path), message, severity: 'warning' });
  }

  error(code: string, path: string, message: string): void {
    this.diagnostics.push({ code, path: this.translate(path), message });
  }

  /** The list the types of `kind` are declared in. */
  declarations(kind: NamedKind): Array<Model | Enum | Union | Interface> {
    if (kind === 'enum') return this.enums;
    if (kind === 'union') return this.unions;
    return kind === 'interface' ? this.interfaces : this.models;
  }

  named(kind: NamedKind, name: string): TypeRef {
    return { kind, name, namespace: this.namespace };
  }

  /**
   * Follows Reference Objects (also chains of them) for a parameter, response, request body,
   * header or path item. Returns the target and its pointer, or undefined after reporting why not.
   */
  deref(value: unknown, path: string): { value: Json; path: string } | undefined {
    const seen = new Set<string>();
    let current = value;
    let currentPath = path;
    for (let ref = refOf(current); ref !== undefined; ref = refOf(current)) {
      if (seen.has(ref)) {
        this.error(
          'ref-cycle',
          currentPath,
          `$ref '${ref}' refers back to itself through ${[...seen].join(' → ')}. Break the cycle.`,
        );
        return undefined;
      }
      seen.add(ref);
      const target = followRef(this.doc, ref);
      if (!target.ok) {
        this.error(target.code, `${currentPath}/$ref`, target.message);
        return undefined;
      }
      current = target.value;
      currentPath = target.pointer;
    }
    if (!isObject(current)) {
      this.error(
        'invalid-object',
        currentPath,
        'Expected a JSON object here. Check the OpenAPI document against the specification.',
      );
      return undefined;
    }
    return { value: current, path: currentPath };
  }
}
