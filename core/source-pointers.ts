import type { SourcePointers } from './load.js';

/**
 * Records where IR elements came from at the cost of two array pushes per element; the lookup
 * map is built on the first `get`, which on a clean spec never happens (validators only look up
 * the elements they report). Filling a Map or WeakMap eagerly cost more than the rest of parsing
 * a large service.json.
 */
export class LazySourcePointers implements SourcePointers {
  private elements: object[] = [];
  private paths: string[] = [];
  private map: Map<object, string> | undefined;

  set(element: object, pointer: string): this {
    if (this.map) this.map.set(element, pointer);
    else {
      this.elements.push(element);
      this.paths.push(pointer);
    }
    return this;
  }

  get(element: object): string | undefined {
    if (!this.map) {
      this.map = new Map();
      for (let i = 0; i < this.elements.length; i++) this.map.set(this.elements[i]!, this.paths[i]!);
      this.elements = [];
      this.paths = [];
    }
    return this.map.get(element);
  }
}
