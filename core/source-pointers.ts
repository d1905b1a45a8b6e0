import { pointer } from './diagnostic.js';
import type { SourcePointers } from './load.js';

/**
 * Records where IR elements came from at the cost of a few array pushes per element, or per list
 * for the items of a list. Neither the
 * lookup map nor the pointer strings exist until the first `get`, which on a clean spec never
 * happens (validators look up only the elements they report). Building a pointer string and a Map
 * entry per element eagerly cost more than the rest of parsing a large service.json, mostly in
 * garbage collection: the strings outlive the scavenges that run while the document is parsed.
 */
export class LazySourcePointers implements SourcePointers {
  private elements: object[] = [];
  /** The element's pointer, or its parent's when `segments` holds the last segment. */
  private bases: string[] = [];
  private segments: (string | number | undefined)[] = [];
  /** Lists whose item `i` is at `listBases[k]/i`: one entry per list, not per item. */
  private lists: (readonly object[])[] = [];
  private listBases: string[] = [];
  private map: Map<object, string> | undefined;

  set(element: object, path: string): this {
    return this.setChild(element, path, undefined);
  }

  /** Records `element` at `base/segment` without joining the two yet. */
  setChild(element: object, base: string, segment: string | number | undefined): this {
    if (this.map) this.map.set(element, segment === undefined ? base : pointer(base, segment));
    else {
      this.elements.push(element);
      this.bases.push(base);
      this.segments.push(segment);
    }
    return this;
  }

  /** Records that item `i` of `items` is at `base/i`, for every `i`. */
  setItems(items: readonly object[], base: string): this {
    if (this.map) for (let i = 0; i < items.length; i++) this.map.set(items[i]!, pointer(base, i));
    else if (items.length > 0) {
      this.lists.push(items);
      this.listBases.push(base);
    }
    return this;
  }

  get(element: object): string | undefined {
    return this.materialize().get(element);
  }

  private materialize(): Map<object, string> {
    if (this.map) return this.map;
    const map = new Map<object, string>();
    for (let k = 0; k < this.lists.length; k++) {
      const items = this.lists[k]!;
      for (let i = 0; i < items.length; i++) map.set(items[i]!, pointer(this.listBases[k]!, i));
    }
    // Single elements after lists: where both record one element, the single record is the later.
    for (let i = 0; i < this.elements.length; i++) {
      const segment = this.segments[i];
      map.set(this.elements[i]!, segment === undefined ? this.bases[i]! : pointer(this.bases[i]!, segment));
    }
    this.map = map;
    this.elements = [];
    this.bases = [];
    this.segments = [];
    this.lists = [];
    this.listBases = [];
    return map;
  }
}
