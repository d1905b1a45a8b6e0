import type { Header, Parameter, Response, Service } from '../../core/ir.js';
import type { GeneratedFile, Generator, GeneratorInput } from '../contract.js';
import {
  type Argument,
  argument,
  blockLayout,
  CLIENT_MODULE,
  CLIENT_RUNTIME_MODULE,
  type ClientOperation,
  type ClientResource,
  type Code,
  callEntry,
  callLayout,
  clientModel,
  clientRuntimeFile,
  code,
  createTypeResolver,
  dataArgument,
  docComment,
  fileHeader,
  fixed,
  identifier,
  importSpecifier,
  type Layout,
  type LiteralValue,
  type Member,
  memberKey,
  type NamedTypeResolver,
  objectLayout,
  pathPieces,
  printMembers,
  printSourceFile,
  printType,
  responsesType,
  type Statement,
  stringLiteral,
  typeArgumentsLayout,
  unionLayout,
} from '../shared/index.js';
import { lossyNotes } from '../shared/lossy-notes.js';
import { sentMediaType } from '../shared/media-type.js';
import { formStyle, writtenStyle } from '../shared/parameter-style.js';

export const GENERATOR_NAME = 'typescript-client';

/** The declared error responses of an operation as `ResponseError<status, body>` types. */
function errorType(op: ClientOperation, resolve: NamedTypeResolver): Layout {
  if (op.errors.length === 0) return fixed('never');
  const members = op.errors.map((r) => {
    const status = r.code === 'default' ? fixed('number') : fixed(String(r.code));
    return typeArgumentsLayout(fixed('ResponseError'), [status, printType(r.type, resolve)]);
  });
  return unionLayout(members);
}

/** The parameter list of a client method. */
function methodParameters(op: ClientOperation, resolve: NamedTypeResolver) {
  const parameters: { name: ReturnType<typeof identifier>; type: Code; optional: boolean }[] = [];
  const body = op.operation.body;
  if (body)
    parameters.push({ name: identifier('body'), type: printType(body.type, resolve), optional: false });
  if (op.paramsTypeName)
    parameters.push({ name: identifier('params'), type: op.paramsTypeName, optional: op.paramsOptional });
  parameters.push({ name: identifier('options'), type: fixed('RequestOptions'), optional: true });
  return parameters;
}

/** The JSDoc of a client method: the spec's description, the HTTP call, what it throws. */
function methodDocs(op: ClientOperation): Code | undefined {
  const { operation } = op;
  const tags = [`@throws {${op.outcomeTypeName}} for a declared error status`];
  return docComment({
    description: operation.description,
    deprecation: operation.deprecation,
    notes: [
      `${operation.method} ${operation.path}`,
      ...lossyNotes(operation),
      ...(operation.body ? lossyNotes(operation.body) : []),
      ...op.successes.flatMap(lossyNotes),
    ],
    tags,
  });
}

function paramsStatement(op: ClientOperation, resolve: NamedTypeResolver): Statement | undefined {
  if (!op.paramsTypeName) return undefined;
  const members: Member[] = op.parameters.map((p) => ({
    kind: 'property',
    key: memberKey(p.name),
    type: printType(p.type, resolve),
    optional: p.location !== 'path' && (!p.required || p.default !== undefined),
    docs: docComment({
      description: p.description,
      deprecation: p.deprecation,
      notes: [
        `In ${p.location}.${p.default !== undefined ? ` Default: ${p.default}` : ''}`,
        ...lossyNotes(p),
      ],
    }),
  }));
  return {
    kind: 'interface',
    name: op.paramsTypeName,
    exported: true,
    docs: docComment({ description: `Parameters of ${op.qualifiedName}.` }),
    members,
  };
}

/** The escaped data the transport needs for one operation. */
function descriptor(op: ClientOperation): Argument {
  const { operation } = op;
  const declared = operation.parameters.filter((p) => p.location === 'path').map((p) => p.name);
  const path = pathPieces(operation.path, declared);
  const byLocation = (location: string) =>
    operation.parameters.filter((p) => p.location === location).map((p) => p.name);
  const codes = (responses: readonly Response[]) => {
    const out: number[] = [];
    for (const r of responses) if (typeof r.code === 'number') out.push(r.code);
    return out;
  };
  const unit = operation.responses.filter((r) => r.type.kind === 'primitive' && r.type.name === 'unit');
  const hasDefault = operation.responses.some((r) => r.code === 'default');
  const successDefault = op.successes.some((r) => r.code === 'default');
  return dataArgument({
    name: op.qualifiedName,
    method: operation.method,
    path,
    query: operation.parameters.filter((p) => p.location === 'query').map(queryEntry),
    header: byLocation('header'),
    form: operation.parameters.filter((p) => p.location === 'form').map(formEntry),
    encoding: byLocation('form').length > 0 ? operation.formEncoding : undefined,
    contentType: sentMediaType(operation.body),
    success: codes(op.successes),
    unit: codes(unit),
    errors: codes(op.errors),
    otherwise: hasDefault ? (successDefault ? 'success' : 'error') : undefined,
  });
}

