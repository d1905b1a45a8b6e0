import type { Operation, Parameter, Resource, Response, Service } from '../../core/ir.js';
import {
  camelCase,
  type Identifier,
  pascalCase,
  safeIdentifier,
  UniqueNames,
  words,
} from '../shared/index.js';

/** Names the client module defines itself; generated names never take them. */
export const CLIENT_RUNTIME_NAMES = [
  'Client',
  'ClientOptions',
  'ClientSettings',
  'DEFAULT_BASE_URL',
  'RequestOptions',
  'ResponseError',
  'UnexpectedStatusError',
  'TimeoutError',
  'OperationDescriptor',
  'createClient',
  'createTransport',
  'Transport',
  'IDEMPOTENT_METHODS',
] as const;

/** Members the mock client has besides the resources; no resource property takes them. */
export const MOCK_CLIENT_MEMBERS = ['recordedCalls', 'overrideOperation', 'resetMock', 'sampleOf'] as const;

/** One operation as the TypeScript client presents it. */
export interface ClientOperation {
  operation: Operation;
  /** `client.<resource>.<method>` */
  methodName: Identifier;
  /** `<Resource><Method>Params`, when the operation takes parameters. */
  paramsTypeName: Identifier | undefined;
  /** `<Resource><Method>Error`: the union of its declared error responses. */
  errorTypeName: Identifier;
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

export interface ClientResource {
  resource: Resource;
  /** `client.<propertyName>` */
  propertyName: Identifier;
  /** `<Plural>Resource`: the interface listing its methods. */
  interfaceName: Identifier;
  operations: ClientOperation[];
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
 * The client's view of a service: a property per resource, a method per operation, with unique,
 * deterministic names (collisions get `2`, `3`, … in spec order).
 */
export function clientModel(service: Service): ClientResource[] {
  let model = modelCache.get(service);
  if (!model) {
    model = buildClientModel(service);
    modelCache.set(service, model);
  }
  return model;
}

// The client and the mock client of one run share the model (same service object, same names).
const modelCache = new WeakMap<Service, ClientResource[]>();

function buildClientModel(service: Service): ClientResource[] {
  const topLevel = new UniqueNames(CLIENT_RUNTIME_NAMES);
  // The mock client adds these members next to the resources.
  const properties = new UniqueNames(MOCK_CLIENT_MEMBERS);
  return service.resources.map((resource, resourceIndex) => {
    const propertyName = properties.claim(String(resourceIndex), camelCase(resource.plural));
    const typeStem = pascalCase(resource.plural);
    const interfaceName = topLevel.claim(`resource:${resourceIndex}`, safeIdentifier(`${typeStem}Resource`));
    const methods = new UniqueNames();
    const operations = resource.operations.map((operation, operationIndex): ClientOperation => {
      const methodName = methods.claim(String(operationIndex), methodNameFor(resource, operation));
      const stem = `${typeStem}${methodName.charAt(0).toUpperCase()}${methodName.slice(1).replace(/_$/, '')}`;
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
        paramsTypeName:
          parameters.length > 0
            ? topLevel.claim(`params:${resourceIndex}:${operationIndex}`, safeIdentifier(`${stem}Params`))
            : undefined,
        errorTypeName: topLevel.claim(
          `error:${resourceIndex}:${operationIndex}`,
          safeIdentifier(`${stem}Error`),
        ),
        parameters,
        paramsOptional: parameters.every((p) => !p.required || p.default !== undefined),
        successes,
        errors,
        qualifiedName: `${propertyName}.${methodName}`,
      };
    });
    return { resource, propertyName, interfaceName, operations };
  });
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
