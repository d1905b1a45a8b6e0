import { type ParseArgsConfig, parseArgs } from 'node:util';

/** Exit codes shared by every command (docs/cli.md). */
export const EXIT = { ok: 0, problems: 1, usage: 2 } as const;

/** Where a command writes; tests pass collectors, the binary passes the process streams. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /**
   * Steps of a long run, for a person watching (the binary passes it only when stderr is a
   * terminal, so logs and pipes stay clean).
   */
  progress?(text: string): void;
}

/** One `canon <name>` command. Each lives in its own module, loaded only when invoked. */
export interface Command {
  name: string;
  summary: string;
  /** Full `--help` text. */
  help: string;
  /** The `--help` text for these arguments, for a command with subcommands (default: `help`). */
  helpFor?(argv: string[]): string;
  run(argv: string[], io: Io): Promise<number>;
}

/** A mistake in how the command was called, or input that cannot be read: exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * Parses `argv` strictly against `options` (plus `--help`), turning node's parse errors into
 * UsageErrors that name the offending flag.
 */
export function parseCommandArgs<O extends Options>(argv: string[], options: O, command: string) {
  try {
    return parseArgs({
      args: argv,
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${message.split('\n')[0]}. Run 'canon ${command} --help' for usage.`);
  }
}

/** Reads `--format` and checks it against the allowed values. */
export function formatOption<F extends string>(value: unknown, allowed: readonly F[], command: string): F {
  const format = (value ?? allowed[0]) as string;
  if (!(allowed as readonly string[]).includes(format)) {
    throw new UsageError(
      `--format ${format} is not supported by 'canon ${command}'; use one of: ${allowed.join(', ')}.`,
    );
  }
  return format as F;
}