/** A query parameter's entry in the descriptor: its name, or `[name, style, explode]`. */
function queryEntry(p: Parameter): LiteralValue {
  const style = writtenStyle(p);
  return style === undefined ? p.name : [p.name, ...style];
}

/** A form parameter's entry in the descriptor: its name, or `[name, style, explode]`. */
function formEntry(p: Parameter): LiteralValue {
  const style = formStyle(p);
  return style === undefined ? p.name : [p.name, ...style];
}

function resourceInterface(resource: ClientResource, resolve: NamedTypeResolver): Statement {
  return {
    kind: 'interface',
    name: resource.interfaceName,
    exported: true,
    docs: docComment({
      description: resource.resource.description,
      deprecation: resource.resource.deprecation,
      notes: [`The ${resource.resource.plural} resource: client.${resource.propertyName}.`],
    }),
    members: resource.operations.map((op) => ({
      kind: 'method',
      name: op.methodName,
      parameters: methodParameters(op, resolve),
      returns: code`Promise<${responsesType(op.successes, resolve)}>`,
      docs: methodDocs(op),
    })),
  };
}

function implementation(
  resources: readonly ClientResource[],
  resolve: NamedTypeResolver,
  baseUrl: Code,
  settings: Layout,
  optionsOptional: boolean,
): Layout {
  const properties = resources.map((resource): Layout => {
    const methods = resource.operations.map((op): Layout => {
      const names = methodParameters(op, resolve).map((p) => p.name);
      const body = op.operation.body ? fixed('body') : fixed('undefined');
      const params = op.paramsTypeName ? fixed('params') : fixed('undefined');
      const result = responsesType(op.successes, resolve);
      return callEntry({
        key: code`${op.methodName}: `,
        parameters: names,
        callee: fixed('call'),
        descriptor: descriptor(op),
        rest: [body, params, fixed('options')],
        tail: code` as Promise<${result}>`,
      });
    });
    return [code`${resource.propertyName}: `, objectLayout(methods)];
  });
  return [
    fixed(`/**
 * Creates the HTTP client.
 *
 * @example
 * const client = createClient({ baseUrl: 'https://api.example.com', headers: { authorization: token } });
 */
export function createClient(`),
    fixed(optionsOptional ? 'options: ClientOptions = {}' : 'options: ClientOptions'),
    fixed('): Client '),
    blockLayout([
      [
        fixed('const call = '),
        callLayout(fixed('createTransport'), [{ layout: settings }, argument(baseUrl)]),
        fixed(';'),
      ],
      [fixed('return '), objectLayout(properties), fixed(';')],
    ]),
  ];
}

/** A header the caller may leave out: not required, or with a default the client sends instead. */
const mayOmit = (header: Header): boolean => !header.required || header.default !== undefined;

/**
 * The service-level headers of the spec, typed: a `ServiceHeaders` interface (a header is optional
 * when it is not required or has a default) and the function that turns them into text, defaults
 * filled in, for `createClient`. Nothing when the spec declares none.
 */
function serviceHeaderStatements(service: Service, resolve: NamedTypeResolver): Statement[] {
  if (service.headers.length === 0) return [];
  const members: Member[] = service.headers.map((h) => ({
    kind: 'property',
    key: memberKey(h.name),
    type: printType(h.type, resolve),
    optional: mayOmit(h),
    docs: docComment({
      description: h.description,
      deprecation: h.deprecation,
      notes: h.default === undefined ? [] : [`Default: ${h.default}`],
    }),
  }));
  const puts = service.headers.map((h) => {
    const name = stringLiteral(h.name);
    const value =
      h.default === undefined
        ? code`given?.[${name}]`
        : code`given?.[${name}] ?? ${stringLiteral(h.default)}`;
    return [callLayout(fixed('put'), [argument(name), argument(value)]), fixed(';')];
  });
  return [
    {
      kind: 'interface',
      name: identifier('ServiceHeaders'),
      exported: true,
      docs: docComment({ description: `The headers ${service.name} declares for every request.` }),
      members,
    },
    {
      kind: 'code',
      docs: docComment({
        description:
          'The declared headers as text, defaults filled in; a header without a value is not sent.',
      }),
      code: [
        fixed('function serviceHeaders(given: ServiceHeaders | undefined): { [name: string]: string } '),
        blockLayout([
          fixed(`const out: { [name: string]: string } = {};
const put = (name: string, value: unknown) => {
  if (value !== undefined && value !== null) out[name] = text(value);
};`),
          ...puts,
          fixed('return out;'),
        ]),
      ],
    },
  ];
}

/**
 * `ClientOptions`: the base URL is optional when the spec names one (`DEFAULT_BASE_URL`); the
 * service-level headers are a typed `serviceHeaders`, required when one of them is.
 */
