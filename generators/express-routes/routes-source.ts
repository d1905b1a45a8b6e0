import type { Constraints, Enum, Operation, Parameter, Response, Service, TypeRef } from '../../core/ir.js';
import {
  argument,
  arrowLayout,
  blockLayout,
  type Code,
  callLayout,
  camelCase,
  code,
  createTypeResolver,
  dataArgument,
  dataLayout,
  docComment,
  EXPRESS_ROUTES_RUNTIME_MODULE,
  fixed,
  group,
  type Identifier,
  identifier,
  importSpecifier,
  indent,
  type Layout,
  type LiteralObject,
  type LiteralValue,
  line,
  type Member,
  memberKey,
  type NamedResource,
  nameTypes,
  numberLiteral,
  objectLayout,
  printSourceFile,
  printType,
  propertyLayout,
  type Statement,
  stringLiteral,
  type TypeNaming,
  typeLiteralLayout,
  UniqueNames,
  unionLayout,
} from '../shared/index.js';
import { bodySchemas, typeSchema } from '../shared/json-schemas.js';
import { isJsonMediaType, sentMediaType } from '../shared/media-type.js';
import { writtenStyle } from '../shared/parameter-style.js';
import { expressPath, routeOrder } from './express-path.js';

/** The routes module, relative to the output directory. */
export const ROUTES_MODULE = 'routes.ts';

/** The path of the healthcheck in specs/common.json, mounted by default. */
export const HEALTHCHECK_PATH = '/_internal_/healthcheck';

/** Names routes.ts defines or imports itself; generated names never take them. */
const ROUTES_NAMES = [
  'Context',
  'NoParams',
  'ParamSpec',
  'RequestProblem',
  'Router',
  'RouterOptions',
  'SCHEMAS',
  'Services',
  'createRouter',
] as const;

/** The routes' type names: `<Plural>Service` (what the user implements), `<Stem>Params`, `<Stem>Result`. */
const ROUTES_NAMING: TypeNaming = {
  reserved: ROUTES_NAMES,
  resource: 'Service',
  params: 'Params',
  outcome: 'Result',
};

/** One resource as the routes present it: a service interface (`interfaceName`) with one method per operation. */
export type RouteResource = NamedResource;

/** The routes' view of a service: the shared operation model with the routes' type names. */
export function routeModel(service: Service): RouteResource[] {
  return nameTypes(service, ROUTES_NAMING);
}

/** Values routes.ts imports or defines itself; the parameter tables never take them. */
const ROUTES_VALUES = [
  'bodyValidator',
  'createAjv',
  'createRouter',
  'errorHandler',
  'express',
  'formBody',
  'healthcheck',
  'jsonBody',
  'paramsValidator',
  'route',
  'textBody',
  'types',
  'SCHEMAS',
] as const;

