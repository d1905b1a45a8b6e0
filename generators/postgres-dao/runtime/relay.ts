/**
 * The journal relay of the generated PostgreSQL DAOs: reads `<table>_journal` after the position
 * recorded in `canon_relay_progress`, publishes each row's event, then records the new position,
 * all in one transaction that locks the relay's progress row (two relays of the same name take
 * turns instead of publishing the same rows twice).
 *
 * Journal ids come from a sequence when a row is written, not when its transaction commits, so a
 * row with a lower id can become visible after a higher one. Passing over such a gap would lose the
 * row. The relay therefore publishes a row only when every id below it is settled: the rows run on
 * without a gap from the recorded position, or the id is at most a horizon known to be final. When
 * a batch stops at a gap, the relay notes the highest id it saw and then takes a transaction id;
 * once every transaction older than that one has ended, an id still missing below that horizon
 * was rolled back and never comes, so the horizon is final.
 * While a gap is open the relay looks again after 1, 2, 4, … ms (up to the poll interval), so a
 * gap costs a few milliseconds after the transactions around it end; nothing blocks writers.
 *
 * @example
 * const relay = usersRelay(pgPoolDb(pool), userEventProducer(nc));
 * relay.start();
 * // … on shutdown
 * await relay.stop();
 */

import {
  checkReplayFrom,
  type EventPublisher,
  JournalRelay,
  journalId,
  type RelayOptions,
  type RelayStep,
} from '../../dao-shared/runtime/relay-runtime.js';
import type { PgDb } from './db.js';

export {
  type EventPublisher,
  JournalRelay,
  RelayOptionError,
  type RelayOptions,
  type RelayStep,
} from '../../dao-shared/runtime/relay-runtime.js';

/** What a generated relay module hands the runtime about its journal. */
export interface JournalSource<E> {
  /** The journal table (`users_journal`): the default relay name. */
  journal: string;
  /** The journal rows after position `$1` in id order, at most `$2` of them. */
  select: string;
  /**
   * One row when the journal holds a row after the position of relay `$1`, else none: the look an
   * idle poll takes, without a transaction or a lock.
   */
  peek: string;
  /** A journal row (as the driver returns it) as its event. */
  toEvent(row: Record<string, unknown>): E;
}

const CREATE_POSITION =
  'INSERT INTO "canon_relay_progress" ("relay", "journal_id") VALUES ($1, 0) ON CONFLICT DO NOTHING';
const READ_POSITION = 'SELECT "journal_id" FROM "canon_relay_progress" WHERE "relay" = $1';
/**
 * Locks the relay's position for the step, and lets the step's commit return before its WAL is
 * flushed: a position lost in a database crash only means the last batch is sent again under the
 * same event ids, which at-least-once allows, and the relay need not wait for a disk flush per batch.
 */
const LOCK_POSITION =
  'SELECT "journal_id", set_config(\'synchronous_commit\', \'off\', true) FROM "canon_relay_progress" WHERE "relay" = $1 FOR UPDATE';
const MOVE = 'UPDATE "canon_relay_progress" SET "journal_id" = $2, "updated_at" = now() WHERE "relay" = $1';
/**
 * A transaction id taken after a gap was seen: every transaction that wrote a journal row with an
 * id below the gap's horizon had its id before then, so it is older than this one. Taken in a
 * statement of its own (committed at once), after the read that saw the gap.
 */
const GAP_BOUND = 'SELECT pg_current_xact_id()::text AS "bound"';
/**
 * Whether every transaction older than the bound has ended, as a snapshot taken now sees it (and
 * so the next read: its rows are visible then, or it rolled back). Neither the gap's own snapshot
 * nor `pg_xact_status` will do: a snapshot does not list a transaction whose id is above the last
 * completed one although it is running, and a transaction is recorded as committed a moment
 * before new snapshots see its rows.
 */
const GAP_SETTLED = 'SELECT pg_snapshot_xmin(pg_current_snapshot()) > $1::xid8 AS "settled"';

/** A gap the relay stopped at: the highest id it saw there, and the transaction id bound after it. */
interface PendingGap {
  bound: string;
  horizon: number;
}

/** A relay from a PostgreSQL journal to a producer. */
export class PgJournalRelay<E> extends JournalRelay {
  /** Every journal id up to this one is settled: committed and visible, or never to appear. */
  #settled = 0;
  #gap: PendingGap | undefined;
  /** Checks of the open gap so far: the wait before the next one doubles with each. */
  #gapChecks = 0;
  #positionExists = false;

  constructor(
    readonly db: PgDb,
    readonly producer: EventPublisher<E>,
    readonly source: JournalSource<E>,
    options: RelayOptions = {},
  ) {
    super(source.journal, options);
  }

  async position(): Promise<number> {
    await this.db.query(CREATE_POSITION, [this.name]);
    return journalId((await this.db.query(READ_POSITION, [this.name])).rows[0]?.journal_id);
  }

  async replayFrom(id: number): Promise<void> {
    checkReplayFrom(this.name, id);
    await this.db.query(CREATE_POSITION, [this.name]);
    this.#positionExists = true;
    await this.db.query(MOVE, [this.name, id - 1]);
  }

  protected async step(): Promise<RelayStep> {
    if (!this.#positionExists) await this.db.query(CREATE_POSITION, [this.name]);
    this.#positionExists = true;
    // Locking the progress row writes to it; an idle poll only reads.
    if (this.#gap === undefined && (await this.db.query(this.source.peek, [this.name])).rows.length === 0)
      return { published: 0, more: false };
    return this.db.transaction(async (tx) => {
      const position = journalId((await tx.query(LOCK_POSITION, [this.name])).rows[0]?.journal_id);
      // Everything up to a recorded position was settled when it was recorded.
      this.#settled = Math.max(this.#settled, position);
      if (this.#gap && (await tx.query(GAP_SETTLED, [this.#gap.bound])).rows[0]?.settled === true) {
        this.#settled = Math.max(this.#settled, this.#gap.horizon);
        this.#gap = undefined;
        this.#gapChecks = 0;
      }
      const rows = (await tx.query(this.source.select, [position, this.batchSize])).rows;
      const ready: Record<string, unknown>[] = [];
      let next = position + 1;
      for (const row of rows) {
        const id = journalId(row.journal_id);
        if (id !== next && id > this.#settled) break;
        ready.push(row);
        next = id + 1;
      }
      const stoppedAtGap = ready.length < rows.length;
      const noted = stoppedAtGap && this.#gap === undefined;
      if (noted) {
        // On the pool, not in this transaction: its own id was taken before the read.
        const bound = String((await this.db.query(GAP_BOUND, [])).rows[0]?.bound);
        this.#gap = { bound, horizon: journalId(rows.at(-1)?.journal_id) };
      }
      // A gap just noted may be settled by the next step already: report more, so drain looks again.
      const retry = this.#gap === undefined ? {} : { retryMs: 2 ** Math.min(this.#gapChecks++, 16) };
      const last = ready.at(-1);
      if (last === undefined) return { published: 0, more: noted, ...retry };
      await this.producer.publishBatch(ready.map((row) => this.source.toEvent(row)));
      await tx.query(MOVE, [this.name, journalId(last.journal_id)]);
      return { published: ready.length, more: noted || rows.length === this.batchSize, ...retry };
    });
  }
}
