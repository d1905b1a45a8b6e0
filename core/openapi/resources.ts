import { pointer } from '../diagnostic.js';
import type { Method, Operation, Resource, TypeRef } from '../ir.js';
import type { ImportContext } from './context.js';
import { describe } from './describe.js';
import { extAttributes, extensionOf } from './extensions.js';
import { asArray, asNumber, asString, entries, isObject, type Json } from './json.js';
import { toTypeName } from './names.js';
import { buildOperation } from './operation.js';
import { typeFromText } from './type-text.js';

const METHODS: readonly Method[] = ['GET', 'PUT', 'POST', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH', 'TRACE'];

interface Group {
  resource: Resource;
  /** Operation and its `x-canon` position, for restoring the exporter's order. */
  operations: [Operation, number][];
}

/**
 * Groups operations into resources. Exported documents name their resource in `x-canon`;
 * other documents group by the operation's first tag, else by the first path segment that is
 * not a version (`/v1/customers/{id}` → `customers`). A resource's type is the model of the same
 * name when there is one; otherwise an unresolved name equal to the group (OpenAPI has no notion
 * of a resource's type; the name keeps resources apart for diff and naming).
 */
export function buildResources(ctx: ImportContext, doc: Json): Resource[] {
  const declared = declaredResources(ctx, doc);
  const groups = new Map<string, Group>();
  const used = new Set<string>();
  const tagDescriptions = new Map<string, string>();
  for (const tag of asArray(doc.tags)) {
    if (isObject(tag) && typeof tag.name === 'string' && typeof tag.description === 'string')
      tagDescriptions.set(tag.name, tag.description);
  }
  for (const [template, rawItem] of entries(doc.paths)) {
    const itemPath = pointer('/paths', template);
    const resolved = ctx.deref(rawItem, itemPath);
    if (!resolved) continue;
    const item = resolved.value;
    // Methods in document order, so operations keep the order their authors wrote.
    for (const [methodKey, op] of Object.entries(item)) {
      const method = METHODS.find((m) => m.toLowerCase() === methodKey);
      if (method === undefined) continue;
      const opPath = pointer(itemPath, methodKey);
      if (!isObject(op)) {
        ctx.error('invalid-operation', opPath, 'An operation must be an object.');
        continue;
      }
      const operation = buildOperation(ctx, op, opPath, method, template, item, itemPath);
      const ext = extensionOf(op);
      const index = asNumber(ext?.resource);
      const key = index !== undefined && declared[index] ? `#${index}` : groupKey(op, template);
      let group = groups.get(key);
      if (!group) {
        const resource =
          index !== undefined && declared[index]
            ? declared[index]!
            : newResource(ctx, key, tagDescriptions, used);
        group = { resource, operations: [] };
        groups.set(key, group);
      }
      group.operations.push([operation, asNumber(ext?.position) ?? group.operations.length]);
    }
    if (item.servers !== undefined)
      ctx.warn(
        'path-servers',
        pointer(itemPath, 'servers'),
        'Servers for one path have no IR form; the service base URL is used.',
      );
  }
  const resources: Resource[] = [];
  const ordered = [...groups.entries()].sort(([a], [b]) => declaredOrder(a) - declaredOrder(b));
  for (const [key, group] of ordered) {
    group.operations.sort((a, b) => a[1] - b[1]);
    group.resource.operations = group.operations.map(([op]) => op);
    if (!key.startsWith('#')) {
      const prefix = commonPrefix(group.resource.operations.map((op) => op.path));
      if (prefix !== '') group.resource.path = prefix;
    }
    resources.push(group.resource);
  }
  return resources;
}

/** Declared (exported) resources sort first in their declared order; discovered ones keep document order. */
function declaredOrder(key: string): number {
  return key.startsWith('#') ? Number(key.slice(1)) : Number.MAX_SAFE_INTEGER;
}

function declaredResources(ctx: ImportContext, doc: Json): (Resource | undefined)[] {
  const list = asArray(extensionOf(doc)?.resources);
  return list.map((r, i) => {
    if (!isObject(r)) return undefined;
    const resource: Resource = {
      type: typeFromText(ctx, asString(r.type) ?? ''),
      plural: asString(r.plural) ?? '',
      operations: [],
      attributes: extAttributes(r) ?? [],
    };
    const path = asString(r.path);
    if (path !== undefined) resource.path = path;
    describe(resource, { description: r.description, 'x-canon': r });
    return ctx.at(resource, pointer('/x-canon/resources', i));
  });
}

function newResource(
  ctx: ImportContext,
  key: string,
  tagDescriptions: Map<string, string>,
  used: Set<string>,
): Resource {
  const group = key.slice(key.indexOf(':') + 1);
  const resource: Resource = {
    type: resourceType(ctx, group, used),
    plural: toTypeName(group),
    operations: [],
    attributes: [],
  };
  const description = key.startsWith('tag:') ? tagDescriptions.get(group) : undefined;
  if (description !== undefined) resource.description = description;
  return resource;
}

const modelNames = new WeakMap<ImportContext, Set<string>>();

function resourceType(ctx: ImportContext, group: string, used: Set<string>): TypeRef {
  let names = modelNames.get(ctx);
  if (!names) {
    names = new Set(ctx.models.map((m) => m.name));
    modelNames.set(ctx, names);
  }
  const candidates = [group, group.replace(/ies$/, 'y'), group.replace(/s$/, '')];
  for (const candidate of candidates) {
    if (names.has(candidate) && !used.has(candidate)) {
      used.add(candidate);
      return ctx.named('model', candidate);
    }
  }
  return { kind: 'unknown', name: toTypeName(group) };
}

function groupKey(op: Json, template: string): string {
  const tag = asArray(op.tags).find((t): t is string => typeof t === 'string' && t !== '');
  if (tag !== undefined) return `tag:${tag}`;
  const segment = template
    .split('/')
    .map((s) => s.replace(/\.json$/, ''))
    .find(
      (s) => s !== '' && !s.includes('{') && !/^v\d+(\.\d+)*$/i.test(s) && !/^\d{4}-\d{2}-\d{2}$/.test(s),
    );
  return `path:${segment ?? 'root'}`;
}

/** The longest leading run of literal segments all paths share (`/v1/customers`). */
function commonPrefix(paths: string[]): string {
  const split = paths.map((p) => p.split('/').filter((s) => s !== ''));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length && !first[n]!.startsWith(':') && split.every((s) => s[n] === first[n])) n++;
  return n === 0 ? '' : `/${first.slice(0, n).join('/')}`;
}
