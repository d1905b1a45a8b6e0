import { type Identifier, safeIdentifier, safeMemberName } from './identifier.js';

/** Splits a wire name into words at separators and lower→upper case boundaries. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '');
}

/**
 * The words of `name`, as `words` splits it, joined: each capitalized, except that the first is
 * lowered instead with `lowerFirst`. One pass that builds no arrays: type, method and stem names
 * are made for every type and operation of a spec (Stripe's run through this ~20,000 times).
 */
function joinedWords(name: string, lowerFirst: boolean): string {
  let out = '';
  let wordStart = true;
  let firstWord = true;
  let afterLowerOrDigit = false;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const upper = c >= 65 && c <= 90;
    const lower = c >= 97 && c <= 122;
    const digit = c >= 48 && c <= 57;
    if (!upper && !lower && !digit) {
      wordStart = true;
      afterLowerOrDigit = false;
      continue;
    }
    // `userId`, `v2Api`: an upper-case letter after a lower-case one or a digit starts a word.
    if (upper && afterLowerOrDigit) wordStart = true;
    let char = name.charAt(i);
    if (wordStart) {
      char = firstWord && lowerFirst ? char.toLowerCase() : char.toUpperCase();
      firstWord = false;
      wordStart = false;
    }
    out += char;
    afterLowerOrDigit = lower || digit;
  }
  return out;
}

/**
 * A type name: PascalCase words of the wire name (`user_form` → `UserForm`), checked.
 *
 * @example pascalCase('io.flow.v0') === 'IoFlowV0'
 */
export function pascalCase(name: string): Identifier {
  return safeIdentifier(joinedWords(name, false));
}

/**
 * A method or property name: camelCase words of the wire name (`get_by_id` → `getById`), checked.
 * Keywords are fine as member names (`delete`); `constructor`, `__proto__` and `prototype` get
 * a `_` suffix.
 */
export function camelCase(name: string): Identifier {
  return safeMemberName(joinedWords(name, true));
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
    const name = this.take(wanted);
    this.#byKey.set(key, name);
    return name;
  }

  /** A unique name derived from `wanted`, owned by nobody to look it up by later. */
  take(wanted: Identifier): Identifier {
    let name = wanted;
    for (let n = 2; this.#taken.has(name); n++) name = `${wanted}${n}` as Identifier;
    this.#taken.add(name);
    return name;
  }

  get(key: string): Identifier | undefined {
    return this.#byKey.get(key);
  }
}
