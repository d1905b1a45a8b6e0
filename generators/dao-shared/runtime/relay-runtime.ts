/**
 * The loop of a generated journal relay, shared by both dialects: it publishes the journal's rows
 * as events through a producer, batch after batch, and records its position in
 * `canon_relay_progress` only after the producer has stored a batch. A crash between the two
 * re-sends that batch with the same event ids (the stream drops them by `Nats-Msg-Id`), so every
 * journal row reaches the stream at least once and in journal order. Generated output carries it
 * as `relay-runtime.ts`; the dialect's `relay.ts` reads the journal and re-exports these names.
 */

/**
 * What a relay needs of a producer: `publishBatch` of canon-runtime's `Producer<E>` (the mock
 * producer and the NATS one both fit), resolving once every event is stored and in order.
 */
export interface EventPublisher<E> {
  publishBatch(events: readonly E[]): Promise<void>;
}

/** How a relay runs; every setting has a default. */
export interface RelayOptions {
  /**
   * The relay's row in `canon_relay_progress` (default: the journal table's name). Relays with
   * other names keep positions of their own, e.g. to feed a second producer from the same journal.
   */
  name?: string;
  /** Journal rows per `publishBatch` (default 100, at most 10,000). */
  batchSize?: number;
  /** The wait after the journal is caught up, before looking again (default 25 ms). */
  pollIntervalMs?: number;
  /**
   * Told of every failed attempt (an unreachable broker, a refused event, a database error); the
   * same batch is tried again after a backoff, never skipped. Default: a line on stderr.
   */
  onError?: (error: unknown) => void;
}

/** What one step did: events published, and whether another step may find more right away. */
export interface RelayStep {
  published: number;
  more: boolean;
  /** Look again sooner than the poll interval (rows wait behind a gap that may settle soon). */
  retryMs?: number;
}

/** The largest wait between attempts after repeated failures. */
const MAX_BACKOFF_MS = 5000;

/** A relay setting is out of range. */
export class RelayOptionError extends Error {
  override readonly name = 'RelayOptionError';
}

/**
 * The relay's life cycle: `start` runs steps until `stop`, `relayOnce` and `drain` run them on
 * demand (tests, scripts), `position` and `replayFrom` read and move the recorded position.
 */
export abstract class JournalRelay {
  /** The relay's row in `canon_relay_progress`. */
  readonly name: string;
  readonly batchSize: number;
  readonly pollIntervalMs: number;
  readonly #onError: (error: unknown) => void;
  #loop: Promise<void> | undefined;
  #stopping = false;
  #wake: (() => void) | undefined;

  constructor(journal: string, options: RelayOptions) {
    this.name = options.name ?? journal;
    this.batchSize = options.batchSize ?? 100;
    this.pollIntervalMs = options.pollIntervalMs ?? 25;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1 || this.batchSize > 10_000)
      throw new RelayOptionError(`relay ${this.name}: batchSize must be an integer from 1 to 10000`);
    if (!Number.isFinite(this.pollIntervalMs) || this.pollIntervalMs < 0)
      throw new RelayOptionError(`relay ${this.name}: pollIntervalMs must be a number of milliseconds >= 0`);
    if (this.name === '') throw new RelayOptionError('a relay name must not be empty');
    this.#onError =
      options.onError ??
      ((error) =>
        console.error(
          `relay ${this.name}: ${error instanceof Error ? error.message : String(error)}; trying again`,
        ));
  }

  /** Publishes the next batch the journal holds (at most `batchSize` rows) and records the position. */
  protected abstract step(): Promise<RelayStep>;

  /** The id of the last journal row the producer stored (0 before the first). */
  abstract position(): Promise<number>;

  /**
   * Re-publishes from journal row `journalId` on: the recorded position moves back to just before
   * it. Events keep their ids, so a stream inside its duplicate window drops them again; this is for
   * a stream that lost them (recreated, purged) or consumers that start over.
   */
  abstract replayFrom(journalId: number): Promise<void>;

  /** Publishes at most one batch; resolves to the number of events published. */
  async relayOnce(): Promise<number> {
    return (await this.step()).published;
  }

  /** Publishes batches until the journal is caught up; resolves to the number of events published. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const step = await this.step();
      total += step.published;
      if (!step.more) return total;
    }
  }

  /** Runs steps until `stop`: at once while batches come full, else every `pollIntervalMs`. */
  start(): void {
    if (this.#loop) return;
    this.#stopping = false;
    this.#loop = this.#run();
  }

  /** Ends a wait so the relay looks at the journal now (for example right after a write). */
  wake(): void {
    this.#wake?.();
  }

  /** Stops the loop; resolves when the batch in hand is published and recorded. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#loop;
    this.#loop = undefined;
  }

  async #run(): Promise<void> {
    let failures = 0;
    while (!this.#stopping) {
      let step: RelayStep | undefined;
      try {
        step = await this.step();
        failures = 0;
      } catch (error) {
        failures++;
        this.#onError(error);
      }
      if (this.#stopping) break;
      if (step?.more) continue;
      const backoff = Math.min(Math.max(this.pollIntervalMs, 10) * 2 ** failures, MAX_BACKOFF_MS);
      const wait = Math.min(this.pollIntervalMs, step?.retryMs ?? this.pollIntervalMs);
      await this.#sleep(step === undefined ? backoff : wait);
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#wake = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wake = done;
    });
  }
}

/** A journal id from a driver value (PostgreSQL's bigint arrives as text). */
export function journalId(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/** Checks a `replayFrom` argument. */
export function checkReplayFrom(relay: string, journalId: number): void {
  if (!Number.isSafeInteger(journalId) || journalId < 1)
    throw new RelayOptionError(`relay ${relay}: replayFrom takes a journal id >= 1, not ${journalId}`);
}
