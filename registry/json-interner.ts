/**
 * Hash-consing for JSON values: equal subtrees (same keys in the same order, same values) come out
 * as one shared, frozen-by-convention instance. The registry interns every IR it diffs, so that
 * the diff engine's equality check (`a === b` first) passes over everything two versions share in
 * constant time: a transitive check against 100 versions then costs what their differences cost.
 *
 * Interning never changes a value, only which object holds it; IRs are immutable in the registry,
 * so sharing is safe. The table is bounded: when full it starts over, which only loses sharing.
 */
export class JsonInterner {
  #ids = new Map<string, number>();
  #values: unknown[] = [];
  #idOf = new WeakMap<object, number>();

  constructor(readonly maxEntries = 1_000_000) {}

  /** The interned equivalent of `value` (a new or an earlier, shared object). */
  intern<T>(value: T): T {
    if (this.#values.length > this.maxEntries) {
      this.#ids = new Map();
      this.#values = [];
      this.#idOf = new WeakMap();
    }
    return this.#visit(value).value as T;
  }

  #visit(value: unknown): { token: string; value: unknown } {
    if (value === null || typeof value !== 'object') return { token: JSON.stringify(value) ?? 'u', value };
    const known = this.#idOf.get(value);
    if (known !== undefined) return { token: `#${known}`, value };
    let key: string;
    let fresh: unknown;
    if (Array.isArray(value)) {
      const items = value.map((item) => this.#visit(item));
      key = `[${items.map((i) => i.token).join(',')}]`;
      fresh = items.map((i) => i.value);
    } else {
      const entries = Object.entries(value).map(([k, v]) => [k, this.#visit(v)] as const);
      key = `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v.token}`).join(',')}}`;
      fresh = Object.fromEntries(entries.map(([k, v]) => [k, v.value]));
    }
    let id = this.#ids.get(key);
    if (id === undefined) {
      id = this.#values.length;
      this.#ids.set(key, id);
      this.#values.push(fresh);
      this.#idOf.set(fresh as object, id);
    }
    return { token: `#${id}`, value: this.#values[id] };
  }
}

/** The interner shared by everything in this process that diffs stored IRs. */
export const IR_INTERNER = new JsonInterner();
