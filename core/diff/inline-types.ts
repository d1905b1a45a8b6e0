import type { Attribute, NamedKind, Service } from '../ir.js';

/** A declared type of either version: what the alignment reads and renames. */
interface Declared {
  name: string;
  plural?: string;
  attributes: Attribute[];
}

const LISTS = { model: 'models', enum: 'enums', union: 'unions', interface: 'interfaces' } as const;
const KINDS = Object.keys(LISTS) as NamedKind[];

/**
 * True for a type the OpenAPI importer built from an inline schema (attribute `openapi.inline`):
 * its name is Canon's, made from an operationId, a path parameter or a property, and never
 * crosses the wire.
 */
export function isInlineType(element: { attributes?: readonly Attribute[] }): boolean {
  return inlinePointer(element) !== undefined;
}

/** Where an inline type's schema sat in its document, placeholders blanked (`/paths/~1users~1{}/…`). */
function inlinePointer(element: { attributes?: readonly Attribute[] }): string | undefined {
  const at = element.attributes?.find((a) => a.name === 'openapi')?.value.inline;
  return typeof at === 'string' ? at.replace(/\{[^}/]*\}/g, '{}') : undefined;
}

/**
 * Gives the old version's inline types the names their structural twins have in the new version,
 * so renaming an operationId or a placeholder (which renames the inline types made from it) is
 * compared as what it is on the wire: nothing. An old inline type is renamed only when no type of
 * the new version has its name and a new inline type of the same kind, with no namesake in the old
 * version, has the same structure (fields, members or values; references to inline types compare
 * equal whatever their names), or failing that was made from the same place in the document (its
 * pointer, placeholders aside). Returns `before` itself when nothing is renamed; never mutates it.
 */
export function alignInlineTypes(before: Service, after: Service): Service {
  const renames = new Map<string, string>();
  for (const kind of KINDS) {
    const list = LISTS[kind];
    const afterNames = new Set(after[list].map((t) => t.name));
    const beforeNames = new Set(before[list].map((t) => t.name));
    const gone = (before[list] as Declared[]).filter((t) => isInlineType(t) && !afterNames.has(t.name));
    if (gone.length === 0) continue;
    const fresh = new Map<string, Declared[]>();
    for (const t of after[list] as Declared[]) {
      if (!isInlineType(t) || beforeNames.has(t.name)) continue;
      const key = shape(t, after);
      fresh.set(key, [...(fresh.get(key) ?? []), t]);
    }
    const taken = new Set<Declared>();
    const unpaired: Declared[] = [];
    for (const t of gone) {
      const twin = fresh.get(shape(t, before))?.find((x) => !taken.has(x));
      if (twin) {
        taken.add(twin);
        renames.set(`${kind} ${t.name}`, twin.name);
      } else unpaired.push(t);
    }
    // Changed as well as renamed: the type made from the same place in the document.
    for (const t of unpaired) {
      const at = inlinePointer(t);
      const twin = [...fresh.values()].flat().find((x) => !taken.has(x) && inlinePointer(x) === at);
      if (twin) {
        taken.add(twin);
        renames.set(`${kind} ${t.name}`, twin.name);
      }
    }
  }
  if (renames.size === 0) return before;
  const plurals = new Map<string, string | undefined>();
  for (const kind of KINDS)
    for (const t of after[LISTS[kind]] as Declared[]) plurals.set(`${kind} ${t.name}`, t.plural);
  return rename(before, before.namespace, renames, plurals) as Service;
}

/** The structure of a declared type: everything but its name and plural, inline references blanked. */
function shape(element: Declared, home: Service): string {
  const inline = inlineNames(home);
  return JSON.stringify(element, function (key, value: unknown) {
    if (this === element && (key === 'name' || key === 'plural')) return undefined;
    if (isTypeRef(value) && value.namespace === home.namespace && inline.has(`${value.kind} ${value.name}`))
      return '<inline>';
    return value;
  });
}

const inlineCache = new WeakMap<Service, Set<string>>();

function inlineNames(service: Service): Set<string> {
  let names = inlineCache.get(service);
  if (!names) {
    names = new Set();
    for (const kind of KINDS)
      for (const t of service[LISTS[kind]] as Declared[]) if (isInlineType(t)) names.add(`${kind} ${t.name}`);
    inlineCache.set(service, names);
  }
  return names;
}

interface TypeRefLike {
  kind: NamedKind;
  name: string;
  namespace: string;
}

function isTypeRef(value: unknown): value is TypeRefLike {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<TypeRefLike>;
  return (
    typeof v.kind === 'string' &&
    v.kind in LISTS &&
    typeof v.name === 'string' &&
    typeof v.namespace === 'string'
  );
}

/**
 * A copy of `value` with references to renamed types (and their declarations) under the new names;
 * unchanged parts are shared, not copied.
 */
function rename(
  value: unknown,
  namespace: string,
  renames: ReadonlyMap<string, string>,
  plurals: ReadonlyMap<string, string | undefined>,
  declaredAs?: NamedKind,
): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const next = rename(value[i], namespace, renames, plurals, declaredAs);
      if (next === value[i]) continue;
      out ??= value.slice();
      out[i] = next;
    }
    return out ?? value;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (isTypeRef(value)) {
    const name = value.namespace === namespace ? renames.get(`${value.kind} ${value.name}`) : undefined;
    return name === undefined ? value : { ...value, name };
  }
  let out: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const kind = KINDS.find((k) => LISTS[k] === key);
    const next = rename(record[key], namespace, renames, plurals, kind);
    if (next === record[key]) continue;
    out ??= { ...record };
    out[key] = next;
  }
  if (declaredAs !== undefined && typeof record.name === 'string') {
    const id = `${declaredAs} ${record.name}`;
    const name = renames.get(id);
    if (name !== undefined) {
      out ??= { ...record };
      out.name = name;
      const plural = plurals.get(`${declaredAs} ${name}`);
      if (plural !== undefined) out.plural = plural;
    }
  }
  return out ?? value;
}
