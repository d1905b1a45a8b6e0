import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DEFAULT_DB } from '../../../registry/defaults.js';
import { EXIT, parseCommandArgs, UsageError } from '../../command.js';
import { databaseArg } from '../../database-arg.js';
import type { Subcommand } from './subcommand.js';

const DB_HELP = `Options:
  --db <file|url>  the registry's SQLite database (default ${DEFAULT_DB}) or postgres:// URL;
                   an export from one loads into the other`;

export const exportBackup: Subcommand = {
  name: 'export',
  summary: 'Write everything a registry database holds to a JSON backup',
  help: `Usage: canon registry export <file> [--db <file|url>]

Writes everything the registry holds (organizations, services, versions with their documents and
change logs, imports, event union owners, hashed tokens, the audit log, settings) to one JSON
file, from one snapshot: safe while the registry serves. It reads the database directly.

${DB_HELP}

Exit codes: 0 done, 2 usage error or a file that cannot be written.`,
  async run(argv, io) {
    const { file, db } = backupArguments('export', argv);
    const { openStore } = await import('../../../registry/store/open-store.js');
    const store = await openStore((await databaseArg(db, io.cwd, false)).db);
    try {
      const dump = await store.exportAll();
      const path = resolve(io.cwd, file);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, `${JSON.stringify(dump)}\n`).catch((error: NodeJS.ErrnoException) => {
        throw new UsageError(`cannot write ${file}: ${error.code ?? error.message}.`);
      });
      const count = (name: string) => dump.tables[name]?.length ?? 0;
      io.out(
        `Exported ${count('services')} service(s), ${count('versions')} version(s) and ${count('tokens')} token(s) to ${file}.\n`,
      );
      return EXIT.ok;
    } finally {
      await store.close();
    }
  },
};

export const importBackup: Subcommand = {
  name: 'import',
  summary: 'Load a JSON backup into an empty registry database',
  help: `Usage: canon registry import <file> [--db <file|url>]

Loads a file that 'canon registry export' wrote into an empty registry, all of it or nothing, in
one transaction. An export imported again reads back identically.

${DB_HELP}

Exit codes: 0 done, 1 the import was refused (not an export, or the registry is not empty),
            2 usage error or a file that cannot be read.`,
  async run(argv, io) {
    const { file, db } = backupArguments('import', argv);
    let dump: unknown;
    try {
      dump = JSON.parse(await readFile(resolve(io.cwd, file), 'utf8'));
    } catch (error) {
      const reason =
        error instanceof SyntaxError
          ? 'it is not JSON'
          : ((error as NodeJS.ErrnoException).code ?? String(error));
      throw new UsageError(`cannot read ${file}: ${reason}.`);
    }
    const { openStore } = await import('../../../registry/store/open-store.js');
    const { RegistryError } = await import('../../../registry/errors.js');
    const target = await databaseArg(db, io.cwd, true);
    const store = await openStore(target.db);
    try {
      await store.importAll(dump as Parameters<typeof store.importAll>[0]);
      io.out(`Imported ${file} into ${target.shown}.\n`);
      return EXIT.ok;
    } catch (error) {
      if (!(error instanceof RegistryError)) throw error;
      io.err(`canon registry import: ${error.message}\n`);
      return EXIT.problems;
    } finally {
      await store.close();
    }
  },
};

function backupArguments(action: string, argv: string[]): { file: string; db: string } {
  const { values, positionals } = parseCommandArgs(argv, { db: { type: 'string' } }, `registry ${action}`);
  const [file, ...rest] = positionals;
  if (file === undefined || rest.length > 0)
    throw new UsageError(`name one backup file, e.g. 'canon registry ${action} backup.json'.`);
  return { file, db: values.db ?? DEFAULT_DB };
}
