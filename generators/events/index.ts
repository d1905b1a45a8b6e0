import type { Service } from '../../core/ir.js';
import type { GeneratedFile, Generator, GeneratorInput } from '../contract.js';
import {
  type Code,
  code,
  createTypeResolver,
  docComment,
  EVENTS_MODULE,
  EVENTS_RUNTIME_MODULE,
  eventsRuntimeFile,
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
  typeNameOf,
  UniqueNames,
} from '../shared/index.js';
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

/** The declarations of one event union: stream descriptor, handler type, producer type, mocks. */
function unionStatements(event: EventUnion, base: Identifier, unionType: Code): Statement[] {
  const { union } = event;
  const discriminator = stringLiteral(union.discriminator ?? '');
  const stream = identifier(`${base.charAt(0).toLowerCase()}${base.slice(1)}Stream`);
  const handlers = identifier(`${base}Handlers`);
  const subjects = objectLayout(
    event.subjects.map(([type, subject]) => code`${literalKey(type)}: ${stringLiteral(subject)}`),
  );
  const descriptor: Layout = objectLayout([
    code`union: ${stringLiteral(union.name)}`,
    code`stream: ${stringLiteral(event.stream)}`,
    code`discriminator: ${discriminator}`,
    code`source: ${stringLiteral(event.source)}`,
    [fixed('subjects: '), subjects],
  ]);
  const prefix = event.subjects[0]?.[1].split('.').slice(0, -1).join('.') ?? '';
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
      kind: 'type',
      name: handlers,
      exported: true,
      docs: docComment({
        description: `The handlers of a ${union.name} consumer: one per event type, or some of them and \`default\`.`,
      }),
      type: code`runtime.EventHandlers<${unionType}, ${discriminator}>`,
    },
  ];
  const mockDocs = (what: string) => docComment({ description: what });
  if (event.owned) {
    const producer = identifier(`${base}Producer`);
    statements.push(
      {
        kind: 'type',
        name: producer,
        exported: true,
        docs: docComment({
          description: `Publishes ${union.name}; only ${event.home.name} owns this stream.`,
        }),
        type: code`runtime.Producer<${unionType}>`,
      },
      {
        kind: 'code',
        docs: mockDocs(
          `A ${union.name} producer on an in-memory queue, for tests: records events, delivers them at once.`,
        ),
        code: fixed(`export function mock${base}Producer(queue: runtime.MockEventQueue): runtime.MockProducer<${unionType}> {
  return new runtime.MockProducer(queue, ${stream});
}`),
      },
    );
  }
  statements.push({
    kind: 'code',
    docs: mockDocs(
      `A ${union.name} consumer on an in-memory queue, for tests: records what it handled and what failed.`,
    ),
    code: fixed(`export function mock${base}Consumer(
  queue: runtime.MockEventQueue,
  handlers: ${handlers},
): runtime.MockConsumer<${unionType}, ${discriminator}> {
  return new runtime.MockConsumer(queue, ${stream}, handlers);
}`),
  });
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
  const bases = new UniqueNames(['Runtime', 'Types']);
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
  // (union \`event\` declares \`EventHandlers\`); it stays reachable through \`canon-runtime/events.js\`.
  const reexport = (names: readonly string[]) =>
    names.filter((name) => !declared.has(name)).map((name) => identifier(name));
  const runtime = importSpecifier(EVENTS_MODULE, EVENTS_RUNTIME_MODULE);
  const statements: Statement[] = [
    { kind: 'import', typeOnly: false, namespaceAlias: identifier('runtime'), from: runtime },
    ...types.importStatements(),
    {
      kind: 'export',
      typeOnly: false,
      names: reexport(['MockConsumer', 'MockEventQueue', 'MockProducer', 'UnknownEventTypeError']),
      from: runtime,
    },
    {
      kind: 'export',
      typeOnly: true,
      names: reexport([
        'Consumer',
        'EventHandlers',
        'EventStream',
        'FailedEvent',
        'Producer',
        'RecordedEvent',
      ]),
      from: runtime,
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
    'Typed event streams for every *_event union: stream and subject names, handlers, producer, mock queue (events.ts, canon-runtime/)',
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
    return [eventsModule(input.service, input.imports, events), eventsRuntimeFile()];
  },
};
