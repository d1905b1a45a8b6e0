import { hasConstraint } from '../../core/constraints.js';
import type {
  Constraints,
  Field,
  NamedTypeRef,
  Operation,
  Resource,
  Service,
  TypeRef,
} from '../../core/ir.js';
import { formatTypeRef, qualifiedName, sameType } from '../../core/type-ref.js';
import type { GeneratedFile, Generator, GeneratorInput } from '../contract.js';
import {
  type Argument,
  blockLayout,
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
  hardline,
  identifier,
  importSpecifier,
  type Layout,
  type LiteralObject,
  type LiteralValue,
  MOCK_CLIENT_MODULE,
  MOCK_CLIENT_RUNTIME_MODULE,
  mockClientRuntimeFile,
  type NamedTypeResolver,
  objectLayout,
  printSourceFile,
  responsesType,
  type Statement,
  stringLiteral,
} from '../shared/index.js';

export const GENERATOR_NAME = 'typescript-mock-client';

/** Type names in the data tables: local types by name, imported ones fully qualified. */
const typeKey = (type: TypeRef, localNamespace: string) => formatTypeRef(type, localNamespace);

function fieldRows(fields: readonly Field[], localNamespace: string): LiteralValue {
  return fields.map((f) => {
    const row: LiteralValue[] = [
      f.name,
      typeKey(f.type, localNamespace),
      f.required,
      f.minimum ?? null,
      f.maximum ?? null,
    ];
    const rules = fieldRules(f);
    if (rules) row.push(rules);
    return row;
  });
}

/** The runtime's `FieldRules` of a field, or undefined when it has none (most fields). */
function fieldRules(f: Field): LiteralObject | undefined {
  if (!f.nullable && !hasConstraint(f) && !f.items) return undefined;
  const rules = constraintRules(f);
  if (f.nullable) rules.nullable = true;
  if (f.items) {
    // An item's bounds travel with its other rules (a field's own are the row's min and max).
    const items = constraintRules(f.items);
    if (f.items.minimum !== undefined) items.minimum = f.items.minimum;
    if (f.items.maximum !== undefined) items.maximum = f.items.maximum;
    rules.items = items;
  }
  return Object.keys(rules).length > 0 ? rules : undefined;
}

/** The rules of one set of constraints, bounds left out. */
function constraintRules(c: Constraints): Record<string, LiteralValue> {
  const rules: Record<string, LiteralValue> = {};
  if (c.exclusiveMinimum !== undefined) rules.exclusiveMinimum = c.exclusiveMinimum;
  if (c.exclusiveMaximum !== undefined) rules.exclusiveMaximum = c.exclusiveMaximum;
  if (c.multipleOf !== undefined) rules.multipleOf = c.multipleOf;
  if (c.pattern !== undefined) rules.pattern = c.pattern;
  if (c.format !== undefined) rules.format = c.format;
  if (c.uniqueItems) rules.uniqueItems = true;
  if (c.const !== undefined) rules.const = c.const as LiteralValue;
  return rules;
}

/** The data tables the runtime generates values from: every model, enum and union it can reach. */
function tables(service: Service, imports: readonly Service[]) {
  const models: LiteralValue[] = [];
  const enums: LiteralValue[] = [];
  const unions: LiteralValue[] = [];
  for (const source of [service, ...imports]) {
    const local = source === service;
    const key = (kind: NamedTypeRef['kind'], name: string) =>
      local ? name : qualifiedName({ kind, name, namespace: source.namespace });
    for (const m of source.models)
      models.push([key('model', m.name), fieldRows(m.fields, service.namespace)]);
    for (const i of source.interfaces)
      models.push([key('interface', i.name), fieldRows(i.fields, service.namespace)]);
    for (const e of source.enums) enums.push([key('enum', e.name), e.values.map((v) => v.value)]);
    for (const u of source.unions) {
      const members = u.types.map((t) => [t.discriminatorValue, typeKey(t.type, service.namespace)]);
      const spec: LiteralValue[] = [u.discriminator ?? null, members];
      if (u.untagged) spec.push(true);
      unions.push([key('union', u.name), spec]);
    }
  }
  const table = (name: string, type: string, rows: LiteralValue[]): Layout => [
    fixed(`const ${name} = `),
    callLayout(fixed(`new Map<string, ${type}>`), [dataArgument(rows)]),
    fixed(';'),
  ];
  return [
    table('MODELS', 'readonly FieldSpec[]', models),
    table('ENUMS', 'readonly string[]', enums),
    table('UNIONS', 'UnionSpec', unions),
  ];
}

const isOf = (type: TypeRef, resourceType: TypeRef) => sameType(type, resourceType);

/** What an operation does in store mode, judged from its method, path and response type. */
function storeRole(
  resource: Resource,
  operation: Operation,
  successType: TypeRef | undefined,
  key: string | null,
) {
  const modelResource = resource.type.kind === 'model';
  if (!modelResource || !successType) return null;
  const single = isOf(successType, resource.type);
  const many = successType.kind === 'list' && isOf(successType.of, resource.type);
  switch (operation.method) {
    case 'POST':
      return single ? 'create' : null;
    case 'GET':
      if (many && key === null) return 'list';
      return single && key !== null ? 'read' : null;
    case 'PUT':
    case 'PATCH':
      return single && key !== null ? 'update' : null;
    case 'DELETE':
      return key !== null ? 'delete' : null;
    default:
      return null;
  }
}

