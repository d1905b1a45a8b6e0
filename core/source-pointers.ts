import { pointer } from './diagnostic.js';

/**
 * Where each IR element came from: element object → JSON pointer into the source document.
 * (A `Map` in practice: a `WeakMap` costs several times more to fill, and the pointers live exactly
 * as long as the load result anyway.)
 */
export interface SourcePointers {
  get(element: object): string | undefined;
  set(element: object, pointer: string): unknown;
}

/**
 * Records where IR elements came from at the cost of a few array pushes per element, or per list
 * for the items of a list. No pointer string exists until someone asks for that element's, and the
 * lookup index (element → record number) is built on the first `get`, which on a clean spec never
 * happens (validators look up only the elements they report). Building a pointer string and a Map
 * entry per element eagerly cost more than the rest of parsing a large service.json, mostly in
 * garbage collection; a diff that reports 200 changes in Flow's API asks for 200 of 15,000.
 */
export class LazySourcePointers implements SourcePointers {
  private readonly elements: object[] = [];
  /** The element's pointer, or its parent's when `segments` holds the last segment. */
  private readonly bases: string[] = [];
  private readonly segments: (string | number | undefined)[] = [];
  /** Lists whose item `i` is at `listBases[k]/i`: one record per list, not per item. */
  private readonly lists: (readonly object[])[] = [];
  private readonly listBases: string[] = [];
  /** Item `i` of list `k` has the record number `listStarts[k] + i`. */
  private readonly listStarts: number[] = [];
  private items = 0;
  /** Element → record number: `-(j + 1)` for single element `j`, ≥ 0 for a list item. */
  private index: Map<object, number> | undefined;

  set(element: object, path: string): this {
    return this.setChild(element, path, undefined);
  }

  /** Records `element` at `base/segment` without joining the two yet. */
  setChild(element: object, base: string, segment: string | number | undefined): this {
    this.elements.push(element);
    this.bases.push(base);
    this.segments.push(segment);
    this.index?.set(element, -this.elements.length);
    return this;
  }

  /** Records that item `i` of `items` is at `base/i`, for every `i`. */
  setItems(items: readonly object[], base: string): this {
    if (items.length === 0) return this;
    this.lists.push(items);
    this.listBases.push(base);
    this.listStarts.push(this.items);
    if (this.index) for (let i = 0; i < items.length; i++) this.index.set(items[i]!, this.items + i);
    this.items += items.length;
    return this;
  }

  get(element: object): string | undefined {
    const record = this.indexed().get(element);
    if (record === undefined) return undefined;
    if (record < 0) {
      const j = -record - 1;
      const segment = this.segments[j];
      return segment === undefined ? this.bases[j] : pointer(this.bases[j]!, segment);
    }
    const k = this.listOf(record);
    return pointer(this.listBases[k]!, record - this.listStarts[k]!);
  }

  private indexed(): Map<object, number> {
    if (this.index) return this.index;
    const index = new Map<object, number>();
    for (let k = 0; k < this.lists.length; k++) {
      const items = this.lists[k]!;
      const start = this.listStarts[k]!;
      for (let i = 0; i < items.length; i++) index.set(items[i]!, start + i);
    }
    // Single elements after lists: where both record one element, the single record wins.
    for (let j = 0; j < this.elements.length; j++) index.set(this.elements[j]!, -(j + 1));
    this.index = index;
    return index;
  }

  /** The list holding item record `record`: the last list that starts at or before it. */
  private listOf(record: number): number {
    let low = 0;
    let high = this.listStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.listStarts[mid]! <= record) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}
