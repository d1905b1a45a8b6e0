/*
 * Canon's runtime for generated code, shared by the generated modules of this directory.
 * Do not edit: `canon generate` writes it again.
 */
/**
 * The runtime of Canon's generated event modules: the stream descriptor, the producer and consumer
 * interfaces, the dispatch of an event to its handler by discriminator, what a consumer does with
 * one received message (decode, validate, skip what was applied, run the handler in the store's
 * transaction), and the in-memory mock queue with its producer and consumer. A generated
 * `events.ts` hands it one escaped descriptor and one validator per event union; nothing from a
 * spec is code here, and it depends on nothing but the language.
 */

/** Where one event union travels: its stream, its subjects and what the headers say about it. */
export interface EventStream {
  /** The union's wire name (`user_event`). */
  readonly union: string;
  /** The JetStream stream name: `{organization}_{application}_v{major}_{union}`. */
  readonly stream: string;
  /** The discriminator field of the flat union. */
  readonly discriminator: string;
  /** The CloudEvents `source`: `/{organization}/{application}`. */
  readonly source: string;
  /** Every subject of the stream: `{organization}.{application}.v{major}.{union}.>`. */
  readonly allSubjects: string;
  /** One subject per event type: discriminator value → `{organization}.{application}.v{major}.{union}.{type}`. */
  readonly subjects: { readonly [type: string]: string };
}

/**
 * The descriptor of `stream` inside an environment (`test`, `staging`, a developer's name): the
 * stream name gets `{environment}_` in front and every subject `{environment}.`, so several
 * environments share one broker without meeting. The environment is one token.
 */
export function inEnvironment(stream: EventStream, environment: string): EventStream {
  if (!/^[A-Za-z0-9_-]+$/.test(environment)) {
    throw new globalThis.Error(
      `environment ${JSON.stringify(environment)} is not one NATS token; use only letters, digits, '_' and '-'`,
    );
  }
  const subjects: { [type: string]: string } = {};
  for (const [type, subject] of globalThis.Object.entries(stream.subjects))
    subjects[type] = `${environment}.${subject}`;
  return {
    ...stream,
    stream: `${environment}_${stream.stream}`,
    allSubjects: `${environment}.${stream.allSubjects}`,
    subjects,
  };
}

/** Sends events of one union; only the service that owns the union has one. */
export interface Producer<E> {
  /** Publishes one event; resolves when it is stored. */
  publish(event: E): Promise<void>;
  /** Publishes events in order; resolves when every one is stored. */
  publishBatch(events: readonly E[]): Promise<void>;
}

/** Receives events of one union and hands each to its handler. */
export interface Consumer {
  /** Starts receiving; resolves once the consumer is subscribed. */
  start(): Promise<void>;
  /** Stops receiving; resolves when the event in hand has been handled. */
  stop(): Promise<void>;
}

/**
 * Where a consumer's replay starts on its stream: the first message it holds, a stream sequence
 * (that message and the ones after it), or a time (the first message stored at or after it).
 *
 * @example await consumer.replay({ time: '2026-01-01T00:00:00Z' });
 */
export type ReplayFrom = 'beginning' | { readonly sequence: number } | { readonly time: Date | string };

/** How a replay treats what the consumer applied before. */
export interface ReplayOptions<Db> {
  /**
   * Rebuild rather than catch up: `rebuild(db)` (empty the read model's tables, say) runs in one
   * transaction of the store that also forgets every event this consumer applied, so each replayed
   * event is applied again, once. Without it a replayed event whose `event_id` the store recorded
   * is skipped: a replay into the same store applies nothing twice.
   */
  rebuild?: (db: Db) => void | Promise<void>;
}

/** A replay start that is not one: a sequence that is not a positive integer, a time that is no time. */
export class ReplayOptionError extends globalThis.Error {
  override readonly name: string = 'ReplayOptionError';
}

/** A checked replay start, the time as ISO text (what JetStream's `opt_start_time` takes). */
export type ReplayStart =
  | { kind: 'beginning' }
  | { kind: 'sequence'; sequence: number }
  | { kind: 'time'; time: string };

/** An RFC 3339 time with its zone, as JetStream reads `opt_start_time`. */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

