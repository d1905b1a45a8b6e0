import type { Operation, Parameter, Resource, Response, Service } from '../../core/ir.js';
import { type Identifier, safeIdentifier } from './identifier.js';
import { camelCase, pascalCase, UniqueNames, words } from './naming.js';

/**
 * The view of a service every API generator shares: a property per resource, a method per
 * operation, with unique, deterministic names, and the stems per-operation type names are built
 * from. Each generator then names its own types with a `TypeNaming` (`nameTypes`), so no
 * generator rewrites another's names.
 */

/** Members the mock client has besides the resources; no resource property takes them. */
export const MOCK_CLIENT_MEMBERS = ['recordedCalls', 'overrideOperation', 'resetMock', 'sampleOf'] as const;

/** One operation, named. */
export interface ModelOperation {
  operation: Operation;
  /** `client.<resource>.<method>`, `services.<resource>.<method>` */
  methodName: Identifier;
  /** `<Resource><Method>` (PascalCase), what each generator's per-operation type names start with. */
  stem: string;
  /** Parameters in path, query, header and form locations, in spec order. */
  parameters: Parameter[];
  /** Whether every parameter may be left out (no required one without a default). */
  paramsOptional: boolean;
  /** Declared success responses (2xx), or the `default` response when no 2xx is declared. */
  successes: Response[];
  /** Declared error responses (non-2xx), plus `default` when it covers errors. */
  errors: Response[];
  /** Qualified name for messages: `users.getById`. */
  qualifiedName: string;
}

/** One resource, named. */
export interface ModelResource {
  resource: Resource;
  /** `client.<propertyName>` */
  propertyName: Identifier;
  /** The PascalCase plural, what the resource's type names start with. */
  stem: string;
  operations: ModelOperation[];
}

const isSuccess = (response: Response) =>
  typeof response.code === 'number' && response.code >= 200 && response.code < 300;

/**
 * The method name for an operation, from its method and the path below the resource's own path:
 * static segments as words, then `By` and the path parameters joined with `And`.
 * `GET /users` → `get`, `GET /users/:id` → `getById`, `POST /users/:id/block` → `postBlockById`,
 * `GET /:org/orders/:number/lines` (resource `/:org/orders`) → `getLinesByNumber`.
 * An `operationId` from the source (OpenAPI) wins when present.
 */
export function methodNameFor(resource: Resource, operation: Operation): Identifier {
  if (operation.operationId !== undefined && words(operation.operationId).length > 0)
    return camelCase(operation.operationId);
  const prefix = resource.path ?? '';
  let relative = operation.path;
  if (prefix !== '' && (relative === prefix || relative.startsWith(`${prefix}/`)))
    relative = relative.slice(prefix.length);
  const declared = operation.parameters.filter((p) => p.location === 'path').map((p) => p.name);
  const statics: string[] = [];
  const params: string[] = [];
  for (const segment of relative.split('/')) {
    if (segment === '') continue;
    const pieces = pathPieces(segment, declared);
    // A segment holding parameters names only them (`:Sid.json` → Sid, `:base...:head` → base, head).
    if (pieces.length > 1) params.push(...pieces.filter((_, index) => index % 2 === 1));
    else statics.push(segment);
  }
  const byParams = params.length > 0 ? `_by_${params.map((p) => words(p).join('_')).join('_and_')}` : '';
  return camelCase(`${operation.method.toLowerCase()}_${statics.join('_')}${byParams}`);
}

/**
 * The shared view of a service: unique property and method names (collisions get `2`, `3`, … in
 * spec order), computed once per service object.
 */
export function operationModel(service: Service): ModelResource[] {
  let model = modelCache.get(service);
  if (!model) {
    model = buildOperationModel(service);
    modelCache.set(service, model);
  }
  return model;
}

const modelCache = new WeakMap<Service, ModelResource[]>();

function buildOperationModel(service: Service): ModelResource[] {
  // The mock client adds these members next to the resources.
  const properties = new UniqueNames(MOCK_CLIENT_MEMBERS);
  return service.resources.map((resource, resourceIndex) => {
    const propertyName = properties.claim(String(resourceIndex), camelCase(resource.plural));
    const stem = pascalCase(resource.plural);
    const methods = new UniqueNames();
    const operations = resource.operations.map((operation, operationIndex): ModelOperation => {
      const methodName = methods.claim(String(operationIndex), methodNameFor(resource, operation));
      const parameters = operation.parameters;
      const declaredSuccesses = operation.responses.filter(isSuccess);
      const fallback = operation.responses.filter((r) => r.code === 'default');
      const successes = declaredSuccesses.length > 0 ? declaredSuccesses : fallback;
      const errors = operation.responses.filter(
        (r) => !isSuccess(r) && (r.code !== 'default' || declaredSuccesses.length > 0),
      );
      return {
        operation,
        methodName,
        stem: `${stem}${methodName.charAt(0).toUpperCase()}${methodName.slice(1).replace(/_$/, '')}`,
        parameters,
        paramsOptional: parameters.every((p) => !p.required || p.default !== undefined),
        successes,
        errors,
        qualifiedName: `${propertyName}.${methodName}`,
      };
    });
    return { resource, propertyName, stem, operations };
  });
}

