/**
 * A least-recently-used map bounded by a total weight (bytes, or 1 per entry). Only for values
 * that never change under their key (documents by ETag, IRs by content hash), so it never needs
 * invalidating, and several registry processes may each keep their own.
 */
export class LruCache<V> {
  readonly #entries = new Map<string, { value: V; weight: number }>();
  #total = 0;

  constructor(
    readonly maxWeight: number,
    readonly weigh: (value: V) => number = () => 1,
  ) {}

  get(key: string): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.value;
  }

  set(key: string, value: V): void {
    const weight = this.weigh(value);
    if (weight > this.maxWeight) return;
    const old = this.#entries.get(key);
    if (old) {
      this.#total -= old.weight;
      this.#entries.delete(key);
    }
    this.#entries.set(key, { value, weight });
    this.#total += weight;
    for (const [oldest, entry] of this.#entries) {
      if (this.#total <= this.maxWeight) break;
      this.#entries.delete(oldest);
      this.#total -= entry.weight;
    }
  }
}
