import { existsSync } from 'node:fs';
import type { StoredFailure } from '../../generators/runtime/events.js';
import type { FailureLog } from '../../generators/runtime/events-stores.js';
import { isPostgresUrl } from '../../registry/store/open-store.js';
import { type Command, EXIT, formatOption, parseCommandArgs, UsageError } from '../command.js';
import { databaseArg } from '../database-arg.js';

const HELP = `Usage: canon events failures list  --db <file|postgres-url> [--consumer <durable>] [--format text|json]
       canon events failures retry --db <file|postgres-url> (--id <n>... | --all) [--consumer <durable>]
       canon events replay --nats <url> --stream <name> --durable <name> --from <start>

The messages an event consumer parked in its own database (table canon_event_failures): those
that failed validation, and those whose handler failed on every delivery. 'list' shows them with
their error; 'retry' marks them, and the running consumer takes them again before its next batch
(validation included: a consumer regenerated from a newer spec may now accept them). A message
that goes through leaves the table; one that fails again stays, with its new error.

'replay' moves a durable consumer to where a replay starts: JetStream cannot move a durable,
so it is created again there, with its other settings kept. The consumer skips every event its
database recorded as applied, so a replay into the same database applies nothing twice; to
rebuild a read model, start its consumer on a fresh database, or call replay() with rebuild.
Stop the consumer's processes first, or let them take the new position at their next fetch.

Options (failures):
  --db <file|url>       the consumer's database: a SQLite file, or
                        postgres://user@host:port/database?schema=name
  --consumer <durable>  only this consuming application's messages
  --id <n>              retry this message (repeatable)
  --all                 retry every parked message (of --consumer, when given)
  --format text|json    list only

Options (replay):
  --nats <url>          the broker, e.g. 127.0.0.1:4222
  --stream <name>       the stream, e.g. default_user_v0_user_event (an environment in front:
                        staging_default_user_v0_user_event)
  --durable <name>      the consuming application's durable name
  --from <start>        beginning, a stream sequence (1, 2, ...), or a time with its zone
                        (2026-01-01T00:00:00Z: the first message stored at or after it)
  --timeout <ms>        how long to wait for the broker (default 5000)

Exit codes: 0 listed, marked or replayed; 1 an --id that names no parked message, or a stream
            or durable that does not exist; 2 usage error, a database that cannot be opened or
            is no consumer's database, or a broker that cannot be reached.`;

const NO_TABLE = (shown: string) =>
  `${shown} has no canon_event_failures table: is it the database of an event consumer? (the consumer creates the table when it starts)`;

interface Opened {
  log: FailureLog;
  close(): Promise<void>;
}

/** Opens the failures of the database `--db` names, refusing one that is not a consumer's. */
async function openFailures(value: string, cwd: string): Promise<Opened> {
  const { db, shown } = await databaseArg(value, cwd, false);
  if (isPostgresUrl(db)) {
    const [{ default: pg }, { parsePgUrl }, { postgresEventStore }] = await Promise.all([
      import('pg'),
      import('../../registry/store/pg-database.js'),
      import('../../generators/runtime/events-stores.js'),
    ]);
    let target: { connectionString: string; schema: string };
    try {
      target = parsePgUrl(db);
    } catch (error) {
      throw new UsageError(`--db ${shown}: ${error instanceof Error ? error.message : String(error)}`);
    }
    const pool = new pg.Pool({
      connectionString: target.connectionString,
      options: `-c search_path=${target.schema}`,
      connectionTimeoutMillis: 5_000,
      max: 1,
    });
    pool.on('error', () => {});
    try {
      const { rows } = await pool.query("SELECT to_regclass('canon_event_failures') IS NOT NULL AS present");
      if (!(rows[0] as { present: boolean }).present) throw new UsageError(NO_TABLE(shown));
      return { log: await postgresEventStore(pool), close: () => pool.end() };
    } catch (error) {
      await pool.end();
      if (error instanceof UsageError) throw error;
      throw new UsageError(
        `cannot open ${shown}: ${error instanceof Error ? error.message : String(error)}; check the URL and that PostgreSQL is running`,
      );
    }
  }
  if (!existsSync(db))
    throw new UsageError(`there is no database at ${shown}; give the consumer's SQLite file`);
  const [{ default: Database }, { sqliteEventStore }] = await Promise.all([
    import('better-sqlite3'),
    import('../../generators/runtime/events-stores.js'),
  ]);
  let sqlite: InstanceType<typeof Database>;
  try {
    sqlite = new Database(db, { fileMustExist: true, timeout: 5_000 });
    const table = sqlite.prepare(
      "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'canon_event_failures'",
    );
    if (table.get() === undefined) {
      sqlite.close();
      throw new UsageError(NO_TABLE(shown));
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `cannot open ${shown}: ${error instanceof Error ? error.message : String(error)}; is it a SQLite file?`,
    );
  }
  return { log: sqliteEventStore(sqlite), close: async () => void sqlite.close() };
}