/**
 * How a generator names the types it declares per resource and per operation: suffixes after the
 * stems, and the names its module defines or imports itself, which generated names never take.
 */
export interface TypeNaming {
  reserved: readonly string[];
  /** After the resource stem: `Resource` (client), `Service` (routes). */
  resource: string;
  /** After the operation stem, for operations with parameters: `Params`. */
  params: string;
  /** After the operation stem: `Error` (the client's error union), `Result` (what a route answers). */
  outcome: string;
}

/** An operation with the type names one generator gives it. */
export interface NamedOperation extends ModelOperation {
  /** `<stem>Params`, when the operation takes parameters. */
  paramsTypeName: Identifier | undefined;
  /** `<stem>Error`, `<stem>Result`: the per-operation outcome type. */
  outcomeTypeName: Identifier;
}

/** A resource with the type names one generator gives it. */
export interface NamedResource extends Omit<ModelResource, 'operations'> {
  /** `<stem>Resource`, `<stem>Service`: the interface listing its methods. */
  interfaceName: Identifier;
  operations: NamedOperation[];
}

/**
 * The shared model with one generator's type names, unique in spec order (resource interface,
 * then per operation its parameters and outcome), computed once per service and naming.
 */
export function nameTypes(service: Service, naming: TypeNaming): NamedResource[] {
  let byNaming = namedCache.get(service);
  if (!byNaming) {
    byNaming = new Map();
    namedCache.set(service, byNaming);
  }
  let named = byNaming.get(naming);
  if (!named) {
    named = buildNames(operationModel(service), naming);
    byNaming.set(naming, named);
  }
  return named;
}

// The client and the mock client of one run share the names (same service object, same naming).
const namedCache = new WeakMap<Service, Map<TypeNaming, NamedResource[]>>();

function buildNames(model: readonly ModelResource[], naming: TypeNaming): NamedResource[] {
  const topLevel = new UniqueNames(naming.reserved);
  return model.map((resource, r) => ({
    ...resource,
    interfaceName: topLevel.claim(`resource:${r}`, safeIdentifier(`${resource.stem}${naming.resource}`)),
    operations: resource.operations.map((op, o) => ({
      ...op,
      paramsTypeName:
        op.parameters.length > 0
          ? topLevel.claim(`params:${r}:${o}`, safeIdentifier(`${op.stem}${naming.params}`))
          : undefined,
      outcomeTypeName: topLevel.claim(`outcome:${r}:${o}`, safeIdentifier(`${op.stem}${naming.outcome}`)),
    })),
  }));
}

/**
 * Splits an operation path into literal text (even indexes) and path parameter names (odd
 * indexes). A reference is `:name` or `{name}`. After `:`, a name of letters, digits and `_` is
 * taken when it is declared; otherwise the longest declared path parameter the text starts with
 * (names with `-` or `.`), so `/accounts/:Sid.json` → `['/accounts/', 'Sid', '.json']` and
 * `/compare/:base...:head` → `['/compare/', 'base', '...', 'head', '']`.
 */
export function pathPieces(path: string, declared: readonly string[]): string[] {
  const byLength = [...declared].sort((a, b) => b.length - a.length);
  const pieces: string[] = [];
  let literal = '';
  let i = 0;
  while (i < path.length) {
    const ch = path.charAt(i);
    if (ch === ':') {
      const rest = path.slice(i + 1);
      const word = /^[A-Za-z0-9_]+/.exec(rest)?.[0];
      const name =
        word !== undefined && declared.includes(word)
          ? word
          : (byLength.find((n) => /[^A-Za-z0-9_]/.test(n) && rest.startsWith(n)) ?? word);
      if (name !== undefined) {
        pieces.push(literal, name);
        literal = '';
        i += 1 + name.length;
        continue;
      }
    } else if (ch === '{') {
      const close = path.indexOf('}', i);
      if (close > i + 1) {
        pieces.push(literal, path.slice(i + 1, close));
        literal = '';
        i = close + 1;
        continue;
      }
    }
    literal += ch;
    i++;
  }
  pieces.push(literal);
  return pieces;
}
