import { at, type DocOperation, type Json, type JsonObject } from './openapi-operations.js';

/** The constructs the wire conformance suite must cover in every operation that has them. */
export type Feature = 'untagged-union' | 'nullable' | 'form-body' | 'multipart-body' | 'parameter-style';

export const FEATURES: readonly Feature[] = [
  'untagged-union',
  'nullable',
  'form-body',
  'multipart-body',
  'parameter-style',
];

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SCHEMA_CHILDREN = ['items', 'additionalProperties', 'not'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];

/** Whether a parameter's schema (through one `$ref`) is a list, an object or a union. */
function isStructured(doc: Json, schema: Json | undefined): boolean {
  const target = isObject(schema) && typeof schema.$ref === 'string' ? at(doc, schema.$ref) : schema;
  if (!isObject(target)) return false;
  return ['type', 'properties', 'anyOf', 'oneOf'].some((key) =>
    key === 'type' ? target.type === 'array' || target.type === 'object' : target[key] !== undefined,
  );
}

/** The features an operation's schemas reach (in the original document), through any `$ref`. */
export function operationFeatures(doc: Json, op: DocOperation): Set<Feature> {
  const features = new Set<Feature>();
  const seen = new Set<Json>();
  const visit = (node: Json | undefined) => {
    if (!isObject(node) || seen.has(node)) return;
    seen.add(node);
    if (typeof node.$ref === 'string') visit(at(doc, node.$ref));
    if (node.nullable === true || node['x-nullable'] === true) features.add('nullable');
    for (const key of ['anyOf', 'oneOf']) {
      const members = node[key];
      if (!Array.isArray(members) || node.discriminator !== undefined) continue;
      const real = members.filter(
        (m) =>
          !(isObject(m) && m.type === 'null') &&
          !(isObject(m) && m.nullable === true && Object.keys(m).length === 1),
      );
      if (real.length > 1) features.add('untagged-union');
      if (real.length < members.length) features.add('nullable');
    }
    if (Array.isArray(node.type) && node.type.includes('null')) features.add('nullable');
    for (const key of SCHEMA_CHILDREN) visit(node[key]);
    for (const key of SCHEMA_LISTS) {
      const list = node[key];
      if (Array.isArray(list)) for (const item of list) visit(item);
    }
    if (isObject(node.properties)) for (const value of Object.values(node.properties)) visit(value);
  };
  for (const p of op.parameters) {
    const schema = at(doc, p.schema);
    visit(schema);
    const declaredDefault =
      p.in === 'query' ? p.style === 'form' && p.explode : p.style === 'simple' && !p.explode;
    // A style shows on the wire only for lists and objects (Swagger 2.0's default `csv` on a
    // string parameter is no construct of its own).
    if (!declaredDefault && isStructured(doc, schema)) features.add('parameter-style');
  }
  for (const media of op.body?.media ?? []) {
    if (media.type === 'application/x-www-form-urlencoded') features.add('form-body');
    if (media.type === 'multipart/form-data') features.add('multipart-body');
    if (media.schema !== undefined) visit(at(doc, media.schema));
  }
  for (const r of op.responses) if (r.schema !== undefined) visit(at(doc, r.schema));
  return features;
}

/**
 * The operations a run calls: with `full`, all of them; otherwise up to `perFeature` of the
 * operations having each feature and `others` more, each picked evenly across the document so
 * that the sample spans its resources. Order follows the document.
 */
export function pickOperations(
  doc: Json,
  operations: readonly DocOperation[],
  options: { full: boolean; perFeature: number; others: number },
): DocOperation[] {
  // Answers that only redirect (Twilio's 302 of Data.json) are followed by fetch, not returned.
  const answers = (op: DocOperation) =>
    op.responses.some((r) => r.status === 'default' || (r.status >= 200 && r.status < 300));
  const callable = operations.filter((op) => op.method !== 'HEAD' && answers(op));
  if (options.full) return callable;
  const picked = new Set<DocOperation>();
  const features = new Map(callable.map((op) => [op, operationFeatures(doc, op)]));
  const spread = (list: readonly DocOperation[], count: number) => {
    if (list.length <= count) return list;
    return Array.from(
      { length: count },
      (_, i) => list[Math.floor((i * list.length) / count)] as DocOperation,
    );
  };
  for (const feature of FEATURES) {
    for (const op of spread(
      callable.filter((o) => features.get(o)?.has(feature)),
      options.perFeature,
    ))
      picked.add(op);
  }
  for (const op of spread(
    callable.filter((o) => !picked.has(o)),
    options.others,
  ))
    picked.add(op);
  return callable.filter((op) => picked.has(op));
}