/** Checks where a replay starts; throws `ReplayOptionError` saying what to pass instead. */
export function replayStart(from: ReplayFrom): ReplayStart {
  if (from === 'beginning') return { kind: 'beginning' };
  if (typeof from === 'object' && from !== null && 'sequence' in from) {
    const { sequence } = from;
    if (!globalThis.Number.isSafeInteger(sequence) || sequence < 1)
      throw new ReplayOptionError(
        `replay from sequence ${globalThis.String(sequence)}: a stream sequence is an integer from 1 on`,
      );
    return { kind: 'sequence', sequence };
  }
  if (typeof from === 'object' && from !== null && 'time' in from) {
    const { time } = from;
    const valid =
      time instanceof globalThis.Date
        ? !globalThis.Number.isNaN(time.getTime())
        : typeof time === 'string' &&
          RFC3339.test(time) &&
          !globalThis.Number.isNaN(globalThis.Date.parse(time));
    if (!valid)
      throw new ReplayOptionError(
        `replay from time ${globalThis.JSON.stringify(globalThis.String(time))}: give a Date or an ISO 8601 time with its zone, such as 2026-01-01T00:00:00Z`,
      );
    // Text goes on as written: a stream's timestamps have nanoseconds, which a Date would cut.
    return { kind: 'time', time: time instanceof globalThis.Date ? time.toISOString() : time };
  }
  throw new ReplayOptionError(
    `replay from ${globalThis.JSON.stringify(from)}: give 'beginning', { sequence } or { time }`,
  );
}

/**
 * The rebuild half of a replay: runs `rebuild(db)` and forgets the consumer's applied events in
 * one transaction of `store`, so both happen or neither. Returns how many events were forgotten.
 */
export async function forgetForRebuild<Db>(
  store: EventStore<Db>,
  consumer: string,
  rebuild: (db: Db) => void | Promise<void>,
): Promise<number> {
  return store.transaction(async (tx) => {
    if (tx.forgetApplied === undefined)
      throw new ReplayOptionError(
        `the store of consumer ${consumer} cannot forget applied events (no forgetApplied): a rebuild needs it; replay into a fresh database instead`,
      );
    await rebuild(tx.db);
    return tx.forgetApplied(consumer);
  });
}

/** What a handler gets besides the event: the transaction it runs in and where the event came from. */
export interface EventContext<Db = unknown> {
  /** The consumer's database handle inside the transaction the event is applied in. */
  readonly db: Db;
  readonly subject: string;
  /** The stream sequence (0 for an event handed to a mock consumer directly). */
  readonly sequence: number;
  /** How many times the message was delivered, this one included. */
  readonly deliveries: number;
  /** The message headers (`ce-id`, `ce-type`, …). */
  readonly headers: Readonly<Record<string, string>>;
}

type Handler<T, C> = (event: T, context: C) => void | Promise<void>;
type Tag<E, D extends keyof E> = E[D] & string;

/**
 * The handlers of a consumer, one per event type. Either every type has a handler (a type added to
 * the union then fails to compile until it is handled), or `default` takes the ones not listed.
 *
 * @example const handlers: EventHandlers<UserEvent, 'discriminator'> = { user_upserted: save, default: () => {} };
 */
export type EventHandlers<E, D extends keyof E, C = EventContext> =
  | { readonly [K in Tag<E, D>]: Handler<Extract<E, { readonly [P in D]: K }>, C> }
  | ({ readonly [K in Tag<E, D>]?: Handler<Extract<E, { readonly [P in D]: K }>, C> } & {
      readonly default: Handler<E, C>;
    });

/** An event whose type the consumer has no handler for (a producer newer than the consumer). */
export class UnknownEventTypeError extends globalThis.Error {
  override readonly name: string = 'UnknownEventTypeError';
  constructor(
    readonly stream: string,
    readonly type: unknown,
  ) {
    super(
      `${stream}: no handler for event type ${JSON.stringify(type)}; regenerate the consumer or add a default handler`,
    );
  }
}

