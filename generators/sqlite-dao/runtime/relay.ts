/**
 * The journal relay of the generated SQLite DAOs: reads `<table>_journal` after the position
 * recorded in `canon_relay_progress`, publishes each row's event, then records the new position.
 * SQLite has one writer at a time, so journal ids are committed in order and the relay simply
 * reads the rows after its position. A generated `<table>-relay.ts` supplies the SQL and the
 * mapping from a row to its event.
 *
 * @example
 * const relay = usersRelay(db, userEventProducer(nc));
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
import type { SqliteDb } from './db.js';

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
  /** The journal rows after position `?` in id order, at most `?` of them. */
  select: string;
  /** A journal row (as the driver returns it) as its event. */
  toEvent(row: Record<string, unknown>): E;
}

const CREATE_POSITION =
  'INSERT INTO "canon_relay_progress" ("relay", "journal_id") VALUES (?, 0) ON CONFLICT DO NOTHING';
const READ_POSITION = 'SELECT "journal_id" FROM "canon_relay_progress" WHERE "relay" = ?';
const NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";
/** Moves the position only from where this step started: a replay meanwhile wins. */
const ADVANCE = `UPDATE "canon_relay_progress" SET "journal_id" = ?, "updated_at" = ${NOW} WHERE "relay" = ? AND "journal_id" = ?`;
const MOVE = `UPDATE "canon_relay_progress" SET "journal_id" = ?, "updated_at" = ${NOW} WHERE "relay" = ?`;

/** A relay from a SQLite journal to a producer. */
export class SqliteJournalRelay<E> extends JournalRelay {
  constructor(
    readonly db: SqliteDb,
    readonly producer: EventPublisher<E>,
    readonly source: JournalSource<E>,
    options: RelayOptions = {},
  ) {
    super(source.journal, options);
  }

  #positionExists = false;

  async position(): Promise<number> {
    // Once created, the row is only read here: an idle poll takes no write lock from writers.
    if (!this.#positionExists) this.db.run(CREATE_POSITION, [this.name]);
    this.#positionExists = true;
    return journalId(this.db.get(READ_POSITION, [this.name])?.journal_id);
  }

  async replayFrom(id: number): Promise<void> {
    checkReplayFrom(this.name, id);
    await this.position();
    this.db.run(MOVE, [id - 1, this.name]);
  }

  protected async step(): Promise<RelayStep> {
    const position = await this.position();
    const rows = this.db.all(this.source.select, [position, this.batchSize]);
    const last = rows.at(-1);
    if (last === undefined) return { published: 0, more: false };
    await this.producer.publishBatch(rows.map((row) => this.source.toEvent(row)));
    this.db.run(ADVANCE, [journalId(last.journal_id), this.name, position]);
    return { published: rows.length, more: rows.length === this.batchSize };
  }
}
