import type { CompatibilityPolicy, DifferenceType } from './difference-types.js';
import { isCompatibleDifference } from './difference-types.js';
import { type JsonSchema, type Located, type ReferencedDocuments, resolve } from './schema-refs.js';

/** One difference between two schemas, where it is (`#/properties/name`) and what it is. */
export interface Difference {
  type: DifferenceType;
  /** JSON pointer into the new schema (into the old one for what was removed), `#`-prefixed. */
  path: string;
  before?: unknown;
  after?: unknown;
}

export type SchemaObject = Record<string, unknown>;

/** What a comparison carries down the two documents. */
export class CompareContext {
  readonly differences: Difference[] = [];
  /** Pairs of schemas under comparison: a recursive `$ref` met again compares as equal. */
  readonly #inProgress = new Map<unknown, Set<unknown>>();

  constructor(
    readonly originalReferences: ReferencedDocuments,
    readonly updateReferences: ReferencedDocuments,
  ) {}

  add(type: DifferenceType, path: string, before?: unknown, after?: unknown): void {
    const difference: Difference = { type, path };
    if (before !== undefined) difference.before = before;
    if (after !== undefined) difference.after = after;
    this.differences.push(difference);
  }

  resolveOriginal(located: Located, path: string): Located {
    return resolve(located, this.originalReferences, path);
  }

  resolveUpdate(located: Located, path: string): Located {
    return resolve(located, this.updateReferences, path);
  }

  /** Runs `compare` unless this pair is already being compared further up (a cycle). */
  once(original: unknown, update: unknown, compare: () => void): void {
    let partners = this.#inProgress.get(original);
    if (partners?.has(update)) return;
    if (!partners) {
      partners = new Set();
      this.#inProgress.set(original, partners);
    }
    partners.add(update);
    try {
      compare();
    } finally {
      partners.delete(update);
    }
  }

  /** A comparison of two subschemas on its own, to judge them without reporting (content models). */
  fork(): CompareContext {
    const forked = new CompareContext(this.originalReferences, this.updateReferences);
    for (const [original, partners] of this.#inProgress) forked.#inProgress.set(original, new Set(partners));
    return forked;
  }

  /** A fresh comparison with the two sides swapped (the update as the writer). */
  reversed(): CompareContext {
    return new CompareContext(this.updateReferences, this.originalReferences);
  }

  /** True when some difference is more than an annotation (title, description, default, id). */
  substantive(): boolean {
    return this.differences.some((d) => !ANNOTATION_TYPES.has(d.type));
  }

  compatible(policy: CompatibilityPolicy = 'STRICT'): boolean {
    return this.differences.every((d) => isCompatibleDifference(d.type, policy));
  }
}

const ANNOTATION_TYPES: ReadonlySet<string> = new Set([
  'ID_CHANGED',
  'TITLE_CHANGED',
  'DESCRIPTION_CHANGED',
  'DEFAULT_CHANGED',
]);

/** `true` and `{}` accept everything; both read as an object here. */
export function asObject(schema: JsonSchema): SchemaObject {
  if (schema === true) return {};
  if (schema === false) return { not: {} };
  return schema;
}

/** True for a schema that accepts every value (`true`, `{}`, or only annotations). */
export function acceptsEverything(schema: unknown): boolean {
  if (schema === true || schema === undefined) return true;
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return false;
  return Object.keys(schema).every((key) => ANNOTATIONS.has(key));
}

/** True for `false` (or `{"not": {}}`): a schema nothing matches. */
export function acceptsNothing(schema: unknown): boolean {
  if (schema === false) return true;
  if (typeof schema !== 'object' || schema === null) return false;
  const keys = Object.keys(schema).filter((k) => !ANNOTATIONS.has(k));
  return keys.length === 1 && keys[0] === 'not' && acceptsEverything((schema as SchemaObject).not);
}

export const ANNOTATIONS = new Set([
  '$schema',
  '$id',
  'id',
  '$comment',
  '$anchor',
  '$dynamicAnchor',
  '$vocabulary',
  'title',
  'description',
  'default',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$defs',
  'definitions',
]);

export const pointerSegment = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');
export const child = (path: string, ...keys: (string | number)[]) =>
  [path, ...keys.map((k) => pointerSegment(String(k)))].join('/');
