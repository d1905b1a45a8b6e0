/**
 * Events over NATS JetStream: a producer that resolves once the stream acked every event, and a
 * durable pull consumer that applies micro-batches in its own database's transaction and acks only
 * after the commit. Streams and consumers are created on start-up when missing; an unreachable
 * broker is an error within `timeout`, never a hang.
 */
import {
  AckPolicy,
  type ConsumerConfig,
  type ConsumerMessages,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamClient,
  type JetStreamManager,
  type Consumer as JsConsumer,
  type JsMsg,
  jetstream,
  jetstreamManager,
  StorageType,
} from '@nats-io/jetstream';
import { connect, type NatsConnection, nanos, headers as natsHeaders } from '@nats-io/transport-node';
import {
  type Consumer,
  type EventContext,
  type EventHandlers,
  type EventStore,
  type EventStream,
  type EventValidator,
  encodeBatch,
  errorText,
  forgetForRebuild,
  IsolationNeeded,
  inEnvironment,
  type Outcome,
  type Producer,
  parked,
  type RawMessage,
  type Receiver,
  type ReplayFrom,
  type ReplayOptions,
  type ReplayStart,
  receive,
  replayStart,
  retryParked,
} from './events.js';

export type { NatsConnection } from '@nats-io/transport-node';

/** The broker cannot be reached, or JetStream does not answer: what to check is in the message. */
export class BrokerUnavailableError extends Error {
  override readonly name: string = 'BrokerUnavailableError';
}

/** The stream did not ack some events of a batch; publishing them again is safe (same `event_id`). */
export class PublishError extends Error {
  override readonly name: string = 'PublishError';
  constructor(
    message: string,
    /** The `event_id`s the stream did not ack. */
    readonly eventIds: readonly string[],
  ) {
    super(message);
  }
}

const DEFAULT_TIMEOUT = 5_000;

const serversText = (servers: string | readonly string[]) =>
  typeof servers === 'string' ? servers : servers.join(', ');

/**
 * Connects to NATS, failing with `BrokerUnavailableError` after `timeout` ms (default 5 s) rather
 * than waiting for a broker that is not there. Once connected, the connection reconnects forever
 * (a consumer rides out a broker restart).
 *
 * @example const nc = await connectToBroker('127.0.0.1:4222');
 */
export async function connectToBroker(
  servers: string | readonly string[],
  options: { timeout?: number; name?: string } = {},
): Promise<NatsConnection> {
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  try {
    return await connect({
      servers: typeof servers === 'string' ? servers : [...servers],
      timeout,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
      ...(options.name === undefined ? {} : { name: options.name }),
    });
  } catch (error) {
    throw new BrokerUnavailableError(
      `cannot reach NATS at ${serversText(servers)} within ${timeout} ms (${errorText(error)}); start nats-server with JetStream (-js) or check the address`,
    );
  }
}

/** JetStream's manager on `nc`, or `BrokerUnavailableError` when it does not answer in time. */
async function manager(nc: NatsConnection, timeout: number, stream: EventStream): Promise<JetStreamManager> {
  try {
    return await jetstreamManager(nc, { timeout });
  } catch (error) {
    throw new BrokerUnavailableError(
      `JetStream at ${nc.getServer()} did not answer for stream ${stream.stream} within ${timeout} ms (${errorText(error)}); is the broker up and started with -js?`,
    );
  }
}

const isApiError = (error: unknown, code: number) =>
  error instanceof JetStreamApiError && error.code === code;

/**
 * Creates the stream when missing (subjects `{org}.{app}.v{major}.{union}.>`, `duplicateWindow`
 * ms of `Nats-Msg-Id` deduplication), idempotently: an existing stream is left as it is, and two
 * services starting at once both succeed.
 */
export async function ensureStream(
  jsm: JetStreamManager,
  stream: EventStream,
  duplicateWindow: number,
): Promise<void> {
  try {
    await jsm.streams.info(stream.stream);
    return;
  } catch (error) {
    if (!isApiError(error, JetStreamApiCodes.StreamNotFound)) throw error;
  }
  try {
    await jsm.streams.add({
      name: stream.stream,
      subjects: [stream.allSubjects],
      duplicate_window: nanos(duplicateWindow),
      storage: StorageType.File,
    });
  } catch (error) {
    // Another process may have created it in between; only a stream still missing is a failure.
    await jsm.streams.info(stream.stream).catch(() => {
      throw error;
    });
  }
}

