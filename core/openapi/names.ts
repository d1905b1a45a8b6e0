/**
 * Turning OpenAPI names (component keys, operationIds, generated hints) into IR type names.
 *
 * IR type names follow API Builder: `[A-Za-z0-9_.-]`, starting with a letter (or `_` plus one more
 * character). Valid names are kept exactly, so `issuing.card` or `io.k8s.api.core.v1.Pod` survive;
 * other characters become `_`. Wire names (fields, enum values, parameters) are never renamed.
 */

const VALID = /^(?:[A-Za-z]|_[A-Za-z0-9_.-])[A-Za-z0-9_.-]*$/;
/** Names with these segments would read as qualified names (`x.models.y`) in type strings. */
const QUALIFIED = /\.(?:models|enums|unions|interfaces)\./;

/** True when `name` is usable unchanged as an IR type name. */
export function isValidTypeName(name: string): boolean {
  return VALID.test(name) && !QUALIFIED.test(name);
}

/** The closest valid IR type name: invalid characters become `_`, a leading non-letter gets `_`. */
export function toTypeName(raw: string): string {
  if (isValidTypeName(raw)) return raw;
  let name = raw.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(QUALIFIED, (m) => m.replaceAll('.', '_'));
  name = name.replace(/^_+(?=[^A-Za-z0-9])/, '');
  if (name === '' || name === '_') return 'unnamed';
  if (!/^[A-Za-z]/.test(name)) name = name.startsWith('_') ? name : `_${name}`;
  return isValidTypeName(name) ? name : 'unnamed';
}

const VALUE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** An identifier-like name for an enum value whose wire value may be anything (`+1`, ``, `in progress`). */
export function toValueName(value: string): string {
  // Most wire values (`active`, `past_due`) are already names: one test instead of two rewrites.
  if (VALUE_NAME.test(value)) return value === '_' ? 'value' : value;
  const name = value.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[^A-Za-z_]+/, '');
  return name === '' || name === '_' ? 'value' : name;
}

/**
 * Hands out unique names. Names are compared case-insensitively, since generators turn them into
 * PascalCase identifiers and file names where `Foo` and `foo` would collide.
 */
export class NameTable {
  private readonly taken = new Set<string>();

  /** Reserves `name` exactly if free, else `name_2`, `name_3`, …; returns the name given out. */
  claim(name: string): string {
    let candidate = name;
    let folded = fold(candidate);
    for (let n = 2; this.taken.has(folded); n++) {
      candidate = `${name}_${n}`;
      folded = fold(candidate);
    }
    this.taken.add(folded);
    return candidate;
  }

  has(name: string): boolean {
    return this.taken.has(fold(name));
  }
}

function fold(name: string): string {
  return name.toLowerCase().replace(/[-_.]/g, '');
}
