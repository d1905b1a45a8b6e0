import type { Service } from '../../core/ir.js';
import type { GeneratedFile, Generator, GeneratorInput } from '../contract.js';
import {
  type Code,
  code,
  createTypeResolver,
  dataLayout,
  docComment,
  EVENT_SCHEMAS_RUNTIME_MODULE,
  EVENTS_MODULE,
  EVENTS_NATS_RUNTIME_MODULE,
  EVENTS_RUNTIME_MODULE,
  EVENTS_STORES_RUNTIME_MODULE,
  eventsRuntimeFiles,
  fileHeader,
  fixed,
  type Identifier,
  identifier,
  importSpecifier,
  isIdentifierName,
  type Layout,
  objectLayout,
  pascalCase,
  printSourceFile,
  printType,
  type Statement,
  stringLiteral,
  typeArgumentsLayout,
  typeNameOf,
  UniqueNames,
} from '../shared/index.js';
import { bodySchemas, typeSchema } from '../shared/json-schemas.js';
import { type EventUnion, readEventUnions } from './event-unions.js';

export const GENERATOR_NAME = 'events';

/** Options of the events generator. */
export interface EventsOptions {
  /** Only these unions (by wire name, own or imported); by default every `*_event` union. */
  unions?: string[];
}

/** An object literal key: bare, quoted, or computed for `__proto__` (which would set the prototype). */
function literalKey(wireName: string): Code {
  if (wireName === '__proto__') return fixed(`[${stringLiteral(wireName)}]`);
  return isIdentifierName(wireName) ? fixed(wireName) : stringLiteral(wireName);
}