function mockOperation(resource: ClientResource, op: ClientOperation, localNamespace: string): Argument {
  const { operation } = op;
  const pathParams = operation.parameters.filter((p) => p.location === 'path').map((p) => p.name);
  const key = pathParams[pathParams.length - 1] ?? null;
  const success = op.successes.map((r) => [
    typeof r.code === 'number' ? r.code : 200,
    typeKey(r.type, localNamespace),
  ]);
  return dataArgument({
    name: op.qualifiedName,
    success,
    errors: op.errors.flatMap((r) => (typeof r.code === 'number' ? [r.code] : [])),
    store: storeRole(resource.resource, operation, op.successes[0]?.type, key),
    key,
    resource: resource.propertyName,
    hasBody: operation.body !== undefined,
    hasParams: op.paramsTypeName !== undefined,
  });
}

function mockClass(
  service: Service,
  resources: readonly ClientResource[],
  resolve: NamedTypeResolver,
): Layout {
  const fields = resources.map((r) => code`readonly ${r.propertyName}: client.${r.interfaceName};`);
  const assignments = resources.map((resource): Layout => {
    const methods = resource.operations.map((op): Layout => {
      const names: Code[] = [];
      if (op.operation.body) names.push(fixed('body'));
      if (op.paramsTypeName) names.push(fixed('params'));
      names.push(fixed('options'));
      const result = responsesType(op.successes, resolve);
      return callEntry({
        key: code`${op.methodName}: `,
        parameters: names,
        callee: fixed('engine.invoke'),
        descriptor: mockOperation(resource, op, service.namespace),
        rest: [stringLiteral(op.methodName)],
        names,
        tail: code` as Promise<${result}>`,
      });
    });
    return [code`this.${resource.propertyName} = `, objectLayout(methods), fixed(';')];
  });
  const docs = docComment({
    description: `A mock of the ${service.name} API implementing Client: schema-true data for a seed, recorded calls, per-operation overrides, and a store mode.`,
    tags: [
      '@example',
      'const mock = new MockClient({ seed: 7, store: true });',
      "mock.overrideOperation('users', 'getById', async () => someUser);",
    ],
  });
  const constructorLayout: Layout = [
    fixed('constructor(options: MockClientOptions = {}) '),
    blockLayout([
      fixed(`const engine = new MockEngine(options, MODELS, ENUMS, UNIONS);
this.#engine = engine;
this.recordedCalls = engine.calls;`),
      ...assignments,
    ]),
  ];
  return [
    docs ? [docs, hardline] : [],
    fixed('export class MockClient implements client.Client '),
    blockLayout([
      fixed(`/** Every call, in order: resource, method and arguments. */
readonly recordedCalls: readonly RecordedCall[];`),
      ...fields,
      fixed('readonly #engine: MockEngine;\n'),
      constructorLayout,
      fixed(`
/** Replaces one operation's answer; the call is still recorded. */
overrideOperation<R extends keyof client.Client, M extends keyof client.Client[R]>(
  resource: R,
  method: M,
  implementation: client.Client[R][M],
): this {
  this.#engine.overrides.set(String(resource) + '.' + String(method), implementation as never);
  return this;
}

/** Forgets recorded calls and stored records (overrides stay). */
resetMock(): void {
  this.#engine.reset();
}

/** Generated data for a type by its spec name (\`user\`, \`[user]\`), deterministic for the seed and salt. */
sampleOf(type: string, salt = ''): unknown {
  return this.#engine.sample(type, salt);
}`),
    ]),
  ];
}

/** The mock client module of a service. */
export function mockClientModule(service: Service, imports: readonly Service[]): GeneratedFile {
  const types = createTypeResolver({
    service,
    imports,
    fromModule: MOCK_CLIENT_MODULE,
    localAlias: identifier('types'),
  });
  const resources = clientModel(service);
  const runtime = importSpecifier(MOCK_CLIENT_MODULE, MOCK_CLIENT_RUNTIME_MODULE);
  const body: Statement[] = [
    ...tables(service, imports).map((table): Statement => ({ kind: 'code', code: table })),
    { kind: 'code', code: mockClass(service, resources, types.resolve) },
  ];
  const statements: Statement[] = [
    {
      kind: 'import',
      typeOnly: false,
      names: [identifier('MockEngine')],
      typeNames: [
        identifier('FieldSpec'),
        identifier('MockClientOptions'),
        identifier('RecordedCall'),
        identifier('UnionSpec'),
      ],
      from: runtime,
    },
    { kind: 'import', typeOnly: true, namespaceAlias: identifier('client'), from: './client.js' },
    ...types.importStatements(),
    {
      kind: 'export',
      typeOnly: true,
      names: [identifier('MockClientOptions'), identifier('RecordedCall')],
      from: runtime,
    },
    ...body,
  ];
  return {
    path: MOCK_CLIENT_MODULE,
    contents: printSourceFile(fileHeader(GENERATOR_NAME, service), statements),
  };
}

/**
 * `typescript-mock-client`: `MockClient implements Client` — schema-true data deterministic for a
 * seed, recorded calls, per-operation overrides, and a store mode.
 */
export const generator: Generator<Record<string, never>> = {
  name: GENERATOR_NAME,
  description:
    'A mock client implementing the same Client interface, with schema-true data (mock-client.ts, canon-runtime/)',
  options: { defaults: {}, schema: { type: 'object', additionalProperties: false, properties: {} } },
  dependencies: ['typescript-types', 'typescript-client'],
  generate(input: GeneratorInput<Record<string, never>>): GeneratedFile[] {
    return [mockClientModule(input.service, input.imports), clientRuntimeFile(), mockClientRuntimeFile()];
  },
};
