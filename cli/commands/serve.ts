import { DEFAULT_DB, DEFAULT_PORT } from '../../registry/defaults.js';
import { type Command, EXIT, type Io, parseCommandArgs, UsageError } from '../command.js';
import { databaseArg } from '../database-arg.js';

const HELP = `Usage: canon serve [--port <n>] [--host <addr>] [--allowed-host <name>]... [--db <file|url>] [--private]

Runs the registry until Ctrl-C (in-flight requests finish first), on a SQLite file or on
PostgreSQL; any number of replicas may serve one PostgreSQL database.

Options:
  --port <n>      port to listen on (default: CANON_PORT, else ${DEFAULT_PORT}; 0 picks a free
                  one); a port that is taken is an error, never silently another port
  --host <addr>   address to bind (default 127.0.0.1)
  --allowed-host <name>
                  a Host name to answer for besides localhost, 127.0.0.1 and [::1] (repeatable);
                  on a loopback address nothing else is answered (DNS rebinding), on any other
                  address every name is, unless this lists them
  --db <file|url> SQLite database file (default ${DEFAULT_DB}; created with its directory,
                  readable by its owner only), or postgres://user@host:5432/database[?schema=name]
                  (default schema public)
  --private       refuse reads without a token (default: anonymous reads allowed)

A new registry takes its first admin token from CANON_ADMIN_TOKEN, or creates one and prints it
once. Exit codes: 0 stopped cleanly, 2 usage error or the registry could not start.`;

export const command: Command = {
  name: 'serve',
  summary: 'Run the registry',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        port: { type: 'string' },
        host: { type: 'string' },
        'allowed-host': { type: 'string', multiple: true },
        db: { type: 'string' },
        private: { type: 'boolean' },
      },
      'serve',
    );
    if (positionals.length > 0)
      throw new UsageError(`unexpected argument '${positionals[0]}'. Run 'canon serve --help' for usage.`);
    const port = portOf(values.port, io.env);
    const { db, shown } = await databaseArg(values.db ?? DEFAULT_DB, io.cwd, true);
    const { startRegistry, serveUntilSignal } = await import('../../registry/server.js');
    const running = await startRegistry({
      db,
      port,
      host: values.host ?? '127.0.0.1',
      allowedHosts: values['allowed-host'] ?? [],
      anonymousReads: !values.private,
      ...(io.env.CANON_ADMIN_TOKEN ? { adminToken: io.env.CANON_ADMIN_TOKEN } : {}),
      log: (line) => io.err(`${line}\n`),
    }).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(
        `cannot start the registry: ${error.code === 'EADDRINUSE' ? portTaken(port) : error.message.replace(/\.$/, '')}.`,
      );
    });
    // Signal handlers first: whoever reads the URL below may stop the server at once.
    const stopped = serveUntilSignal(running, (line) => io.out(`${line}\n`));
    io.out(`Canon registry listening on ${running.url} (database ${shown})\n`);
    io.out(`Web pages: ${running.url}/ui/\n`);
    if (running.generatedAdminToken) {
      io.out(`First admin token (shown once, keep it): ${running.generatedAdminToken}\n`);
    }
    await stopped;
    return EXIT.ok;
  },
};

/** The port to listen on: `--port`, else the CANON_PORT environment variable, else the default. */
export function portOf(flag: string | undefined, env: Io['env']): number {
  const [text, name] =
    flag !== undefined ? [flag, '--port'] : env.CANON_PORT ? [env.CANON_PORT, 'CANON_PORT'] : [undefined, ''];
  if (text === undefined) return DEFAULT_PORT;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535)
    throw new UsageError(`${name} must be a number from 0 to 65535, not '${text}'.`);
  return Number(text);
}

/** What to say when the port is taken: which one, and how to choose another. */
export const portTaken = (port: number): string =>
  `port ${port} is in use (another registry, or another program); pick a free one with --port <n> or CANON_PORT, or stop what holds it`;
