/** Up to this many entries a scan is cheaper than hashing, and allocates nothing. */
const SCAN_LIMIT = 32;

/**
 * A set of strings for one short list at a time (the fields of a model, the values of an enum, the
 * annotations of a field), reused from list to list: a new Set per list was most of what these
 * checks allocated. It compares with the earlier entries while the list is short and switches to a
 * Set when a list (a generated or hostile spec) is long enough for scanning to go quadratic.
 *
 * @example
 * const seen = new ShortListSet();
 * for (const model of models) {
 *   seen.clear();
 *   for (const field of model.fields) {
 *     if (seen.has(field.name)) report(field);
 *     seen.add(field.name);
 *   }
 * }
 */
export class ShortListSet {
  private readonly entries: string[] = [];
  private size = 0;
  private large: Set<string> | undefined;

  /** Forgets the previous list. */
  clear(): void {
    this.size = 0;
    this.large = undefined;
  }

  has(value: string): boolean {
    if (this.large !== undefined) return this.large.has(value);
    for (let i = 0; i < this.size; i++) if (this.entries[i] === value) return true;
    return false;
  }

  add(value: string): void {
    if (this.large !== undefined) {
      this.large.add(value);
    } else if (!this.has(value)) {
      if (this.size === SCAN_LIMIT) {
        this.large = new Set(this.entries);
        this.large.add(value);
      } else {
        this.entries[this.size++] = value;
      }
    }
  }
}
