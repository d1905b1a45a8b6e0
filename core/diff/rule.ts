import type {
  Annotation,
  Attribute,
  Body,
  Deprecation,
  Enum,
  EnumValue,
  Field,
  Header,
  Import,
  Interface,
  Model,
  Operation,
  Parameter,
  Resource,
  Response,
  Service,
  Union,
  UnionMember,
} from '../ir.js';
import type { ChangeLevel } from './change.js';
import type { Usage } from './direction.js';

/** What every element may carry; the generic rules (descriptions, deprecations, attributes) read it. */
export interface Annotated {
  description?: string;
  deprecation?: Deprecation;
  attributes?: Attribute[];
  plural?: string;
  interfaces?: string[];
}

/** The elements the diff matches, by the kind a rule declares it inspects. */
export interface ElementTypes {
  service: Service;
  import: Import;
  annotation: Annotation;
  header: Header;
  enum: Enum;
  'enum-value': EnumValue;
  union: Union;
  'union-member': UnionMember;
  interface: Interface;
  model: Model;
  field: Field;
  resource: Resource;
  operation: Operation;
  body: Body;
  parameter: Parameter;
  response: Response;
  'response-header': Header;
  /** Every element above, for rules that apply to all of them. */
  any: Annotated;
}

export type ElementKind = keyof ElementTypes;

/**
 * Two versions of one element, matched by name (or by method and path, code, type). One side is
 * absent when the element was added or removed.
 */
export interface Pair<T> {
  kind: Exclude<ElementKind, 'any'>;
  before: T | undefined;
  after: T | undefined;
  /** Names path: `models/user/fields/email`. */
  path: string;
  /** How messages name the element: `field 'email' of model 'user'`. */
  label: string;
  /** Who sends values of this element: clients (input), the service (output), or both. */
  usage: Usage;
  /** The old element, or one of its ancestors, was deprecated. */
  deprecated: boolean;
  /** The label of the deprecated element (this one or an ancestor), when `deprecated`. */
  deprecatedBy: string | undefined;
  /** Namespaces of the two services, to compare local type names across a namespace change. */
  namespaces: { before: string; after: string };
  /** `[before, after]` when both exist (built once per pair; read it through `both`). */
  sides: [T, T] | undefined;
  /** The elements this one sits in, on each side (an enum value's enum). */
  parent?: { before: object; after: object };
}

/** What a rule says about one pair; `at` appends a segment to the pair's path. */
export interface Verdict {
  message: string;
  before?: string;
  after?: string;
  at?: string;
}

/**
 * A diff rule: a stable id, a fixed level, what it means, and the check that finds it. Rules whose
 * verdict depends on direction come in pairs (`response-field-removed` breaking,
 * `request-field-removed` warning), each checking the usage it applies to.
 */
export interface DiffRule<K extends ElementKind = ElementKind> {
  id: string;
  level: ChangeLevel;
  description: string;
  elements: readonly K[];
  check(pair: Pair<ElementTypes[K]>): Verdict | readonly Verdict[] | undefined;
}

/** Any rule, whatever elements it inspects (the walker hands each rule only its own kinds). */
export interface AnyDiffRule {
  id: string;
  level: ChangeLevel;
  description: string;
  elements: readonly ElementKind[];
  check(pair: never): Verdict | readonly Verdict[] | undefined;
}

/** Declares a rule with its element types inferred. */
export function rule<K extends ElementKind>(definition: DiffRule<K>): DiffRule<K> {
  return definition;
}

/** Shows a value in a message: quoted, cut at 80 characters. */
export function show(value: string | number | boolean | undefined): string {
  if (value === undefined) return 'none';
  const text = String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** The pair when the element exists on both sides. */
export function both<T>(pair: Pair<T>): [T, T] | undefined {
  return pair.sides;
}

/** The old element when it was removed. */
export function removed<T>(pair: Pair<T>): T | undefined {
  return pair.after === undefined ? pair.before : undefined;
}

/** The new element when it was added. */
export function added<T>(pair: Pair<T>): T | undefined {
  return pair.before === undefined ? pair.after : undefined;
}
