/**
 * The operations of an original OpenAPI 3.0 or Swagger 2.0 document as the wire conformance suite
 * reads them: read straight from the document (never from Canon's IR), with Swagger 2.0's
 * parameters put in the 3.0 shape. Schemas stay where they are in the document and are named by
 * their JSON pointer, so validation and sampling use the document's own schemas.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A path, query or header parameter as declared, with its effective style and explode. */
export interface DocParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  /** JSON pointer of the parameter's schema in the document. */
  schema: string;
  style: string;
  explode: boolean;
}

/** How one property of a form body is written: its style and explode (OpenAPI `encoding`). */
export interface PropertyEncoding {
  style: string;
  explode: boolean;
}

/** One media type of a request body. */
export interface DocMedia {
  type: string;
  schema: string | undefined;
  encoding: { [property: string]: PropertyEncoding };
}

export interface DocResponse {
  status: number | 'default';
  /** JSON pointer of the response schema (a JSON one when there is one); undefined for no content. */
  schema: string | undefined;
  /** The media type of that schema. */
  media: string | undefined;
}

export interface DocOperation {
  method: string;
  /** The path template as the document writes it: `/v1/customers/{customer}`. */
  path: string;
  operationId: string | undefined;
  /** JSON pointer of the operation object. */
  pointer: string;
  parameters: DocParameter[];
  body: { required: boolean; media: DocMedia[] } | undefined;
  responses: DocResponse[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

export function escapePointer(token: string): string {
  return token.replaceAll('~', '~0').replaceAll('/', '~1');
}

/**
 * Lookups already made, per document: the suite follows the same `$ref`s thousands of times, and
 * the documents are read, never changed.
 */
const lookups = new WeakMap<object, Map<string, Json | undefined>>();

/** The value at a JSON pointer (`#/components/schemas/x`) of the document. */
export function at(doc: Json, pointer: string): Json | undefined {
  if (doc === null || typeof doc !== 'object') return walk(doc, pointer);
  let known = lookups.get(doc);
  if (!known) {
    known = new Map();
    lookups.set(doc, known);
  }
  if (known.has(pointer)) return known.get(pointer);
  const found = walk(doc, pointer);
  known.set(pointer, found);
  return found;
}

function walk(doc: Json, pointer: string): Json | undefined {
  let node: Json | undefined = doc;
  for (const raw of pointer.replace(/^#/, '').split('/').slice(1)) {
    const token = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[Number(token)] : node[token];
  }
  return node;
}

function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Follows `$ref`s of parameters, bodies and responses to the pointer of what they name. */
function deref(doc: Json, pointer: string): string {
  let current = pointer;
  for (let hops = 0; hops < 20; hops++) {
    const node = at(doc, current);
    if (!isObject(node) || typeof node.$ref !== 'string') return current;
    current = node.$ref;
  }
  return current;
}

const JSON_MEDIA = (type: string) => /^application\/(.+\+)?json\b/.test(type) || type === '*/*';

/** Every operation of the document, in document order. */
export function documentOperations(doc: Json): DocOperation[] {
  if (!isObject(doc) || !isObject(doc.paths)) return [];
  const swagger2 = typeof doc.swagger === 'string';
  const consumes = swagger2 && Array.isArray(doc.consumes) ? doc.consumes.map(String) : [];
  const out: DocOperation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!isObject(item)) continue;
    const itemPointer = `#/paths/${escapePointer(path)}`;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const pointer = `${itemPointer}/${method}`;
      const declared = new Map<string, string>();
      const collect = (list: Json | undefined, base: string) => {
        if (!Array.isArray(list)) return;
        list.forEach((_, i) => {
          const p = deref(doc, `${base}/parameters/${i}`);
          const node = at(doc, p);
          if (isObject(node)) declared.set(`${String(node.in)}:${String(node.name)}`, p);
        });
      };
      collect(item.parameters, itemPointer);
      collect(op.parameters, pointer);
      const parameters: DocParameter[] = [];
      let body: DocOperation['body'];
      for (const p of declared.values()) {
        const node = at(doc, p) as JsonObject;
        const where = String(node.in);
        if (swagger2 && where === 'body') {
          const media = (Array.isArray(op.consumes) ? op.consumes.map(String) : consumes).filter(JSON_MEDIA);
          body = {
            required: node.required === true,
            media: (media.length > 0 ? media : ['application/json']).map((type) => ({
              type,
              schema: `${p}/schema`,
              encoding: {},
            })),
          };
          continue;
        }
        // No document of the corpus has Swagger 2.0 form parameters; say so rather than guess.
        if (swagger2 && where === 'formData') throw new Error(`${p}: Swagger 2.0 formData is not read here`);
        parameters.push(swagger2 ? swagger2Parameter(node, p) : openApiParameter(node, p));
      }
      if (!swagger2 && op.requestBody !== undefined)
        body = requestBody(doc, deref(doc, `${pointer}/requestBody`));
      out.push({
        method: method.toUpperCase(),
        path,
        operationId: typeof op.operationId === 'string' ? op.operationId : undefined,
        pointer,
        parameters,
        body,
        responses: responses(doc, op, pointer, swagger2),
      });
    }
  }
  return out;
}