/** The declarations of one event union: stream descriptor, validator, handlers, producer, consumer, mocks. */
function unionStatements(event: EventUnion, base: Identifier, unionType: Code): Statement[] {
  const { union } = event;
  const discriminator = stringLiteral(union.discriminator ?? '');
  const lower = `${base.charAt(0).toLowerCase()}${base.slice(1)}`;
  const stream = identifier(`${lower}Stream`);
  const validator = identifier(`validate${base}`);
  const handlers = identifier(`${base}Handlers`);
  const subjects = objectLayout(
    event.subjects.map(([type, subject]) => code`${literalKey(type)}: ${stringLiteral(subject)}`),
  );
  const prefix = event.subjects[0]?.[1].split('.').slice(0, -1).join('.') ?? '';
  const descriptor: Layout = objectLayout([
    code`union: ${stringLiteral(union.name)}`,
    code`stream: ${stringLiteral(event.stream)}`,
    code`discriminator: ${discriminator}`,
    code`source: ${stringLiteral(event.source)}`,
    code`allSubjects: ${stringLiteral(`${prefix}.>`)}`,
    [fixed('subjects: '), subjects],
  ]);
  const ref = { kind: 'union', name: union.name, namespace: event.home.namespace } as const;
  const root = dataLayout(typeSchema(ref, 'canon#')).layout;
  const docs = (description: string, notes: string[] = [], example?: string) =>
    docComment({ description, notes, tags: example === undefined ? [] : ['', `@example ${example}`] });
  const statements: Statement[] = [
    {
      kind: 'const',
      name: stream,
      exported: true,
      docs: docComment({
        description: union.description,
        deprecation: union.deprecation,
        notes: ['', `Stream \`${event.stream}\`; one subject per event type: \`${prefix}.<type>\`.`],
      }),
      type: fixed('runtime.EventStream'),
      value: descriptor,
    },
    {
      kind: 'const',
      name: validator,
      exported: true,
      docs: docs(`Checks a decoded ${union.name} against the spec; every problem, \`[]\` when valid.`),
      type: fixed('runtime.EventValidator'),
      value: [fixed('eventValidator(SCHEMAS, '), root, fixed(')')],
    },
    {
      kind: 'type',
      name: handlers,
      exported: true,
      docs: docs(
        `The handlers of a ${union.name} consumer: one per event type, or some of them and \`default\`.`,
        ["Each gets the event and its context (`db`: the consumer's store inside the event's transaction)."],
      ),
      type: typeArgumentsLayout(fixed('runtime.EventHandlers'), [
        unionType,
        discriminator,
        fixed('runtime.EventContext<Db>'),
      ]),
      typeParameters: fixed('<Db = unknown>'),
    },
  ];
  if (event.owned) {
    const producer = identifier(`${base}Producer`);
    statements.push(
      {
        kind: 'type',
        name: producer,
        exported: true,
        docs: docs(`Publishes ${union.name}; only ${event.home.name} owns this stream.`),
        type: code`runtime.Producer<${unionType}>`,
      },
      {
        kind: 'code',
        docs: docs(
          `Publishes ${union.name} to its NATS JetStream stream, created on first use.`,
          ['Every event is validated first; a batch resolves once the stream acked each event.'],
          `const producer = ${lower}Producer(await connectToBroker('127.0.0.1:4222'));`,
        ),
        code: fixed(`export function ${lower}Producer(
  nc: nats.NatsConnection,
  options: nats.ProducerOptions = {},
): nats.NatsProducer<${unionType}> {
  return new nats.NatsProducer(nc, ${stream}, ${validator}, options);
}`),
      },
      {
        kind: 'code',
        docs: docs(
          `A ${union.name} producer on an in-memory queue, for tests: validates and records events, delivers them at once.`,
        ),
        code: fixed(`export function mock${base}Producer(queue: runtime.MockEventQueue): runtime.MockProducer<${unionType}> {
  return new runtime.MockProducer(queue, ${stream}, ${validator});
}`),
      },
    );
  }
  statements.push(
    {
      kind: 'code',
      docs: docs(
        `A durable ${union.name} consumer over NATS JetStream, one per consuming application.`,
        [
          "Micro-batches are applied in the store's transactions and acked after the commit; each",
          'event_id is applied once; what fails validation, or fails `maxDeliver` times, is parked.',
        ],
        `await ${lower}Consumer(nc, { durable: 'search', store: sqliteEventStore(db), handlers }).start();`,
      ),
      code: fixed(`export function ${lower}Consumer<Db>(
  nc: nats.NatsConnection,
  options: nats.ConsumerOptions<${unionType}, ${discriminator}, Db>,
): nats.NatsConsumer<${unionType}, ${discriminator}, Db> {
  return new nats.NatsConsumer(nc, ${stream}, ${validator}, options);
}`),
    },
    {
      kind: 'code',
      docs: docs(
        `A ${union.name} consumer on an in-memory queue, for tests, recording what it handled and what failed.`,
        [
          'It handles events as the real consumer does: validated, each in a transaction of the store, each event_id once.',
        ],
      ),
      code: fixed(`export function mock${base}Consumer<Db = undefined>(
  queue: runtime.MockEventQueue,
  handlers: ${handlers}<Db>,
  options: runtime.MockConsumerOptions<Db> = {},
): runtime.MockConsumer<${unionType}, ${discriminator}, Db> {
  const settings = { validate: ${validator}, ...options };
  return new runtime.MockConsumer(queue, ${stream}, handlers, settings);
}`),
    },
  );
  return statements;
}