/** The stream or the durable consumer a replay names does not exist; the message lists what does. */
export class ConsumerNotFoundError extends globalThis.Error {
  override readonly name: string = 'ConsumerNotFoundError';
}

/** The deliver policy of a replay start, as a consumer's configuration carries it. */
function deliverFrom(start: ReplayStart): Partial<ConsumerConfig> {
  if (start.kind === 'sequence')
    return { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: start.sequence };
  if (start.kind === 'time') return { deliver_policy: DeliverPolicy.StartTime, opt_start_time: start.time };
  return { deliver_policy: DeliverPolicy.All };
}

/** How `resetDurable` makes a durable that does not exist yet. */
export interface ResetDurableOptions {
  /**
   * The configuration of a durable created by the reset: when it is missing and this is not
   * given, the reset fails with `ConsumerNotFoundError` (a mistyped name is not silently made).
   */
  create?: Partial<ConsumerConfig>;
}

/**
 * Moves a durable consumer of `stream` to `from` (its first message, a sequence, a time): JetStream
 * cannot change a durable's start, so it is deleted and created again with the same configuration
 * and the new deliver policy. Messages it had delivered and not yet seen acked come again; a
 * consumer that records applied `event_id`s skips what it applied.
 */
export async function resetDurable(
  jsm: JetStreamManager,
  stream: string,
  durable: string,
  from: ReplayFrom,
  options: ResetDurableOptions = {},
): Promise<ConsumerConfig> {
  const start = replayStart(from);
  let config: Partial<ConsumerConfig>;
  try {
    config = (await jsm.consumers.info(stream, durable)).config;
  } catch (error) {
    if (isApiError(error, JetStreamApiCodes.StreamNotFound)) {
      const streams = await jsm.streams.names().next();
      throw new ConsumerNotFoundError(
        `there is no stream ${stream} (streams: ${streams.join(', ') || 'none'}); check the name, an environment comes in front: <environment>_<stream>`,
      );
    }
    if (!isApiError(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
    if (options.create === undefined) {
      const durables = (await jsm.consumers.list(stream).next()).map((c) => c.name);
      throw new ConsumerNotFoundError(
        `stream ${stream} has no durable consumer ${durable} (durables: ${durables.join(', ') || 'none'}); check the name, or start the consumer once`,
      );
    }
    config = options.create;
  }
  const { opt_start_seq: _seq, opt_start_time: _time, deliver_policy: _policy, ...kept } = config;
  await jsm.consumers.delete(stream, durable).catch((error: unknown) => {
    if (!isApiError(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
  });
  return (await jsm.consumers.add(stream, { ...kept, durable_name: durable, ...deliverFrom(start) })).config;
}

/** Where a stream lives on a shared broker. */
export interface EnvironmentOption {
  /**
   * An environment (`test`, `staging`, a developer's name) in front of the stream name and every
   * subject, so environments share one broker without meeting (`inEnvironment`). Default: none.
   */
  environment?: string;
}

const placed = (stream: EventStream, options: EnvironmentOption) =>
  options.environment === undefined ? stream : inEnvironment(stream, options.environment);

/** How a NATS producer is set up. */
export interface ProducerOptions extends EnvironmentOption {
  /** How long to wait for the broker and for each ack, in ms (default 5000). */
  timeout?: number;
  /** The stream's deduplication window in ms when this producer creates it (default 2 minutes). */
  duplicateWindow?: number;
  /** At most this many events await their ack at once (default 256). */
  inFlight?: number;
}

/**
 * Publishes one union's events to its stream: body = the event's JSON, CloudEvents headers,
 * `Nats-Msg-Id` = `event_id`. Every event is validated before anything is sent (an invalid one
 * refuses the whole batch with `InvalidEventError`); the stream is created on first use.
 */
export class NatsProducer<E> implements Producer<E> {
  readonly #timeout: number;
  readonly #duplicateWindow: number;
  readonly #inFlight: number;
  #ready: Promise<JetStreamClient> | undefined;
  /** The descriptor this producer publishes to, its environment applied. */
  readonly stream: EventStream;

  constructor(
    readonly nc: NatsConnection,
    stream: EventStream,
    readonly validate: EventValidator,
    options: ProducerOptions = {},
  ) {
    this.stream = placed(stream, options);
    this.#timeout = options.timeout ?? DEFAULT_TIMEOUT;
    this.#duplicateWindow = options.duplicateWindow ?? 120_000;
    this.#inFlight = options.inFlight ?? 256;
  }

  /** Creates the stream when missing; `publish` does it on first use. */
  start(): Promise<JetStreamClient> {
    this.#ready ??= (async () => {
      const jsm = await manager(this.nc, this.#timeout, this.stream);
      await ensureStream(jsm, this.stream, this.#duplicateWindow);
      return jetstream(this.nc, { timeout: this.#timeout });
    })().catch((error: unknown) => {
      this.#ready = undefined;
      throw error;
    });
    return this.#ready;
  }

  publish(event: E): Promise<void> {
    return this.publishBatch([event]);
  }

  /** Resolves once the stream acked every event (a duplicate within the window counts as acked). */
  async publishBatch(events: readonly E[]): Promise<void> {
    const wire = encodeBatch(this.stream, this.validate, events);
    if (wire.length === 0) return;
    const js = await this.start();
    const failed: string[] = [];
    const errors: string[] = [];
    for (let start = 0; start < wire.length; start += this.#inFlight) {
      const chunk = wire.slice(start, start + this.#inFlight);
      const results = await Promise.allSettled(
        chunk.map((w) => {
          const headers = natsHeaders();
          for (const [key, value] of Object.entries(w.headers)) headers.set(key, value);
          return js.publish(w.subject, w.body, { msgID: w.eventId, headers, timeout: this.#timeout });
        }),
      );
      results.forEach((result, index) => {
        if (result.status === 'fulfilled') return;
        failed.push(chunk[index]!.eventId);
        if (errors.length < 3) errors.push(`${chunk[index]!.eventId}: ${errorText(result.reason)}`);
      });
    }
    if (failed.length > 0) {
      throw new PublishError(
        `${this.stream.stream}: the stream did not ack ${failed.length} of ${wire.length} event(s) (${errors.join('; ')}); publish them again, duplicates are dropped by event_id`,
        failed,
      );
    }
  }
}

/** How a NATS consumer is set up: who consumes, what handles, where it is recorded, how it retries. */
export interface ConsumerOptions<E, D extends keyof E, Db> extends EnvironmentOption {
  /** The consuming application's durable name: one consumer per application, shared by its replicas. */
  durable: string;
  handlers: EventHandlers<E, D, EventContext<Db>>;
  /** The consumer's own database: handlers run in its transactions, applied ids and parked messages live there. */
  store: EventStore<Db>;
  /** Messages per micro-batch (default 100). */
  batch?: number;
  /** A message whose handler failed on this many deliveries is parked (default 5). */
  maxDeliver?: number;
  /** Delay before the n-th redelivery of a failed message, in ms (default 1 s, 5 s, 30 s, then the last). */
  backoff?: readonly number[];
  /** How long the broker waits for an ack before it redelivers, in ms (default 30 s). */
  ackWait?: number;
  /** How long a fetch waits to fill a batch before handing on what it has, in ms (default and minimum 1000). */
  idle?: number;
  /** How long to wait for the broker at start-up, in ms (default 5000). */
  timeout?: number;
  /** Sees every error the consumer survives (a lost broker, a failing database); default `console.error`. */
  onError?: (error: unknown) => void;
  /** Called after every micro-batch has been committed and acked, with what became of its messages. */
  onBatch?: (summary: BatchSummary) => void;
}

/** What became of the messages of one micro-batch. */
export interface BatchSummary {
  applied: number;
  duplicates: number;
  /** Handler failures sent back for redelivery (nak with the backoff delay). */
  retried: number;
  parked: number;
}

type Decision = { ack: true } | { term: true } | { nak: number };

/**
 * A durable pull consumer of one union's stream. Each micro-batch runs in one transaction of the
 * store, each message under its own savepoint: the handler's writes and the record of its
 * `event_id` commit together, and the messages are acked after the commit. A redelivered event
 * whose id is recorded is acked without running its handler again. A failing handler's message
 * is sent back with a delay (`backoff`) and parked after `maxDeliver` deliveries; a message that
 * fails validation is parked at once; parked messages stay in the store's failures table and the
 * others go on.
 */
export class NatsConsumer<E, D extends keyof E, Db> implements Consumer {
  readonly #options: Required<Omit<ConsumerOptions<E, D, Db>, 'onBatch' | 'environment'>> &
    Pick<ConsumerOptions<E, D, Db>, 'onBatch'>;
  readonly #receiver: Receiver<Db>;
  /** The descriptor this consumer reads, its environment applied. */
  readonly stream: EventStream;
  #consumer: JsConsumer | undefined;
  #loop: Promise<void> | undefined;
  #stopping = false;
  #wake: (() => void) | undefined;
  /** The pull in progress, which `stop()` ends instead of waiting up to `idle` for it to expire. */
  #pull: ConsumerMessages | undefined;

  constructor(
    readonly nc: NatsConnection,
    stream: EventStream,
    validate: EventValidator,
    options: ConsumerOptions<E, D, Db>,
  ) {
    this.stream = placed(stream, options);
    if (!/^[A-Za-z0-9_-]+$/.test(options.durable)) {
      throw new Error(
        `durable name ${JSON.stringify(options.durable)} is not one NATS token; name the consuming application with letters, digits, '_' and '-'`,
      );
    }
    this.#options = {
      batch: 100,
      maxDeliver: 5,
      backoff: [1_000, 5_000, 30_000],
      ackWait: 30_000,
      idle: 1_000,
      timeout: DEFAULT_TIMEOUT,
      onError: (error) =>
        console.error(`${this.stream.stream} consumer ${options.durable}: ${errorText(error)}`),
      ...options,
    };
    this.#receiver = {
      consumer: options.durable,
      stream: this.stream,
      handlers: options.handlers as unknown as Receiver<Db>['handlers'],
      validate,
    };
  }

  /** Creates the stream and the durable consumer when missing, then starts pulling batches. */
  async start(): Promise<void> {
    if (this.#loop) return;
    const { durable, timeout } = this.#options;
    const jsm = await manager(this.nc, timeout, this.stream);
    await ensureStream(jsm, this.stream, 120_000);
    const config = this.#config();
    try {
      const info = await jsm.consumers.info(this.stream.stream, durable);
      if (info.config.ack_wait !== config.ack_wait)
        await jsm.consumers.update(this.stream.stream, durable, config);
    } catch (error) {
      if (!isApiError(error, JetStreamApiCodes.ConsumerNotFound)) throw error;
      await jsm.consumers.add(this.stream.stream, {
        ...config,
        durable_name: durable,
        deliver_policy: DeliverPolicy.All,
      });
    }
    this.#consumer = await jetstream(this.nc, { timeout }).consumers.get(this.stream.stream, durable);
    this.#stopping = false;
    this.#loop = this.#run();
  }

  /** The durable's settings that this consumer depends on. */
  #config() {
    // No max_deliver on the broker: it would drop a message silently; this consumer parks it instead.
    return { ack_policy: AckPolicy.Explicit, ack_wait: nanos(this.#options.ackWait), max_deliver: -1 };
  }

  /**
   * Replays the stream into this consumer from `from` (`'beginning'`, `{ sequence }`, `{ time }`):
   * the durable is created again at that point (stop the other replicas of this durable first, or
   * they go on with the durable's new position). Events whose `event_id` the store recorded are
   * skipped, so a replay into the same store applies nothing twice; with `rebuild`, the store
   * first forgets them (in the transaction `rebuild` empties the read model in) and each is
   * applied again. A running consumer stops for the reset and starts again; a stopped one is
   * left stopped and starts from `from`.
   *
   * @example await consumer.replay('beginning', { rebuild: (db) => db.exec('DELETE FROM users') });
   */
  async replay(from: ReplayFrom, options: ReplayOptions<Db> = {}): Promise<void> {
    replayStart(from); // a bad start is refused before anything stops
    const running = this.#loop !== undefined;
    if (running) await this.stop();
    const { durable, timeout } = this.#options;
    const jsm = await manager(this.nc, timeout, this.stream);
    await ensureStream(jsm, this.stream, 120_000);
    await resetDurable(jsm, this.stream.stream, durable, from, { create: this.#config() });
    // After the reset: were the rebuild to fail, the replay would only skip what is recorded.
    if (options.rebuild) await forgetForRebuild(this.#options.store, durable, options.rebuild);
    if (running) await this.start();
  }

  /**
   * Stops pulling; resolves when the batch in hand is committed and acked. A pull waiting for
   * messages ends at once rather than when it expires (`idle`); what it received is handled.
   */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    if (this.#pull) void endPull(this.#pull);
    await this.#loop;
    this.#loop = undefined;
  }

  async #run(): Promise<void> {
    while (!this.#stopping) {
      try {
        await retryParked(this.#options.store, this.#receiver);
        const messages = await this.#fetch();
        if (messages.length > 0) await this.#handle(messages);
      } catch (error) {
        if (this.#stopping) break;
        this.#options.onError(error);
        await this.#pause(this.#options.backoff[0] ?? 1_000);
      }
    }
  }

  async #fetch(): Promise<JsMsg[]> {
    const { batch, idle } = this.#options;
    const iterator = await this.#consumer!.fetch({ max_messages: batch, expires: Math.max(1_000, idle) });
    this.#pull = iterator;
    try {
      if (this.#stopping) void endPull(iterator); // stop() came while the pull was being sent
      const messages: JsMsg[] = [];
      for await (const message of iterator) messages.push(message);
      return messages;
    } finally {
      this.#pull = undefined;
    }
  }

  async #handle(messages: readonly JsMsg[]): Promise<void> {
    const raws = messages.map(rawMessage);
    // Savepoints cost two statements per message: a batch first goes without them, and only
    // when a handler fails is it rolled back and applied again, one savepoint per message
    // (a handler may so run twice; its writes commit once).
    const attempt = (isolate: boolean) =>
      this.#options.store.transaction(async (tx) => {
        const out: { decision: Decision; kind: Outcome['kind'] }[] = [];
        for (const raw of raws) {
          const outcome = await receive(tx, this.#receiver, raw, isolate);
          const decision = this.#decide(raw, outcome);
          if ('term' in decision) await tx.park(parked(this.#receiver, raw, outcome as ParkOutcome));
          out.push({ decision, kind: outcome.kind });
        }
        return out;
      });
    let decisions: { decision: Decision; kind: Outcome['kind'] }[];
    try {
      decisions = await attempt(false).catch((error: unknown) => {
        if (error instanceof IsolationNeeded) return attempt(true);
        throw error;
      });
    } catch (error) {
      // Nothing was committed: every message comes back after the first backoff delay.
      for (const message of messages) message.nak(this.#options.backoff[0] ?? 1_000);
      throw error;
    }
    const summary: BatchSummary = { applied: 0, duplicates: 0, retried: 0, parked: 0 };
    decisions.forEach(({ decision, kind }, index) => {
      const message = messages[index]!;
      if ('ack' in decision) {
        message.ack();
        if (kind === 'applied') summary.applied++;
        else summary.duplicates++;
      } else if ('term' in decision) {
        message.term();
        summary.parked++;
      } else {
        message.nak(decision.nak);
        summary.retried++;
      }
    });
    this.#options.onBatch?.(summary);
  }

  #decide(raw: RawMessage, outcome: Outcome): Decision {
    if (outcome.kind === 'applied' || outcome.kind === 'duplicate') return { ack: true };
    if (outcome.kind === 'invalid' || raw.deliveries >= this.#options.maxDeliver) return { term: true };
    const { backoff } = this.#options;
    return { nak: backoff[Math.min(raw.deliveries, backoff.length) - 1] ?? 1_000 };
  }

  #pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}

type ParkOutcome = Extract<Outcome, { kind: 'invalid' | 'failed' }>;

/**
 * Ends a pull before it expires without dropping what the broker already sent for it: the
 * subscription is drained first (unsubscribed, then every message that was on its way before the
 * broker saw that is still delivered; without interest the broker sends no more to the pull), and
 * only then does the iteration end. A bare `stop()` would drop those, and the broker would
 * redeliver them only after `ackWait`. The fetch's subscription is not part of its declared type
 * (`sub` of nats.js's pull iterator); without one, the iteration simply stops. Never rejects: its
 * callers start it without waiting, and the loop sees the end of the iteration either way.
 */
async function endPull(pull: ConsumerMessages): Promise<void> {
  const sub = (pull as { sub?: { drain?: () => Promise<void> } }).sub;
  try {
    await sub?.drain?.();
  } catch {
    // already closed (the pull ended by itself, or the connection is gone)
  }
  try {
    pull.stop();
  } catch {
    // already stopped: nothing is left to end
  }
}

/** The message as a `RawMessage`; its headers and delivery count are decoded only when read. */
function rawMessage(message: JsMsg): RawMessage {
  let headers: Record<string, string> | undefined;
  return {
    subject: message.subject,
    sequence: message.seq,
    get deliveries() {
      return message.info.deliveryCount;
    },
    get headers() {
      if (headers === undefined) {
        headers = {};
        for (const [key, values] of message.headers ?? []) headers[key] = values.join(', ');
      }
      return headers;
    },
    body: message.string(),
  };
}