function openApiParameter(node: JsonObject, pointer: string): DocParameter {
  const where = String(node.in) as DocParameter['in'];
  const style =
    typeof node.style === 'string' ? node.style : where === 'query' || where === 'cookie' ? 'form' : 'simple';
  return {
    name: String(node.name),
    in: where,
    required: node.required === true || where === 'path',
    schema: `${pointer}/schema`,
    style,
    explode: typeof node.explode === 'boolean' ? node.explode : style === 'form',
  };
}

/** Swagger 2.0's `collectionFormat` as OpenAPI 3 style and explode; the schema is the parameter itself. */
function swagger2Parameter(node: JsonObject, pointer: string): DocParameter {
  const where = String(node.in) as DocParameter['in'];
  const format = typeof node.collectionFormat === 'string' ? node.collectionFormat : 'csv';
  const styles: { [format: string]: [string, boolean] } = {
    csv: [where === 'query' ? 'form' : 'simple', false],
    multi: ['form', true],
    ssv: ['spaceDelimited', false],
    pipes: ['pipeDelimited', false],
  };
  const [style, explode] = styles[format] ?? ['form', false];
  return {
    name: String(node.name),
    in: where,
    required: node.required === true,
    schema: pointer,
    style,
    explode,
  };
}

function requestBody(doc: Json, pointer: string): DocOperation['body'] {
  const node = at(doc, pointer);
  if (!isObject(node) || !isObject(node.content)) return undefined;
  const media: DocMedia[] = [];
  for (const [type, value] of Object.entries(node.content)) {
    if (!isObject(value)) continue;
    const encoding: DocMedia['encoding'] = {};
    if (isObject(value.encoding)) {
      for (const [property, e] of Object.entries(value.encoding)) {
        if (!isObject(e)) continue;
        const style = typeof e.style === 'string' ? e.style : 'form';
        encoding[property] = {
          style,
          explode: typeof e.explode === 'boolean' ? e.explode : style === 'form',
        };
      }
    }
    media.push({
      type,
      schema: value.schema === undefined ? undefined : `${pointer}/content/${escapePointer(type)}/schema`,
      encoding,
    });
  }
  return { required: node.required === true, media };
}

function responses(doc: Json, op: JsonObject, pointer: string, swagger2: boolean): DocResponse[] {
  if (!isObject(op.responses)) return [];
  const out: DocResponse[] = [];
  for (const code of Object.keys(op.responses)) {
    const status = code === 'default' ? 'default' : Number(code);
    if (status !== 'default' && !Number.isInteger(status)) continue;
    const r = deref(doc, `${pointer}/responses/${escapePointer(code)}`);
    const node = at(doc, r);
    if (!isObject(node)) continue;
    let schema: string | undefined;
    let media: string | undefined;
    if (swagger2 && node.schema !== undefined) {
      schema = `${r}/schema`;
      media = 'application/json';
    } else if (isObject(node.content)) {
      const types = Object.keys(node.content);
      const type = types.find(JSON_MEDIA) ?? types[0];
      const content = type === undefined ? undefined : node.content[type];
      if (type !== undefined && isObject(content) && content.schema !== undefined) {
        schema = `${r}/content/${escapePointer(type)}/schema`;
        media = type;
      }
    }
    out.push({ status, schema, media });
  }
  return out;
}
