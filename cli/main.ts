import { EXIT, type Io, UsageError } from './command.js';
import { COMMANDS, loadCommand } from './commands.js';

const USAGE = `canon — spec-first API toolchain

Usage: canon <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, { summary }]) => `  ${name.padEnd(13)} ${summary}`)
  .join('\n')}

Run 'canon <command> --help' for a command's options.
Exit codes: 0 ok, 1 the check found problems, 2 usage error or unreadable input.`;

/** Runs one CLI invocation and returns its exit code. Never throws. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(`${USAGE}\n`);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (name === '--version') {
    io.out('canon 0.1.0\n');
    return EXIT.ok;
  }
  try {
    const command = await loadCommand(name);
    if (!command) {
      io.err(`canon: unknown command '${name}'. Run 'canon --help' for the list of commands.\n`);
      return EXIT.usage;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(`${(command.helpFor?.(rest) ?? command.help).trimEnd()}\n`);
      return EXIT.ok;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`canon ${name}: ${error.message}\n`);
      return EXIT.usage;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(
      `canon ${name}: unexpected error: ${message}\nThis is a bug in Canon; please report it with the command you ran.\n`,
    );
    if (io.env.CANON_DEBUG && error instanceof Error) io.err(`${error.stack}\n`);
    return EXIT.usage;
  }
}
