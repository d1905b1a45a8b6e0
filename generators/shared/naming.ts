import { type Identifier, safeIdentifier, safeMemberName } from './identifier.js';

/** Splits a wire name into words at separators and lower→upper case boundaries. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '');
}

const capitalize = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * A type name: PascalCase words of the wire name (`user_form` → `UserForm`), checked.
 *
 * @example pascalCase('io.flow.v0') === 'IoFlowV0'
 */
export function pascalCase(name: string): Identifier {
  return safeIdentifier(words(name).map(capitalize).join(''));
}

/**
 * A method or property name: camelCase words of the wire name (`get_by_id` → `getById`), checked.
 * Keywords are fine as member names (`delete`); `constructor`, `__proto__` and `prototype` get
 * a `_` suffix.
 */
export function camelCase(name: string): Identifier {
  const parts = words(name);
  const [first = '', ...rest] = parts;
  return safeMemberName(first.charAt(0).toLowerCase() + first.slice(1) + rest.map(capitalize).join(''));
}

/**
 * Hands out unique names in one scope: the first request for a name gets it, later distinct
 * owners get `Name2`, `Name3`, … in request order, so the result is deterministic.
 */
export class UniqueNames {
  readonly #taken = new Set<string>();
  readonly #byKey = new Map<string, Identifier>();

  constructor(reserved: Iterable<string> = []) {
    for (const name of reserved) this.#taken.add(name);
  }

  /** The unique name for `key` (an owner such as a qualified wire name), derived from `wanted`. */
  claim(key: string, wanted: Identifier): Identifier {
    const existing = this.#byKey.get(key);
    if (existing) return existing;
    let name = wanted;
    for (let n = 2; this.#taken.has(name); n++) name = `${wanted}${n}` as Identifier;
    this.#taken.add(name);
    this.#byKey.set(key, name);
    return name;
  }

  get(key: string): Identifier | undefined {
    return this.#byKey.get(key);
  }
}