/** Hands an event to the handler for its discriminator value, or to `default`. */
export async function dispatch<E, D extends keyof E, C>(
  stream: EventStream,
  handlers: EventHandlers<E, D, C>,
  event: E,
  context: C,
): Promise<void> {
  const table = handlers as { readonly [type: string]: Handler<E, C> | undefined };
  const type = (event as { readonly [key: string]: unknown })[stream.discriminator];
  const own =
    typeof type === 'string' && type !== 'default' && globalThis.Object.hasOwn(table, type)
      ? table[type]
      : undefined;
  const handler = own ?? (globalThis.Object.hasOwn(table, 'default') ? table.default : undefined);
  if (handler === undefined) throw new UnknownEventTypeError(stream.stream, type);
  await handler(event, context);
}

/** The subject an event is published on, from its discriminator value. */
export function subjectOf(stream: EventStream, event: unknown): string {
  const type = (event as { readonly [key: string]: unknown })[stream.discriminator];
  const subject = typeof type === 'string' && globalThis.Object.hasOwn(stream.subjects, type);
  if (!subject) throw new UnknownEventTypeError(stream.stream, type);
  return stream.subjects[type as string] as string;
}

/** One way an event misses its schema: a JSON pointer into the event and what is wrong there. */
export interface EventProblem {
  code: string;
  path: string;
  message: string;
}

/**
 * Checks a decoded event against its union's JSON Schema; every problem at once, `[]` when valid
 * (the spec's defaults are filled in). `accepts`, when there, only says whether a value is valid
 * as it is, changing nothing: a producer tries it first on the caller's object.
 */
export type EventValidator = ((event: unknown) => EventProblem[]) & {
  readonly accepts?: (event: unknown) => boolean;
};

/** Accepts everything: for a producer or consumer built without the spec's schemas. */
export const acceptAnyEvent: EventValidator = () => [];

/** A producer refused events that do not match the spec; nothing of the batch was sent. */
export class InvalidEventError extends globalThis.Error {
  override readonly name: string = 'InvalidEventError';
  constructor(
    readonly stream: string,
    readonly problems: readonly EventProblem[],
  ) {
    super(
      `${stream}: nothing was published, the spec refuses: ${problems
        .map((p) => `${p.path} ${p.message}`)
        .join('; ')}`,
    );
  }
}

/**
 * The body and headers of an event as the wire carries them, after validation: the event's JSON
 * exactly as the spec defines it, and the CloudEvents binary-mode attributes.
 * Throws `InvalidEventError` (the batch index in front of each path when `index` is given).
 */
export function encodeEvent(
  stream: EventStream,
  validate: EventValidator,
  event: unknown,
  index?: number,
): { subject: string; eventId: string; body: string; headers: Record<string, string> } {
  const body = globalThis.JSON.stringify(event);
  const at = (path: string) => (index === undefined ? path : `/${index}${path}`);
  // The caller's object is checked as it is, which a valid event passes; otherwise its JSON text,
  // what travels, is (a Date, an undefined field are fine once in JSON), on a copy, since the
  // schemas fill in defaults and the caller's object stays as it was.
  const problems =
    body === undefined ? notJson() : validate.accepts?.(event) ? [] : validate(globalThis.JSON.parse(body));
  if (problems.length > 0)
    throw new InvalidEventError(
      stream.stream,
      problems.map((p) => ({ ...p, path: at(p.path) })),
    );
  const fields = event as { readonly [key: string]: unknown };
  const eventId = fields.event_id;
  const time = fields.timestamp;
  if (typeof eventId !== 'string' || eventId === '' || typeof time !== 'string') {
    const problem = { code: 'event-header', path: at('/event_id'), message: 'must be a non-empty string' };
    throw new InvalidEventError(stream.stream, [problem]);
  }
  return {
    subject: subjectOf(stream, event),
    eventId,
    body,
    headers: {
      'ce-specversion': '1.0',
      'ce-id': eventId,
      'ce-type': String(fields[stream.discriminator]),
      'ce-source': stream.source,
      'ce-time': time,
      'content-type': 'application/json',
    },
  };
}

/** Encodes a batch, validating every event first: one `InvalidEventError` lists the problems of all of them. */
export function encodeBatch(
  stream: EventStream,
  validate: EventValidator,
  events: readonly unknown[],
): ReturnType<typeof encodeEvent>[] {
  const problems: EventProblem[] = [];
  const wire: ReturnType<typeof encodeEvent>[] = [];
  events.forEach((event, index) => {
    try {
      wire.push(encodeEvent(stream, validate, event, events.length === 1 ? undefined : index));
    } catch (error) {
      if (!(error instanceof InvalidEventError)) throw error;
      problems.push(...error.problems);
    }
  });
  if (problems.length > 0) throw new InvalidEventError(stream.stream, problems);
  return wire;
}

