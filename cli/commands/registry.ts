import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DEFAULT_DB } from '../../registry/defaults.js';
import { type Command, EXIT, parseCommandArgs, UsageError } from '../command.js';
import { databaseArg } from '../database-arg.js';

const HELP = `Usage: canon registry export <file> [--db <file|url>]
       canon registry import <file> [--db <file|url>]

Backup and restore. 'export' writes everything the registry holds (organizations, services,
versions with their documents and change logs, event union owners, hashed tokens, the audit log)
to one JSON file; 'import' loads such a file into an empty registry, all of it or nothing.
Export is safe while the registry serves; an export imported again reads back identically.

Options:
  --db <file|url>  the registry's SQLite database (default ${DEFAULT_DB}) or postgres:// URL;
                   an export from one loads into the other

Exit codes: 0 done, 1 the import was refused (not an export, or the registry is not empty),
            2 usage error or a file that cannot be read or written.`;

export const command: Command = {
  name: 'registry',
  summary: 'Registry maintenance: export and import backups',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, { db: { type: 'string' } }, 'registry');
    const [action, file, ...rest] = positionals;
    if ((action !== 'export' && action !== 'import') || file === undefined || rest.length > 0) {
      throw new UsageError("use 'canon registry export <file>' or 'canon registry import <file>'.");
    }
    const path = resolve(io.cwd, file);
    const { openStore } = await import('../../registry/store/open-store.js');
    if (action === 'export') {
      const store = await openStore((await databaseArg(values.db ?? DEFAULT_DB, io.cwd, false)).db);
      try {
        const dump = await store.exportAll();
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
    }
    let dump: unknown;
    try {
      dump = JSON.parse(await readFile(path, 'utf8'));
    } catch (error) {
      const reason =
        error instanceof SyntaxError
          ? 'it is not JSON'
          : ((error as NodeJS.ErrnoException).code ?? String(error));
      throw new UsageError(`cannot read ${file}: ${reason}.`);
    }
    const target = await databaseArg(values.db ?? DEFAULT_DB, io.cwd, true);
    const store = await openStore(target.db);
    const { RegistryError } = await import('../../registry/errors.js');
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
