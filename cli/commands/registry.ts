import { type Command, EXIT, UsageError } from '../command.js';
import { audit } from './registry/audit.js';
import { exportBackup, importBackup } from './registry/backup.js';
import { changes } from './registry/changes.js';
import { remove } from './registry/delete.js';
import { dependents } from './registry/dependents.js';
import { graph } from './registry/graph.js';
import { mode } from './registry/mode.js';
import { namespace } from './registry/namespace.js';
import { policy } from './registry/policy.js';
import { restore } from './registry/restore.js';
import { EXIT_HELP, type Subcommand } from './registry/subcommand.js';
import { tokens } from './registry/tokens.js';

/** In the order `canon registry --help` lists them: the operator's questions first, backups last. */
const SUBCOMMANDS: readonly Subcommand[] = [
  tokens,
  policy,
  mode,
  changes,
  dependents,
  graph,
  remove,
  restore,
  namespace,
  audit,
  exportBackup,
  importBackup,
];

const HELP = `Usage: canon registry <subcommand> [options]

Operates a registry: what needs an admin and curl otherwise. Every subcommand but export and
import talks to a running registry over HTTP (--registry, else canon.config.json registry.url,
else CANON_REGISTRY, else http://127.0.0.1:7411) with the token in CANON_TOKEN, and prints text,
or with --format json the registry's answer. export and import read and write the database
itself (--db).

Subcommands:
${SUBCOMMANDS.map((s) => `  ${s.name.padEnd(11)} ${s.summary}`).join('\n')}

Run 'canon registry <subcommand> --help' for its options.
${EXIT_HELP}`;

const find = (name: string | undefined) => SUBCOMMANDS.find((s) => s.name === name);

export const command: Command = {
  name: 'registry',
  summary: 'Operate a registry: tokens, policies, modes, change logs, dependents, deletes, backups',
  help: HELP,
  helpFor(argv) {
    return find(argv.find((a) => !a.startsWith('-')))?.help ?? HELP;
  },
  async run(argv, io) {
    const [name, ...rest] = argv;
    if (name === undefined) {
      io.err(`${HELP}\n`);
      return EXIT.usage;
    }
    const subcommand = find(name);
    if (!subcommand)
      throw new UsageError(
        `'${name}' is not a registry subcommand; use one of: ${SUBCOMMANDS.map((s) => s.name).join(', ')}.`,
      );
    return subcommand.run(rest, io);
  },
};
