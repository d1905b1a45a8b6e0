import { pointer } from './diagnostic.js';
import type { SourcePointers } from './load.js';

/**
 * Records where IR elements came from at the cost of three array pushes per element. Neither the
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

  get(element: object): string | undefined {
    if (!this.map) {
      const map = new Map<object, string>();
      for (let i = 0; i < this.elements.length; i++) {
        const segment = this.segments[i];
        map.set(this.elements[i]!, segment === undefined ? this.bases[i]! : pointer(this.bases[i]!, segment));
      }
      this.map = map;
      this.elements = [];
      this.bases = [];
      this.segments = [];
    }
    return this.map.get(element);
  }
}