const notJson = (): EventProblem[] => [{ code: 'event-not-json', path: '', message: 'is not a JSON value' }];

/** A message as it arrived, before anything was made of it: what a parked message keeps. */
export interface RawMessage {
  subject: string;
  sequence: number;
  deliveries: number;
  headers: Record<string, string>;
  body: string;
}

/** A message the consumer gave up on: its body failed validation, or its handler failed too often. */
export interface ParkedMessage extends RawMessage {
  consumer: string;
  stream: string;
  /** The event's `event_id` when the body had one. */
  eventId: string | null;
  reason: 'invalid' | 'failed';
  error: string;
}

/** A parked message as the failures table holds it. */
export interface StoredFailure extends ParkedMessage {
  id: number;
  /** `retry` once `canon events failures retry` asked the consumer to take it again. */
  status: 'parked' | 'retry';
  /** How many times the consumer took it (the first parking included). */
  attempts: number;
  parkedAt: string;
}

/**
 * The consumer's own database, as the consumer uses it: a transaction for each micro-batch, a
 * savepoint per message inside it, the ids of the events already applied and the parked messages.
 * `sqliteEventStore` and `postgresEventStore` (canon-runtime/events-stores.ts) implement it.
 */
export interface EventStore<Db> {
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: StoreTransaction<Db>) => Promise<T>): Promise<T>;
  /** A cheap look, before each batch, for messages marked for retry (without it, a transaction looks). */
  hasRetries?(consumer: string): Promise<boolean>;
}

/** What a consumer does inside one transaction of its store. */
export interface StoreTransaction<Db> {
  /** The handle handlers write with; their writes commit with the transaction. */
  readonly db: Db;
  /** Runs `work` under a savepoint: its writes are undone when it throws, and the error goes on. */
  savepoint(work: () => Promise<void>): Promise<void>;
  /** Whether `consumer` has applied the event with this id. */
  applied(consumer: string, eventId: string): Promise<boolean>;
  markApplied(consumer: string, eventId: string): Promise<void>;
  /**
   * Forgets every event `consumer` applied, so that a replay applies them again: what a rebuild
   * of a read model does (`replay(from, { rebuild })`). Returns how many were forgotten.
   */
  forgetApplied?(consumer: string): Promise<number>;
  park(message: ParkedMessage): Promise<void>;
  /** The parked messages of `consumer` that were asked to be retried, oldest first. */
  retries(consumer: string): Promise<StoredFailure[]>;
  /** A retried message went through: it leaves the failures table. */
  unpark(id: number): Promise<void>;
  /** A retried message failed again: parked with the new error. */
  parkAgain(id: number, error: string): Promise<void>;
}

/** What became of one received message. */
export type Outcome =
  | { kind: 'applied' }
  | { kind: 'duplicate' }
  | { kind: 'invalid'; eventId: string | null; error: string }
  | { kind: 'failed'; eventId: string; error: string };

/** What a consumer needs to receive a message: its name, its stream, its handlers, its validator. */
export interface Receiver<Db> {
  /** The durable name of the consuming application; processed ids and failures are kept under it. */
  readonly consumer: string;
  readonly stream: EventStream;
  readonly handlers: EventHandlers<unknown, never, EventContext<Db>>;
  readonly validate: EventValidator;
}