/** The events module of a service: one block of declarations per event union. */
export function eventsModule(
  service: Service,
  imports: readonly Service[],
  events: readonly EventUnion[],
): GeneratedFile {
  const types = createTypeResolver({
    service,
    imports,
    fromModule: EVENTS_MODULE,
    localAlias: identifier('types'),
  });
  const bases = new UniqueNames(['Runtime', 'Types', 'Nats', 'Stores', 'Schemas']);
  const declared = new Set<string>();
  const body = events.flatMap((event) => {
    const ref = { kind: 'union', name: event.union.name, namespace: event.home.namespace } as const;
    const wanted = typeNameOf(event.home, ref) ?? pascalCase(event.union.name);
    const base = bases.claim(`${event.home.namespace} ${event.union.name}`, wanted);
    const statements = unionStatements(event, base, printType(ref, types.resolve));
    for (const s of statements) if (s.kind !== 'code' && 'name' in s) declared.add(s.name);
    return statements;
  });
  // The runtime's API is re-exported, except a name a union's own declarations already take
  // (union `event` declares `EventHandlers`); it stays reachable through `canon-runtime/`.
  const reexport = (names: readonly string[]) =>
    names.filter((name) => !declared.has(name)).map((name) => identifier(name));
  const runtime = importSpecifier(EVENTS_MODULE, EVENTS_RUNTIME_MODULE);
  const nats = importSpecifier(EVENTS_MODULE, EVENTS_NATS_RUNTIME_MODULE);
  const stores = importSpecifier(EVENTS_MODULE, EVENTS_STORES_RUNTIME_MODULE);
  const roots = events.map(
    (e) => ({ kind: 'union', name: e.union.name, namespace: e.home.namespace }) as const,
  );
  const statements: Statement[] = [
    { kind: 'import', typeOnly: false, namespaceAlias: identifier('runtime'), from: runtime },
    { kind: 'import', typeOnly: false, namespaceAlias: identifier('nats'), from: nats },
    {
      kind: 'import',
      typeOnly: false,
      names: [identifier('eventValidator')],
      from: importSpecifier(EVENTS_MODULE, EVENT_SCHEMAS_RUNTIME_MODULE),
    },
    ...types.importStatements(),
    {
      kind: 'export',
      typeOnly: false,
      names: reexport([
        'InvalidEventError',
        'inEnvironment',
        'MemoryEventStore',
        'MockConsumer',
        'MockEventQueue',
        'MockProducer',
        'ReplayOptionError',
        'UnknownEventTypeError',
      ]),
      from: runtime,
    },
    {
      kind: 'export',
      typeOnly: true,
      names: reexport([
        'Consumer',
        'EventContext',
        'EventHandlers',
        'EventProblem',
        'EventStore',
        'EventStream',
        'EventValidator',
        'FailedEvent',
        'Producer',
        'RecordedEvent',
        'ReplayFrom',
        'ReplayOptions',
      ]),
      from: runtime,
    },
    {
      kind: 'export',
      typeOnly: false,
      names: reexport(['BrokerUnavailableError', 'ConsumerNotFoundError', 'connectToBroker', 'PublishError']),
      from: nats,
    },
    {
      kind: 'export',
      typeOnly: true,
      names: reexport(['BatchSummary', 'ConsumerOptions', 'NatsConnection', 'ProducerOptions']),
      from: nats,
    },
    {
      kind: 'export',
      typeOnly: false,
      names: reexport(['postgresEventStore', 'sqliteEventStore']),
      from: stores,
    },
    { kind: 'export', typeOnly: true, names: reexport(['PostgresPool', 'SqliteDatabase']), from: stores },
    {
      kind: 'const',
      name: identifier('SCHEMAS'),
      exported: false,
      docs: docComment({ description: 'JSON Schemas of the event unions, as the spec defines them.' }),
      value: dataLayout(bodySchemas(service, imports, roots)).layout,
    },
    ...body,
  ];
  return { path: EVENTS_MODULE, contents: printSourceFile(fileHeader(GENERATOR_NAME, service), statements) };
}

/**
 * `events`: for every `*_event` union, the stream descriptor (names derived from organization,
 * application, major version and union), the exhaustive handler type, the producer type for the
 * owning service, and mock producer and consumer on an in-memory queue.
 */
export const generator: Generator<EventsOptions> = {
  name: GENERATOR_NAME,
  description:
    'Typed event streams for every *_event union: NATS JetStream producer and durable consumer, validation, handlers, mock queue (events.ts, canon-runtime/)',
  options: {
    defaults: {},
    schema: {
      type: 'object',
      additionalProperties: false,
      properties: { unions: { type: 'array', items: { type: 'string' } } },
    },
  },
  dependencies: ['typescript-types'],
  generate(input: GeneratorInput<EventsOptions>): GeneratedFile[] {
    const events = readEventUnions(input.service, input.imports, input.options.unions);
    return [eventsModule(input.service, input.imports, events), ...eventsRuntimeFiles()];
  },
};