function optionsStatements(service: Service): Statement[] {
  const statements: Statement[] = [];
  if (service.baseUrl !== undefined) {
    statements.push({
      kind: 'const',
      name: identifier('DEFAULT_BASE_URL'),
      exported: true,
      docs: docComment({ description: "The spec's base URL, used when createClient is given none." }),
      value: stringLiteral(service.baseUrl),
    });
  }
  statements.push({
    kind: 'interface',
    name: identifier('ClientOptions'),
    exported: true,
    docs: docComment({ description: 'How the client reaches the service.' }),
    extends: [fixed('ClientSettings')],
    members: [
      {
        kind: 'property',
        key: fixed('baseUrl'),
        type: fixed('string'),
        optional: service.baseUrl !== undefined,
        docs: docComment({
          description:
            service.baseUrl === undefined
              ? "The service's base URL, without a trailing slash."
              : "The service's base URL, without a trailing slash (default: DEFAULT_BASE_URL).",
        }),
      },
      ...(service.headers.length === 0
        ? []
        : [
            {
              kind: 'property' as const,
              key: fixed('serviceHeaders'),
              type: fixed('ServiceHeaders'),
              optional: service.headers.every(mayOmit),
              docs: docComment({
                description:
                  'The headers the service declares, sent with every request (before `headers`, which win on a clash).',
              }),
            },
          ]),
    ],
  });
  return statements;
}

/** The client module for a service: types of parameters and errors, `Client`, `createClient`. */
export function clientModule(service: Service, imports: readonly Service[]): GeneratedFile {
  const types = createTypeResolver({
    service,
    imports,
    fromModule: CLIENT_MODULE,
    localAlias: identifier('types'),
  });
  const resources = clientModel(service);
  // Printed as they are made: the imports they use are known after.
  function* declarations(): IterableIterator<Statement> {
    for (const resource of resources) {
      for (const op of resource.operations) {
        const params = paramsStatement(op, types.resolve);
        if (params) yield params;
        yield {
          kind: 'type',
          name: op.outcomeTypeName,
          exported: true,
          docs: docComment({ description: `The declared error responses of ${op.qualifiedName}.` }),
          type: errorType(op, types.resolve),
        };
      }
      yield resourceInterface(resource, types.resolve);
    }
    const clientMembers: Member[] = resources.map((resource) => ({
      kind: 'property',
      key: resource.propertyName,
      type: resource.interfaceName,
      optional: false,
      readonly: true,
    }));
    yield {
      kind: 'code',
      docs: docComment({
        description: service.description,
        notes: [`The ${service.name} API, one property per resource.`],
      }),
      code: [fixed('export interface Client '), printMembers(clientMembers)],
    };
    yield* serviceHeaderStatements(service, types.resolve);
    yield* optionsStatements(service);
    const baseUrl =
      service.baseUrl === undefined ? fixed('options.baseUrl') : fixed('options.baseUrl ?? DEFAULT_BASE_URL');
    const settings =
      service.headers.length === 0
        ? fixed('options')
        : objectLayout([
            fixed('...options'),
            [
              fixed('headers: '),
              objectLayout([fixed('...serviceHeaders(options.serviceHeaders)'), fixed('...options.headers')]),
            ],
          ]);
    // With a base URL in the spec and no header the caller must give, `createClient()` is enough.
    const optionsOptional = service.baseUrl !== undefined && service.headers.every(mayOmit);
    yield {
      kind: 'code',
      code: implementation(resources, types.resolve, baseUrl, settings, optionsOptional),
    };
  }
  const runtime = importSpecifier(CLIENT_MODULE, CLIENT_RUNTIME_MODULE);
  const leading = (): Statement[] => [
    {
      kind: 'import',
      typeOnly: false,
      names: [identifier('createTransport'), ...(service.headers.length > 0 ? [identifier('text')] : [])],
      typeNames: [identifier('ClientSettings'), identifier('RequestOptions'), identifier('ResponseError')],
      from: runtime,
    },
    ...types.importStatements(),
    {
      kind: 'export',
      typeOnly: false,
      names: [identifier('ResponseError'), identifier('TimeoutError'), identifier('UnexpectedStatusError')],
      from: runtime,
    },
    {
      kind: 'export',
      typeOnly: true,
      names: [identifier('ClientSettings'), identifier('OperationDescriptor'), identifier('RequestOptions')],
      from: runtime,
    },
  ];
  return {
    path: CLIENT_MODULE,
    contents: printSourceFile(fileHeader(GENERATOR_NAME, service), declarations(), leading),
  };
}

/**
 * `typescript-client`: a typed fetch client with no runtime dependencies. `createClient(options)`
 * returns a `Client` with one property per resource and one method per operation.
 */
export const generator: Generator<Record<string, never>> = {
  name: GENERATOR_NAME,
  description: 'A typed fetch client with no runtime dependencies (client.ts, canon-runtime/client.ts)',
  options: { defaults: {}, schema: { type: 'object', additionalProperties: false, properties: {} } },
  dependencies: ['typescript-types'],
  generate(input: GeneratorInput<Record<string, never>>): GeneratedFile[] {
    return [clientModule(input.service, input.imports), clientRuntimeFile()];
  },
};
