import type { ReplayFrom } from '../../generators/runtime/events.js';
import { EXIT, type Io, UsageError } from '../command.js';

/** The options of `canon events replay`, as parsed. */
export interface ReplayArgs {
  nats?: string | undefined;
  stream?: string | undefined;
  durable?: string | undefined;
  from?: string | undefined;
  timeout?: string | undefined;
}

/** `--from`: `beginning`, a stream sequence (a positive integer) or an RFC 3339 time with its zone. */
export function replayFromArg(value: string | undefined): ReplayFrom {
  if (value === undefined)
    throw new UsageError(
      'say where the replay starts: --from beginning, --from <sequence> or --from <time>.',
    );
  if (value === 'beginning') return 'beginning';
  if (/^[1-9]\d*$/.test(value) && Number.isSafeInteger(Number(value))) return { sequence: Number(value) };
  if (/^\d{4}-\d{2}-\d{2}T/.test(value)) return { time: value };
  throw new UsageError(
    `--from ${value} is no replay start; use beginning, a stream sequence (1, 2, …) or a time such as 2026-01-01T00:00:00Z.`,
  );
}

function describe(config: {
  deliver_policy?: string;
  opt_start_seq?: number;
  opt_start_time?: string;
}): string {
  if (config.deliver_policy === 'by_start_sequence') return `sequence ${config.opt_start_seq}`;
  if (config.deliver_policy === 'by_start_time')
    return `the first message stored at or after ${config.opt_start_time}`;
  return 'the beginning of the stream';
}

/** Loads the NATS client, which canon needs only here: a missing package is a usage error saying what to install. */
async function natsClient() {
  try {
    const [transport, js] = await Promise.all([
      import('@nats-io/transport-node'),
      import('@nats-io/jetstream'),
    ]);
    return { connect: transport.connect, jetstreamManager: js.jetstreamManager };
  } catch (error) {
    throw new UsageError(
      `canon events replay needs the NATS client (${error instanceof Error ? error.message : String(error)}); install @nats-io/jetstream and @nats-io/transport-node next to canon`,
    );
  }
}

/**
 * `canon events replay`: moves a durable consumer of a stream back (or forward) to its beginning,
 * a sequence or a time. The consumer skips what its store recorded as applied, so a replay into
 * the same database applies nothing twice; into a fresh database it rebuilds from that point.
 */
export async function replay(args: ReplayArgs, io: Io): Promise<number> {
  const missing = (['nats', 'stream', 'durable'] as const).filter((key) => args[key] === undefined);
  if (missing.length > 0)
    throw new UsageError(
      `'canon events replay' needs ${missing.map((m) => `--${m}`).join(', ')}; see 'canon events --help'.`,
    );
  const from = replayFromArg(args.from);
  const timeout = args.timeout === undefined ? 5_000 : Number(args.timeout);
  if (!Number.isSafeInteger(timeout) || timeout < 1)
    throw new UsageError(`--timeout ${args.timeout} is not a number of milliseconds.`);
  // The client first: without it, loading the runtime would fail with a bare module error.
  const { connect, jetstreamManager } = await natsClient();
  const [{ ConsumerNotFoundError, resetDurable }, { ReplayOptionError }] = await Promise.all([
    import('../../generators/runtime/events-nats.js'),
    import('../../generators/runtime/events.js'),
  ]);
  let nc: Awaited<ReturnType<typeof connect>>;
  try {
    nc = await connect({
      servers: args.nats!,
      timeout,
      maxReconnectAttempts: 0,
      name: 'canon events replay',
    });
  } catch (error) {
    throw new UsageError(
      `cannot reach NATS at ${args.nats} within ${timeout} ms (${error instanceof Error ? error.message : String(error)}); check --nats and that nats-server runs with JetStream (-js)`,
    );
  }
  try {
    let jsm: Awaited<ReturnType<typeof jetstreamManager>>;
    try {
      jsm = await jetstreamManager(nc, { timeout });
    } catch (error) {
      throw new UsageError(
        `JetStream at ${args.nats} did not answer within ${timeout} ms (${error instanceof Error ? error.message : String(error)}); is nats-server started with -js?`,
      );
    }
    const config = await resetDurable(jsm, args.stream!, args.durable!, from);
    io.out(
      `durable ${args.durable} of ${args.stream} now delivers from ${describe(config)}; a running consumer takes it up at its next fetch and skips the events its database recorded as applied\n`,
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ConsumerNotFoundError) {
      io.err(`canon events replay: ${error.message}\n`);
      return EXIT.problems;
    }
    if (error instanceof ReplayOptionError) throw new UsageError(error.message);
    throw error;
  } finally {
    await nc.close();
  }
}
