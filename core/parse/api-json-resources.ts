import type {
  Method,
  Operation,
  Parameter,
  ParameterLocation,
  Resource,
  Response,
  Service,
  TypeRef,
} from '../ir.js';
import { primitive, sameType } from '../type-ref.js';
import type { ParseContext } from './context.js';
import { readBody, readHeaders, readMethod, readParameter } from './elements.js';
import { pluralize } from './plural.js';
import {
  asArray,
  asObject,
  asString,
  describe,
  isObject,
  type Json,
  namedEntries,
  pointer,
  readAttributes,
} from './read.js';

/** Methods whose undeclared parameters default to `form` when the operation has no body. */
const FORM_METHODS: ReadonlySet<Method> = new Set(['POST', 'PUT', 'PATCH']);

/** api.json `resources` (keyed by type name) → IR resources sorted by type name. */
export function readResources(ctx: ParseContext, value: unknown, service: Service): Resource[] {
  return namedEntries(value)
    .map(([typeName, json]) => readResource(ctx, typeName, json, pointer('', 'resources', typeName), service))
    .sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

function key(resource: Resource): string {
  const t = resource.type;
  return t.kind === 'list' || t.kind === 'map' ? '' : t.name;
}

function readResource(
  ctx: ParseContext,
  typeName: string,
  json: Json,
  path: string,
  service: Service,
): Resource {
  const type = ctx.type(typeName, path, undefined, '');
  const plural = asString(json.plural) ?? localPlural(type, service) ?? pluralize(shortName(typeName));
  const resourcePath = asString(json.path) ?? `/${plural}`;
  const resource: Resource = {
    type,
    plural,
    path: resourcePath,
    operations: asArray(json.operations).map((o, i) =>
      readOperation(ctx, asObject(o), pointer(path, 'operations', i), resourcePath, type, service),
    ),
    attributes: readAttributes(json.attributes),
  };
  describe(resource, json);
  return ctx.at(resource, path);
}

function readOperation(
  ctx: ParseContext,
  json: Json,
  path: string,
  resourcePath: string,
  resourceType: TypeRef,
  service: Service,
): Operation {
  const method = readMethod(ctx, json.method, path);
  const fullPath = joinPath(resourcePath, asString(json.path) ?? '');
  const operation: Operation = {
    method,
    path: fullPath,
    parameters: [],
    responses: readResponses(ctx, json.responses, pointer(path, 'responses')),
    attributes: readAttributes(json.attributes),
  };
  if (isObject(json.body)) operation.body = readBody(ctx, json.body, path);
  const fallback: ParameterLocation = operation.body || !FORM_METHODS.has(method) ? 'query' : 'form';
  operation.parameters = readParameters(
    ctx,
    json.parameters,
    pointer(path, 'parameters'),
    fullPath,
    fallback,
    resourceType,
    service,
  );
  describe(operation, json);
  return ctx.at(operation, path);
}

/**
 * Path parameters first, in path order (declared ones take `location: path`; undeclared ones get
 * their type from the resource model's field of that name), then the other declared parameters.
 */
function readParameters(
  ctx: ParseContext,
  value: unknown,
  path: string,
  fullPath: string,
  fallback: ParameterLocation,
  resourceType: TypeRef,
  service: Service,
): Parameter[] {
  const declared = asArray(value).map((p, index) => ({ json: asObject(p), index }));
  const pathNames = [...fullPath.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
  const inPath = new Set(pathNames);
  const result: Parameter[] = [];
  for (const name of pathNames) {
    const found = declared.find((d) => d.json.name === name);
    if (found) {
      result.push(ctx.atChild(readParameter(ctx, found.json, path, found.index, 'path'), path, found.index));
    } else {
      // Declared nowhere but in the path: point at the operation's `path`.
      const inferred: Parameter = {
        name,
        type: pathParameterType(name, resourceType, service),
        location: 'path',
        required: true,
        attributes: [],
      };
      result.push(ctx.at(inferred, pointer(path.slice(0, path.lastIndexOf('/')), 'path')));
    }
  }
  for (const d of declared) {
    if (typeof d.json.name === 'string' && inPath.has(d.json.name)) continue;
    result.push(ctx.atChild(readParameter(ctx, d.json, path, d.index, fallback), path, d.index));
  }
  return result;
}

function pathParameterType(name: string, resourceType: TypeRef, service: Service): TypeRef {
  if (resourceType.kind === 'model' && resourceType.namespace === service.namespace) {
    const field = service.models
      .find((m) => m.name === resourceType.name)
      ?.fields.find((f) => f.name === name);
    if (field) return field.type;
  }
  if (resourceType.kind === 'union' && resourceType.namespace === service.namespace) {
    // API Builder looks only at the members that are local models; all must share the field's type.
    const union = service.unions.find((u) => u.name === resourceType.name);
    const types = (union?.types ?? [])
      .filter((member) => member.type.kind === 'model' && member.type.namespace === service.namespace)
      .map(
        (member) =>
          service.models
            .find((m) => m.name === (member.type as { name: string }).name)
            ?.fields.find((f) => f.name === name)?.type,
      );
    const first = types[0];
    if (first && types.every((t) => t !== undefined && sameType(t, first))) return first;
  }
  return primitive('string');
}

function readResponses(ctx: ParseContext, value: unknown, path: string): Response[] {
  const responses: Response[] = [];
  for (const [codeText, json] of namedEntries(value)) {
    const responsePath = pointer(path, codeText);
    let code: number | 'default';
    if (codeText === 'default') code = 'default';
    else if (/^\d+$/.test(codeText)) code = Number(codeText);
    else {
      ctx.report(
        'invalid-response-code',
        responsePath,
        `Response code must be an integer or the keyword 'default' and not[${codeText}].`,
      );
      continue;
    }
    const response: Response = {
      code,
      type: ctx.type(json.type, responsePath),
      headers: readHeaders(ctx, json.headers, responsePath),
      attributes: readAttributes(json.attributes),
    };
    describe(response, json);
    responses.push(ctx.at(response, responsePath));
  }
  if (responses.length === 0 && namedEntries(value).length === 0) {
    responses.push({ code: 204, type: primitive('unit'), headers: [], attributes: [] });
  }
  return responses;
}

/** Resource path + operation path; `/` when both are empty. */
function joinPath(resourcePath: string, operationPath: string): string {
  if (resourcePath.endsWith('/') && operationPath.startsWith('/'))
    return resourcePath + operationPath.slice(1);
  return resourcePath + operationPath || '/';
}

function localPlural(type: TypeRef, service: Service): string | undefined {
  if (type.kind === 'list' || type.kind === 'map' || type.kind === 'primitive' || type.kind === 'unknown')
    return undefined;
  if (type.namespace !== service.namespace) return undefined;
  const all = [...service.models, ...service.enums, ...service.unions, ...service.interfaces];
  return all.find((t) => t.name === type.name)?.plural;
}

function shortName(typeName: string): string {
  return /\.(?:models|enums|unions|interfaces)\.([^.]+)$/.exec(typeName)?.[1] ?? typeName;
}