/** The text of an error for the failures table: its message, not its stack. */
export function errorText(error: unknown): string {
  return error instanceof globalThis.Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Decodes and validates one message, then, unless its event was applied already, runs its handler
 * and records its `event_id` under one savepoint of `tx`: the handler's writes and the record
 * commit together or not at all. Never throws for the message's sake; the caller parks, naks or
 * acks. With `isolate` false there is no savepoint: a failing handler then throws
 * `IsolationNeeded`, and the caller rolls the whole transaction back and goes again, isolated.
 */
export async function receive<Db>(
  tx: StoreTransaction<Db>,
  receiver: Receiver<Db>,
  message: RawMessage,
  isolate = true,
): Promise<Outcome> {
  let event: unknown;
  try {
    event = globalThis.JSON.parse(message.body);
  } catch (error) {
    return { kind: 'invalid', eventId: null, error: `the body is not JSON: ${errorText(error)}` };
  }
  const id = (event as { readonly event_id?: unknown } | null)?.event_id;
  const eventId = typeof id === 'string' && id !== '' ? id : null;
  const problems = receiver.validate(event);
  if (problems.length > 0 || eventId === null) {
    const listed = problems.map((p) => `${p.path === '' ? '/' : p.path} ${p.message}`);
    if (problems.length === 0) listed.push('/event_id must be a non-empty string');
    return { kind: 'invalid', eventId, error: `the event does not match the spec: ${listed.join('; ')}` };
  }
  if (await tx.applied(receiver.consumer, eventId)) return { kind: 'duplicate' };
  const context: EventContext<Db> = {
    db: tx.db,
    subject: message.subject,
    sequence: message.sequence,
    get deliveries() {
      return message.deliveries;
    },
    get headers() {
      return message.headers;
    },
  };
  const apply = async () => {
    await dispatch(receiver.stream, receiver.handlers, event as never, context);
    await tx.markApplied(receiver.consumer, eventId);
  };
  if (!isolate) {
    await apply().catch(() => {
      throw new IsolationNeeded();
    });
    return { kind: 'applied' };
  }
  try {
    await tx.savepoint(apply);
    return { kind: 'applied' };
  } catch (error) {
    return { kind: 'failed', eventId, error: errorText(error) };
  }
}

/**
 * A handler failed in a batch run without savepoints: its writes cannot be undone alone, so the
 * batch's transaction is rolled back and the batch goes again with a savepoint per message.
 */
export class IsolationNeeded extends globalThis.Error {
  override readonly name: string = 'IsolationNeeded';
}

/** The failures-table row of a message the consumer gives up on. */
export function parked<Db>(
  receiver: Receiver<Db>,
  message: RawMessage,
  outcome: Extract<Outcome, { kind: 'invalid' | 'failed' }>,
): ParkedMessage {
  return {
    ...message,
    consumer: receiver.consumer,
    stream: receiver.stream.stream,
    eventId: outcome.eventId,
    reason: outcome.kind,
    error: outcome.error,
  };
}

/**
 * Takes the parked messages `canon events failures retry` marked, in one transaction: each goes
 * through `receive` again (validation included, so a consumer regenerated from a newer spec may
 * now accept it) and leaves the table, or stays parked with its new error. Returns how many went through.
 */
export async function retryParked<Db>(store: EventStore<Db>, receiver: Receiver<Db>): Promise<number> {
  if (store.hasRetries && !(await store.hasRetries(receiver.consumer))) return 0;
  return store.transaction(async (tx) => {
    let done = 0;
    for (const failure of await tx.retries(receiver.consumer)) {
      const outcome = await receive(tx, receiver, failure);
      if (outcome.kind === 'applied' || outcome.kind === 'duplicate') {
        await tx.unpark(failure.id);
        done++;
      } else await tx.parkAgain(failure.id, outcome.error);
    }
    return done;
  });
}

/**
 * A store in memory with no database behind it (`db` is `undefined`): applied ids and parked
 * messages live as long as the object. What a mock consumer uses unless it is given a real store.
 */
export class MemoryEventStore implements EventStore<undefined> {
  readonly applied = new Set<string>();
  readonly failures: StoredFailure[] = [];
  #nextId = 1;

  async transaction<T>(work: (tx: StoreTransaction<undefined>) => Promise<T>): Promise<T> {
    const key = (consumer: string, eventId: string) => globalThis.JSON.stringify([consumer, eventId]);
    const find = (id: number) => this.failures.find((f) => f.id === id);
    return work({
      db: undefined,
      savepoint: (inner) => inner(),
      applied: async (consumer, eventId) => this.applied.has(key(consumer, eventId)),
      markApplied: async (consumer, eventId) => void this.applied.add(key(consumer, eventId)),
      forgetApplied: async (consumer) => {
        let forgotten = 0;
        for (const entry of [...this.applied]) {
          if (globalThis.JSON.parse(entry)[0] !== consumer) continue;
          this.applied.delete(entry);
          forgotten++;
        }
        return forgotten;
      },
      park: async (message) =>
        void this.failures.push({
          ...message,
          id: this.#nextId++,
          status: 'parked',
          attempts: 1,
          parkedAt: new globalThis.Date().toISOString(),
        }),
      retries: async (consumer) =>
        this.failures.filter((f) => f.consumer === consumer && f.status === 'retry'),
      unpark: async (id) => {
        const index = this.failures.findIndex((f) => f.id === id);
        if (index >= 0) this.failures.splice(index, 1);
      },
      parkAgain: async (id, error) => {
        const failure = find(id);
        if (failure)
          globalThis.Object.assign(failure, { error, status: 'parked', attempts: failure.attempts + 1 });
      },
    });
  }
}

/** One event as the mock queue stored it: which stream, which subject, the event itself. */
export interface RecordedEvent {
  stream: string;
  subject: string;
  event: unknown;
}

/** An event a mock consumer did not apply: its handler threw, or it did not match the spec. */
export interface FailedEvent {
  event: unknown;
  error: unknown;
}

type Subscriber = (message: RawMessage) => Promise<void>;

/**
 * An in-memory stand-in for the broker, shared by mock producers and consumers: every published
 * event is recorded and delivered at once, in order, to the started consumers of its stream.
 */
export class MockEventQueue {
  /** Every event published, in order. */
  readonly published: RecordedEvent[] = [];
  readonly #subscribers = new Map<string, Set<Subscriber>>();
  /** What a stream holds, for replays: each message with its sequence and when it was stored. */
  readonly #stored: { stream: string; message: RawMessage; storedAt: number }[] = [];
  #sequence = 0;

  /**
   * Records the event and awaits every started consumer of its stream. Validates it first when
   * given the union's validator, and refuses it (`InvalidEventError`, nothing recorded) if invalid.
   */
  async publish(
    stream: EventStream,
    event: unknown,
    validate: EventValidator = acceptAnyEvent,
  ): Promise<void> {
    const wire = encodeEvent(stream, validate, event);
    this.published.push({ stream: stream.stream, subject: wire.subject, event });
    const message = {
      subject: wire.subject,
      sequence: ++this.#sequence,
      deliveries: 1,
      headers: wire.headers,
    };
    this.#stored.push({
      stream: stream.stream,
      message: { ...message, body: wire.body },
      storedAt: globalThis.Date.now(),
    });
    for (const deliver of [...(this.#subscribers.get(stream.stream) ?? [])])
      await deliver({ ...message, body: wire.body });
  }

  /** The messages of one stream from `start` on, as a replay delivers them again. */
  messagesFrom(stream: EventStream, start: ReplayStart): RawMessage[] {
    const from = start.kind === 'time' ? globalThis.Date.parse(start.time) : 0;
    return this.#stored
      .filter((s) => s.stream === stream.stream)
      .filter((s) => (start.kind === 'sequence' ? s.message.sequence >= start.sequence : s.storedAt >= from))
      .map((s) => ({ ...s.message, deliveries: s.message.deliveries + 1 }));
  }

  /** The events published on one stream, in order. */
  eventsOf(stream: EventStream): unknown[] {
    return this.published.filter((r) => r.stream === stream.stream).map((r) => r.event);
  }

  subscribe(stream: EventStream, deliver: Subscriber): () => void {
    let set = this.#subscribers.get(stream.stream);
    if (!set) {
      set = new Set();
      this.#subscribers.set(stream.stream, set);
    }
    set.add(deliver);
    return () => set.delete(deliver);
  }

  /** Forgets recorded events, and what a replay would deliver (started consumers stay subscribed). */
  reset(): void {
    this.published.length = 0;
    this.#stored.length = 0;
  }
}

/** A producer that publishes to a `MockEventQueue`; same interface and validation as the real one. */
export class MockProducer<E> implements Producer<E> {
  constructor(
    readonly queue: MockEventQueue,
    readonly stream: EventStream,
    readonly validate: EventValidator = acceptAnyEvent,
  ) {}

  /** The events this producer's stream holds, in order. */
  get published(): E[] {
    return this.queue.eventsOf(this.stream) as E[];
  }

  async publish(event: E): Promise<void> {
    await this.queue.publish(this.stream, event, this.validate);
  }

  /** Validates every event first: one invalid event refuses the batch, as the real producer does. */
  async publishBatch(events: readonly E[]): Promise<void> {
    encodeBatch(this.stream, this.validate, events);
    for (const event of events) await this.queue.publish(this.stream, event, this.validate);
  }
}

/** How a mock consumer is set up besides its queue, stream and handlers. */
export interface MockConsumerOptions<Db> {
  /** The consumer's database, for handlers that write (default: a `MemoryEventStore`, `db` undefined). */
  store?: EventStore<Db>;
  /** The consuming application's durable name (default `mock`). */
  durable?: string;
  validate?: EventValidator;
}

/**
 * A consumer fed by a `MockEventQueue` (or directly by `deliver`); same interface as the real one,
 * and the same handling: an event that does not match the spec never reaches a handler, each event
 * is applied in a transaction of the store with its `event_id` recorded, so the same event twice is
 * applied once. A failing event is recorded in `failures` and parked in the store at once (the
 * real consumer redelivers it first), and the ones after it go on.
 */
export class MockConsumer<E, D extends keyof E, Db = undefined> implements Consumer {
  /** Events applied, in order. */
  readonly handled: E[] = [];
  /** Events not applied (a handler threw or the event did not match the spec), with the error. */
  readonly failures: FailedEvent[] = [];
  /** Events skipped because their `event_id` was applied already. */
  readonly duplicates: E[] = [];
  readonly store: EventStore<Db>;
  readonly #receiver: Receiver<Db>;
  #unsubscribe: (() => void) | undefined;

  constructor(
    readonly queue: MockEventQueue,
    readonly stream: EventStream,
    readonly handlers: EventHandlers<E, D, EventContext<Db>>,
    options: MockConsumerOptions<Db> = {},
  ) {
    this.store = options.store ?? (new MemoryEventStore() as unknown as EventStore<Db>);
    this.#receiver = {
      consumer: options.durable ?? 'mock',
      stream,
      handlers: handlers as unknown as Receiver<Db>['handlers'],
      validate: options.validate ?? acceptAnyEvent,
    };
  }

  async start(): Promise<void> {
    this.#unsubscribe ??= this.queue.subscribe(this.stream, (message) => this.#take(message));
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /** Hands one event to the consumer now, as if it had arrived on the stream. */
  async deliver(event: E): Promise<void> {
    const type = (event as { readonly [key: string]: unknown })[this.stream.discriminator];
    const subject = typeof type === 'string' ? (this.stream.subjects[type] ?? this.stream.allSubjects) : '';
    const body = globalThis.JSON.stringify(event) ?? 'undefined';
    await this.#take({ subject, sequence: 0, deliveries: 1, headers: {}, body });
  }

  /** Asks the consumer to take again the parked messages marked for retry; how many went through. */
  retryParked(): Promise<number> {
    return retryParked(this.store, this.#receiver);
  }

  /**
   * Delivers again what the queue holds for this stream from `from` on, as the real consumer's
   * `replay` does: events already applied are skipped (`duplicates`) unless `rebuild` is given.
   */
  async replay(from: ReplayFrom, options: ReplayOptions<Db> = {}): Promise<void> {
    const start = replayStart(from);
    if (options.rebuild) await forgetForRebuild(this.store, this.#receiver.consumer, options.rebuild);
    for (const message of this.queue.messagesFrom(this.stream, start)) await this.#take(message);
  }

  async #take(message: RawMessage): Promise<void> {
    const raw = message;
    await this.store.transaction(async (tx) => {
      const outcome = await receive(tx, this.#receiver, raw);
      const event = parseOrText(raw.body) as E;
      if (outcome.kind === 'applied') this.handled.push(event);
      else if (outcome.kind === 'duplicate') this.duplicates.push(event);
      else {
        this.failures.push({ event, error: outcome.error });
        await tx.park(parked(this.#receiver, raw, outcome));
      }
    });
  }
}

function parseOrText(body: string): unknown {
  try {
    return globalThis.JSON.parse(body);
  } catch {
    return body;
  }
}
