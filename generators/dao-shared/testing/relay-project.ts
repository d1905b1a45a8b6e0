import type { Service } from '../../../core/ir.js';
import type { GeneratedFile, Generator } from '../../contract.js';
import { generator as events } from '../../events/index.js';
import { generator as postgresDao } from '../../postgres-dao/index.js';
import { generator as sqliteDao } from '../../sqlite-dao/index.js';
import { generator as types } from '../../typescript-types/index.js';
import { relayService } from '../fixture.js';

/**
 * Test support for the journal relay: the code a service with a relayed table would generate
 * (types and events at the top, the DAO with its relay under `db/`), and the shapes tests see.
 */

export type RelayDialect = 'sqlite' | 'postgres';

type Maybe<T> = T | Promise<T>;

export interface RelayLike {
  readonly name: string;
  relayOnce(): Promise<number>;
  drain(): Promise<number>;
  position(): Promise<number>;
  replayFrom(journalId: number): Promise<void>;
  start(): void;
  wake(): void;
  stop(): Promise<void>;
}

export interface RelayOptionsLike {
  name?: string;
  batchSize?: number;
  pollIntervalMs?: number;
  onError?: (error: unknown) => void;
}

export interface PublisherLike {
  publishBatch(events: readonly unknown[]): Promise<void>;
}

export interface UserFormLike {
  email: string;
  name?: string;
  status: string;
  verified: boolean;
  tags?: string[];
}

export interface UsersDaoLike {
  insert(form: UserFormLike): Maybe<{ id: string }>;
  upsert(row: UserFormLike & { id: string }): Maybe<boolean>;
  update(id: string, form: UserFormLike): Maybe<unknown>;
  delete(id: string): Maybe<boolean>;
}

/** The generated modules a relay test reaches through `all.js`. */
export interface RelayModules {
  db: {
    migrate(db: unknown): Maybe<void>;
    UsersDao: new (db: unknown) => UsersDaoLike;
    usersRelay(db: unknown, producer: PublisherLike, options?: RelayOptionsLike): RelayLike;
    RelayOptionError: new (...args: never[]) => Error;
    betterSqlite3Db?(database: unknown): unknown;
    pgPoolDb?(pool: unknown): unknown;
    pgClientDb?(client: unknown): unknown;
  };
  events: {
    MockEventQueue: new () => { published: Array<{ stream: string; subject: string; event: unknown }> };
    mockUserEventProducer(queue: unknown): PublisherLike & { published: unknown[] };
    mockUserEventConsumer(
      queue: unknown,
      handlers: Record<string, (event: never) => void>,
    ): { start(): Promise<void>; handled: unknown[]; failures: unknown[] };
  };
}

const DAO: Record<RelayDialect, Generator<never>> = {
  sqlite: sqliteDao as Generator<never>,
  postgres: postgresDao as Generator<never>,
};

/** Every file of a service with a relayed `users` table, plus `all.ts` exporting `db` and `events`. */
export function relayProjectFiles(dialect: RelayDialect, service: Service = relayService()): GeneratedFile[] {
  const run = (generator: Generator<never>, prefix = ''): GeneratedFile[] =>
    generator
      .generate({ service, imports: [], options: generator.options.defaults })
      .map((file) => ({ ...file, path: `${prefix}${file.path}` }));
  return [
    ...run(types as Generator<never>),
    ...run(events as Generator<never>),
    ...run(DAO[dialect], 'db/'),
    {
      path: 'all.ts',
      contents: "export * as db from './db/index.js';\nexport * as events from './events.js';\n",
    },
  ];
}

/** A journal row's event as the relay publishes it. */
export interface PublishedEvent {
  discriminator: string;
  event_id: string;
  timestamp: string;
  user?: { id: string } & Record<string, unknown>;
  id?: string;
}

/** The key an event is about: the user's id. */
export function eventKey(event: PublishedEvent): string {
  return event.user?.id ?? event.id ?? '';
}

/** The journal id an event was made from (`users_journal:<id>`). */
export function eventJournalId(event: PublishedEvent): number {
  return Number(event.event_id.slice(event.event_id.lastIndexOf(':') + 1));
}