/**
 * Text from a message as a terminal may show it: whoever can publish to the stream wrote the body,
 * the event id and much of the error, so control characters (escape sequences that could retitle
 * or rewrite the operator's terminal, line breaks that could forge lines) are printed escaped.
 */
function printable(text: string): string {
  return text.replace(
    /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** The text `canon events failures list` prints: one block per parked message. */
export function describeFailures(failures: readonly StoredFailure[]): string {
  if (failures.length === 0) return 'no parked messages\n';
  const lines = [`${failures.length} parked message(s):`];
  for (const f of failures) {
    const body = f.body.length > 200 ? `${f.body.slice(0, 200)}…` : f.body;
    lines.push(
      '',
      printable(`#${f.id}  ${f.consumer}  ${f.subject}  seq ${f.sequence}  event ${f.eventId ?? '(none)'}`),
      `  ${f.reason === 'invalid' ? 'invalid' : `failed ${f.deliveries} deliveries`}, ${f.status}, ${f.attempts} attempt(s), parked ${f.parkedAt}`,
      `  ${printable(f.error)}`,
      `  body: ${printable(body)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function ids(values: readonly string[] | undefined): number[] | undefined {
  if (values === undefined) return undefined;
  return values.map((value) => {
    if (!/^[1-9]\d*$/.test(value))
      throw new UsageError(
        `--id ${value} is not a message number; take one from 'canon events failures list'.`,
      );
    return Number(value);
  });
}

export const command: Command = {
  name: 'events',
  summary: 'List and retry the messages an event consumer parked; replay a stream into a consumer',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        db: { type: 'string' },
        consumer: { type: 'string' },
        id: { type: 'string', multiple: true },
        all: { type: 'boolean' },
        format: { type: 'string' },
        nats: { type: 'string' },
        stream: { type: 'string' },
        durable: { type: 'string' },
        from: { type: 'string' },
        timeout: { type: 'string' },
      },
      'events',
    );
    const [group, action, ...rest] = positionals;
    if (group === 'replay') {
      if (action !== undefined)
        throw new UsageError(`'canon events replay' takes no argument ${action}; see 'canon events --help'.`);
      const misplaced = (['db', 'consumer', 'id', 'all', 'format'] as const).filter(
        (k) => values[k] !== undefined,
      );
      if (misplaced.length > 0)
        throw new UsageError(
          `${misplaced.map((m) => `--${m}`).join(', ')} go with 'canon events failures', not replay.`,
        );
      const { replay } = await import('./events-replay.js');
      return replay(values, io);
    }
    const misplaced = (['nats', 'stream', 'durable', 'from', 'timeout'] as const).filter(
      (k) => values[k] !== undefined,
    );
    if (group === 'failures' && misplaced.length > 0)
      throw new UsageError(
        `${misplaced.map((m) => `--${m}`).join(', ')} go with 'canon events replay', not failures.`,
      );
    if (group !== 'failures' || (action !== 'list' && action !== 'retry') || rest.length > 0)
      throw new UsageError(
        "use 'canon events failures list', 'canon events failures retry' or 'canon events replay'; see 'canon events --help'.",
      );
    if (values.db === undefined)
      throw new UsageError(
        `'canon events failures ${action}' needs --db <file|postgres-url>, the consumer's database.`,
      );
    const filter = values.consumer === undefined ? {} : { consumer: values.consumer };
    if (action === 'list') {
      const format = formatOption(values.format, ['text', 'json'] as const, 'events');
      if (values.id !== undefined || values.all)
        throw new UsageError('--id and --all go with retry, not list.');
      const opened = await openFailures(values.db, io.cwd);
      try {
        const failures = await opened.log.listFailures(filter);
        io.out(format === 'json' ? `${JSON.stringify(failures, null, 2)}\n` : describeFailures(failures));
        return EXIT.ok;
      } finally {
        await opened.close();
      }
    }
    if (values.format !== undefined) throw new UsageError('--format goes with list, not retry.');
    const wanted = ids(values.id);
    if ((wanted === undefined) === !values.all)
      throw new UsageError('say which messages to retry: --id <n> (repeatable) or --all.');
    const opened = await openFailures(values.db, io.cwd);
    try {
      const before = await opened.log.listFailures(filter);
      const parked = new Set(before.filter((f) => f.status === 'parked').map((f) => f.id));
      const missing = (wanted ?? []).filter((id) => !parked.has(id));
      const marked = await opened.log.requestRetry({
        ...filter,
        ...(wanted === undefined ? {} : { ids: wanted }),
      });
      io.out(
        `marked ${marked} parked message(s) for retry; the consumer takes them again before its next batch\n`,
      );
      if (missing.length > 0) {
        io.err(
          `no parked message #${missing.join(', #')}${values.consumer === undefined ? '' : ` of consumer ${values.consumer}`} (already retried, or never parked); see 'canon events failures list'\n`,
        );
        return EXIT.problems;
      }
      return EXIT.ok;
    } finally {
      await opened.close();
    }
  },
};