/** `routes.ts`: service interfaces, parameter and result types, and `createRouter`. */
export function routesSource(service: Service, imports: readonly Service[], header: Code): string {
  const types = createTypeResolver({
    service,
    imports,
    fromModule: ROUTES_MODULE,
    localAlias: identifier('types'),
  });
  const print = (type: TypeRef): Code => printType(type, types.resolve);
  const resources = routeModel(service);
  const declarations: Statement[] = [];
  const mounts = new Map<Operation, Layout>();
  const allOperations: Operation[] = [];
  const paramConsts: Statement[] = [];
  const bodyRoots: TypeRef[] = [];
  let usesStructured = false;
  let usesForm = false;
  let usesText = false;
  let ownsHealthcheck = false;

  const values = new UniqueNames(ROUTES_VALUES);
  resources.forEach((resource, r) => {
    const methods: Member[] = [];
    resource.operations.forEach((op, o) => {
      const operation = op.operation;
      if (operation.method === 'GET' && operation.path === HEALTHCHECK_PATH) ownsHealthcheck = true;
      const paramsName = op.paramsTypeName ?? identifier('NoParams');
      const resultName = op.outcomeTypeName;
      const label = `${operation.method} ${operation.path}`;
      if (op.paramsTypeName) {
        declarations.push({
          kind: 'interface',
          name: op.paramsTypeName,
          exported: true,
          docs: docComment({
            description: `Parameters of \`${label}\`, coerced to their types; defaults filled in.`,
          }),
          members: operation.parameters.map((p) => ({
            kind: 'property',
            key: memberKey(p.name),
            type: print(p.type),
            optional: !p.required && p.default === undefined,
            docs: docComment({ description: p.description, deprecation: p.deprecation }),
          })),
        });
      }
      declarations.push({
        kind: 'type',
        name: resultName,
        exported: true,
        docs: docComment({ description: `What \`${label}\` may answer: a declared status and its body.` }),
        type: resultType(operation.responses, print),
      });
      const parameters: { name: Identifier; type: Code; optional: boolean }[] = [
        { name: identifier('params'), type: paramsName, optional: false },
      ];
      if (operation.body) {
        parameters.push({ name: identifier('body'), type: print(operation.body.type), optional: false });
        bodyRoots.push(operation.body.type);
      }
      parameters.push({ name: identifier('context'), type: fixed('Context'), optional: false });
      methods.push({
        kind: 'method',
        name: op.methodName,
        parameters,
        returns: unionLayout([resultName, code`Promise<${resultName}>`]),
        docs: docComment({
          description: operation.description,
          deprecation: operation.deprecation,
          notes: [`\`${label}\``],
        }),
      });
      const constName = values.claim(`${r}:${o}`, camelCase(`${op.stem}_param_specs`));
      paramConsts.push({
        kind: 'const',
        name: constName,
        exported: false,
        type: fixed('readonly ParamSpec[]'),
        value: dataLayout(paramSpecs(operation.parameters, service, imports)).layout,
      });
      const options: Layout[] = [propertyLayout(fixed('params'), constName)];
      const structured = structuredParameters(operation);
      if (structured.length > 0) {
        usesStructured = true;
        bodyRoots.push(...structured.map((p) => p.type));
        const properties = Object.fromEntries(structured.map((p) => [p.name, typeSchema(p.type, 'canon#')]));
        options.push([
          fixed('structured: '),
          callLayout(fixed('paramsValidator'), [
            argument(fixed('ajv')),
            dataArgument({ type: 'object', properties }),
          ]),
        ]);
      }
      if (operation.body) {
        const validator = callLayout(fixed('bodyValidator'), [
          argument(fixed('ajv')),
          dataArgument(typeSchema(operation.body.type, 'canon#')),
        ]);
        options.push([fixed('body: '), validator]);
      }
      const listErrors = operation.responses
        .filter((r) => (r.code === 400 || r.code === 422) && r.type.kind === 'list')
        .map((r) => r.code as number);
      if (listErrors.length > 0) options.push([fixed('listErrors: '), dataLayout(listErrors).layout]);
      const callArguments = operation.body ? ['params', 'body', 'context'] : ['params', 'context'];
      const call = callLayout(
        code`services.${resource.propertyName}.${op.methodName}`,
        callArguments.map((name) => argument(fixed(name))),
      );
      const generics = operation.body
        ? code`<${paramsName}, ${print(operation.body.type)}>`
        : code`<${paramsName}>`;
      const handler = callLayout(code`route${generics}`, [
        { layout: objectLayout(options), huggable: 'object' },
        arrowLayout([fixed('params'), fixed(operation.body ? 'body' : '_body'), fixed('context')], call),
      ]);
      const hasForm = operation.parameters.some((p) => p.location === 'form');
      const parsesForm = hasForm && !operation.body && operation.formEncoding === 'urlencoded';
      // A body declared as text (GitHub's text/plain markdown) arrives as the string sent.
      const sentAs = sentMediaType(operation.body);
      const parsesText = sentAs !== undefined && !isJsonMediaType(sentAs);
      const parsesJson = !parsesForm && !parsesText && (operation.body || hasForm);
      if (parsesForm) usesForm = true;
      if (parsesText) usesText = true;
      allOperations.push(operation);
      mounts.set(operation, [
        callLayout(code`router.${fixed(operation.method.toLowerCase())}`, [
          argument(
            stringLiteral(
              expressPath(
                operation.path,
                operation.parameters.filter((p) => p.location === 'path').map((p) => p.name),
              ),
            ),
          ),
          ...(parsesJson ? [argument(fixed('parseJson'))] : []),
          ...(parsesForm ? [argument(fixed('parseForm'))] : []),
          ...(parsesText ? [argument(fixed('parseText'))] : []),
          argument(handler),
        ]),
        fixed(';'),
      ]);
    });
    declarations.push({
      kind: 'interface',
      name: resource.interfaceName,
      exported: true,
      docs: docComment({
        description: resource.resource.description,
        notes: [
          `The ${resource.resource.plural} resource: implement every method; \`tsc\` reports any that is missing or returns the wrong type.`,
        ],
      }),
      members: methods,
    });
  });

  declarations.push({
    kind: 'interface',
    name: identifier('Services'),
    exported: true,
    docs: docComment({ description: 'One implementation per resource, handed to `createRouter`.' }),
    members: resources.map((resource) => ({
      kind: 'property',
      key: resource.propertyName,
      type: resource.interfaceName,
      optional: false,
    })),
  });

  const schemas = bodySchemas(service, imports, bodyRoots);
  const body: Layout[] = [
    fixed(`const ajv = createAjv(SCHEMAS, options);
const router = express.Router();
const parseJson = jsonBody(options);${usesForm ? '\nconst parseForm = formBody(options);' : ''}${usesText ? '\nconst parseText = textBody(options);' : ''}`),
  ];
  if (!ownsHealthcheck) {
    const mount = callLayout(fixed('router.get'), [
      argument(stringLiteral(HEALTHCHECK_PATH)),
      argument(fixed('healthcheck(options.healthcheck)')),
    ]);
    body.push([fixed('if (options.healthcheck !== false)'), group(indent([line, mount, fixed(';')]))]);
  }
  for (const operation of routeOrder(allOperations)) body.push(mounts.get(operation)!);
  body.push(fixed('router.use(errorHandler(options));\nreturn router;'));
  const factory: Layout = [
    fixed(
      [
        '/**',
        ' * An Express router mounting every operation at its method and path. Parameters are coerced,',
        ' * bodies validated (see `compileValidators` for when), results sent with their status; invalid',
        ' * input gets 400/422 `{ errors: [{ code, path, message }] }`, unexpected errors a bare 500.',
        ' *',
        ' * @example app.use(createRouter({ users: usersService }, { bodyLimit: "100kb" }));',
        ' */',
        'export function createRouter(services: Services, options: RouterOptions = {}): Router ',
      ].join('\n'),
    ),
    blockLayout(body),
  ];
  const runtime = importSpecifier(ROUTES_MODULE, EXPRESS_ROUTES_RUNTIME_MODULE);
  const statements: Statement[] = [
    {
      kind: 'import',
      typeOnly: false,
      defaultName: identifier('express'),
      typeNames: [identifier('Router')],
      from: 'express',
    },
    {
      kind: 'import',
      typeOnly: false,
      names: [
        'bodyValidator',
        'createAjv',
        'errorHandler',
        ...(usesForm ? ['formBody'] : []),
        'healthcheck',
        'jsonBody',
        ...(usesStructured ? ['paramsValidator'] : []),
        'route',
        ...(usesText ? ['textBody'] : []),
      ].map(identifier),
      typeNames: [identifier('Context'), identifier('ParamSpec'), identifier('RouterOptions')],
      from: runtime,
    },
    ...types.importStatements(),
    {
      kind: 'export',
      typeOnly: true,
      names: [identifier('Context'), identifier('RequestProblem'), identifier('RouterOptions')],
      from: runtime,
    },
    {
      kind: 'type',
      name: identifier('NoParams'),
      exported: true,
      docs: docComment({ description: 'The parameters of an operation that declares none.' }),
      type: fixed('Record<string, never>'),
    },
    ...declarations,
    {
      kind: 'const',
      name: identifier('SCHEMAS'),
      exported: false,
      docs: docComment({ description: 'JSON Schemas of the request bodies.' }),
      value: dataLayout(schemas).layout,
    },
    ...paramConsts,
    { kind: 'code', code: factory },
  ];
  return printSourceFile(header, statements);
}

