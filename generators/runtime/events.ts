/**
 * The runtime of Canon's generated event modules: the stream descriptor, the producer and consumer
 * interfaces, the dispatch of an event to its handler by discriminator, and the in-memory mock
 * queue with its producer and consumer. A generated `events.ts` hands it one escaped descriptor
 * per event union; nothing from a spec is code here, and it depends on nothing but the language.
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
  /** One subject per event type: discriminator value → `{organization}.{application}.v{major}.{union}.{type}`. */
  readonly subjects: { readonly [type: string]: string };
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

type Handler<T> = (event: T) => void | Promise<void>;
type Tag<E, D extends keyof E> = E[D] & string;

/**
 * The handlers of a consumer, one per event type. Either every type has a handler (a type added to
 * the union then fails to compile until it is handled), or `default` takes the ones not listed.
 *
 * @example const handlers: EventHandlers<UserEvent, 'discriminator'> = { user_upserted: save, default: () => {} };
 */
export type EventHandlers<E, D extends keyof E> =
  | { readonly [K in Tag<E, D>]: Handler<Extract<E, { readonly [P in D]: K }>> }
  | ({ readonly [K in Tag<E, D>]?: Handler<Extract<E, { readonly [P in D]: K }>> } & {
      readonly default: Handler<E>;
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
export async function dispatch<E, D extends keyof E>(
  stream: EventStream,
  handlers: EventHandlers<E, D>,
  event: E,
): Promise<void> {
  const table = handlers as { readonly [type: string]: Handler<E> | undefined };
  const type = (event as { readonly [key: string]: unknown })[stream.discriminator];
  const own =
    typeof type === 'string' && type !== 'default' && globalThis.Object.hasOwn(table, type)
      ? table[type]
      : undefined;
  const handler = own ?? (globalThis.Object.hasOwn(table, 'default') ? table.default : undefined);
  if (handler === undefined) throw new UnknownEventTypeError(stream.stream, type);
  await handler(event);
}

/** The subject an event is published on, from its discriminator value. */
export function subjectOf(stream: EventStream, event: unknown): string {
  const type = (event as { readonly [key: string]: unknown })[stream.discriminator];
  const subject = typeof type === 'string' && globalThis.Object.hasOwn(stream.subjects, type);
  if (!subject) throw new UnknownEventTypeError(stream.stream, type);
  return stream.subjects[type as string] as string;
}

/** One event as the mock queue stored it: which stream, which subject, the event itself. */
export interface RecordedEvent {
  stream: string;
  subject: string;
  event: unknown;
}

/** An event a mock consumer's handler threw on, with the error. */
export interface FailedEvent {
  event: unknown;
  error: unknown;
}

type Subscriber = (event: unknown) => Promise<void>;

/**
 * An in-memory stand-in for the broker, shared by mock producers and consumers: every published
 * event is recorded and delivered at once, in order, to the started consumers of its stream.
 */
export class MockEventQueue {
  /** Every event published, in order. */
  readonly published: RecordedEvent[] = [];
  readonly #subscribers = new Map<string, Set<Subscriber>>();

  /** Records the event and awaits every started consumer of its stream. */
  async publish(stream: EventStream, event: unknown): Promise<void> {
    const subject = subjectOf(stream, event);
    this.published.push({ stream: stream.stream, subject, event });
    for (const deliver of [...(this.#subscribers.get(stream.stream) ?? [])]) await deliver(event);
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

  /** Forgets recorded events (started consumers stay subscribed). */
  reset(): void {
    this.published.length = 0;
  }
}

/** A producer that publishes to a `MockEventQueue`; same interface as the real one. */
export class MockProducer<E> implements Producer<E> {
  constructor(
    readonly queue: MockEventQueue,
    readonly stream: EventStream,
  ) {}

  /** The events this producer's stream holds, in order. */
  get published(): E[] {
    return this.queue.eventsOf(this.stream) as E[];
  }

  async publish(event: E): Promise<void> {
    await this.queue.publish(this.stream, event);
  }

  async publishBatch(events: readonly E[]): Promise<void> {
    for (const event of events) await this.queue.publish(this.stream, event);
  }
}

/**
 * A consumer fed by a `MockEventQueue` (or directly by `deliver`); same interface as the real one.
 * It records what it handled and what its handlers threw on, and a failing event does not stop the
 * ones after it, as the real consumer parks it and goes on.
 */
export class MockConsumer<E, D extends keyof E> implements Consumer {
  /** Events handled without error, in order. */
  readonly handled: E[] = [];
  /** Events a handler threw on, with the error. */
  readonly failures: FailedEvent[] = [];
  #unsubscribe: (() => void) | undefined;

  constructor(
    readonly queue: MockEventQueue,
    readonly stream: EventStream,
    readonly handlers: EventHandlers<E, D>,
  ) {}

  async start(): Promise<void> {
    this.#unsubscribe ??= this.queue.subscribe(this.stream, (event) => this.deliver(event as E));
  }

  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  /** Hands one event to its handler now, as if it had arrived on the stream. */
  async deliver(event: E): Promise<void> {
    try {
      await dispatch(this.stream, this.handlers, event);
      this.handled.push(event);
    } catch (error) {
      this.failures.push({ event, error });
    }
  }
}
