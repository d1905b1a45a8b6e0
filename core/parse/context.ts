import { type Diagnostic, pointer } from '../diagnostic.js';
import type { NamedKind, TypeRef } from '../ir.js';
import { LazySourcePointers } from '../source-pointers.js';
import { parseTypeString, splitQualifiedName } from '../type-ref.js';
import { type Json, preview, readList } from './read.js';

/**
 * State shared by one parse: the diagnostics found, where each IR element came from, and type
 * resolution against the service's own names (each distinct type string is parsed once).
 */
export class ParseContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly pointers = new LazySourcePointers();
  private readonly localKinds = new Map<string, NamedKind>();
  private readonly typeCache = new Map<string, TypeRef>();

  constructor(readonly namespace: string) {}

  /** Records a local type name; the first kind declared wins (duplicates are a validation error). */
  declare(name: string, kind: NamedKind): void {
    if (!this.localKinds.has(name)) this.localKinds.set(name, kind);
  }

  /** Remembers where `element` came from and returns it. */
  at<T extends object>(element: T, path: string): T {
    this.pointers.set(element, path);
    return element;
  }

  /** Remembers that `element` is at `base/segment`, joining the two only if someone asks. */
  atChild<T extends object>(element: T, base: string, segment: string | number): T {
    this.pointers.setChild(element, base, segment);
    return element;
  }

  /**
   * Reads the list at `base` (fields, parameters, responses, …) with `read(item, index)` and
   * remembers that item `i` came from `base/i`: one record per list, no string per item.
   */
  items<T extends object>(value: unknown, base: string, read: (item: Json, index: number) => T): T[] {
    const items = readList(value, read);
    this.pointers.setItems(items, base);
    return items;
  }

  report(code: string, path: string, message: string, severity?: 'warning'): void {
    this.diagnostics.push(severity ? { code, path, message, severity } : { code, path, message });
  }

  /**
   * Parses the type string of the element at `base/segment` (its `type` member; `key` names
   * another member, `''` the element itself). A malformed or missing type becomes
   * `{ kind: 'unknown', name: '' }` after an `invalid-type` diagnostic; a well-formed name that
   * resolves to nothing becomes `{ kind: 'unknown', name }`, which validation reports as
   * `unknown-type`. The pointer is only joined when there is something to report.
   */
  type(value: unknown, base: string, segment?: string | number, key = 'type'): TypeRef {
    if (typeof value !== 'string') {
      this.report(
        'invalid-type',
        memberPointer(base, segment, key),
        value === undefined
          ? 'Missing type. Add a "type", e.g. "string" or a model name.'
          : `type must be a string such as "string" or "[user]", not ${preview(value)}.`,
      );
      return { kind: 'unknown', name: '' };
    }
    const cached = this.typeCache.get(value);
    if (cached) return cached;
    const parsed = parseTypeString(value, this.resolveName);
    if (!parsed) {
      this.report(
        'invalid-type',
        memberPointer(base, segment, key),
        `type[${value}] is not well formed. Use a name, [T] for a list or map[T] for a map.`,
      );
      return { kind: 'unknown', name: '' };
    }
    this.typeCache.set(value, parsed);
    return parsed;
  }

  // A bound field, not an arrow inside `type`: a closure there makes V8 allocate a context on every
  // call, cached or not (40 bytes × every typed element).
  private readonly resolveName = (name: string): TypeRef => {
    const kind = this.localKinds.get(name);
    if (kind) return { kind, name, namespace: this.namespace };
    return splitQualifiedName(name) ?? { kind: 'unknown', name };
  };
}

/**
 * The pointer of member `key` of the element at `base/segment` (the element is at `base` without a
 * segment; `key` `''` means the element itself).
 */
export function memberPointer(base: string, segment: string | number | undefined, key: string): string {
  const element = segment === undefined ? base : pointer(base, segment);
  return key === '' ? element : pointer(element, key);
}