function resultType(responses: readonly Response[], print: (t: TypeRef) => Code): Layout {
  const variants = responses.map((response) => {
    const status = response.code === 'default' ? fixed('number') : numberLiteral(response.code);
    const unit = response.type.kind === 'primitive' && response.type.name === 'unit';
    return typeLiteralLayout(
      unit ? [code`status: ${status}`] : [code`status: ${status}`, code`body: ${print(response.type)}`],
    );
  });
  if (variants.length === 0) return fixed('{ status: number }');
  return unionLayout(variants);
}

/**
 * Parameters of object or union types that arrive as text (query parameters in a declared style,
 * fields of a url-encoded form): checked against their schemas, with coercion.
 */
function structuredParameters(operation: Operation): Parameter[] {
  const form = operation.formEncoding === 'urlencoded';
  return operation.parameters.filter((p) => {
    if (writtenStyle(p) === undefined && !(form && p.location === 'form')) return false;
    const inner = p.type.kind === 'list' ? p.type.of : p.type;
    return inner.kind === 'model' || inner.kind === 'union' || inner.kind === 'map';
  });
}

/** The runtime description of each parameter: where it is read and how it is coerced. */
function paramSpecs(
  parameters: readonly Parameter[],
  service: Service,
  imports: readonly Service[],
): LiteralValue {
  return parameters.map((p): LiteralObject => {
    const list = p.type.kind === 'list';
    const scalar = list && p.type.kind === 'list' ? p.type.of : p.type;
    const { type, values } = scalarOf(scalar, service, imports);
    const style = writtenStyle(p);
    return {
      name: p.name,
      location: p.location,
      type,
      ...(list ? { list: true } : {}),
      required: p.required,
      ...(p.default === undefined ? {} : { default: p.default }),
      ...(p.minimum === undefined ? {} : { minimum: p.minimum }),
      ...(p.maximum === undefined ? {} : { maximum: p.maximum }),
      ...(p.exclusiveMinimum === undefined ? {} : { exclusiveMinimum: p.exclusiveMinimum }),
      ...(p.exclusiveMaximum === undefined ? {} : { exclusiveMaximum: p.exclusiveMaximum }),
      ...(p.multipleOf === undefined ? {} : { multipleOf: p.multipleOf }),
      ...(p.pattern === undefined ? {} : { pattern: p.pattern }),
      ...(p.uniqueItems ? { uniqueItems: true } : {}),
      ...(values ? { values } : {}),
      ...(list && p.items ? { items: itemSpec(p.items) } : {}),
      ...(style ? { style: style[0], explode: style[1] } : {}),
    };
  });
}

/** What the routes runtime checks of each item of a list parameter. */
function itemSpec(items: Constraints): LiteralObject {
  const out: Record<string, LiteralValue> = {};
  for (const key of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf'] as const) {
    const value = items[key];
    if (value !== undefined) out[key] = value;
  }
  if (items.pattern !== undefined) out.pattern = items.pattern;
  return out;
}

function scalarOf(
  type: TypeRef,
  service: Service,
  imports: readonly Service[],
): { type: string; values?: string[] } {
  if (type.kind === 'primitive') {
    return { type: type.name === 'object' || type.name === 'unit' ? 'json' : type.name };
  }
  if (type.kind === 'enum') {
    const home =
      type.namespace === service.namespace ? service : imports.find((s) => s.namespace === type.namespace);
    const found: Enum | undefined = home?.enums.find((e) => e.name === type.name);
    // An extensible enum's parameter takes any string; the listed values are the known ones.
    if (!found || found.extensible) return { type: 'string' };
    return { type: 'enum', values: found.values.map((v) => v.value) };
  }
  return { type: 'json' };
}
