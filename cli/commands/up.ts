import { readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DB, DEFAULT_PORT } from '../../registry/defaults.js';
import { type Command, EXIT, parseCommandArgs, UsageError } from '../command.js';
import { databaseArg } from '../database-arg.js';
import { portOf, portTaken } from './serve.js';

const HELP = `Usage: canon up [--port <n>] [--db <file|url>] [--specs <dir>] [--org <org>]

The main job: starts a local registry on a SQLite file, publishes every spec under specs/ into
it when it is empty (common.json first, then the rest in dependency order), prints the URL and a
first command to try and the URL of its web pages (/ui/), and keeps serving until Ctrl-C.

Options:
  --port <n>     port (default: CANON_PORT, else ${DEFAULT_PORT}); a port that is taken is an
                 error, never silently another port
  --db <file|url> SQLite database file (default ${DEFAULT_DB}) or a postgres:// URL
  --specs <dir>  the specs to publish (default specs)
  --org <org>    organization to publish them under (default: canon.config.json organization,
                 else canon; its namespace, when configured, is set in the registry)

Exit codes: 0 stopped cleanly, 1 a spec could not be published, 2 the registry could not start.`;

export const command: Command = {
  name: 'up',
  summary: 'Start a local registry with the specs in specs/ published (the main job)',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        port: { type: 'string' },
        db: { type: 'string' },
        specs: { type: 'string' },
        org: { type: 'string' },
      },
      'up',
    );
    if (positionals.length > 0)
      throw new UsageError(`unexpected argument '${positionals[0]}'. Run 'canon up --help' for usage.`);
    const port = portOf(values.port, io.env);
    const { db, shown: dbName } = await databaseArg(values.db ?? DEFAULT_DB, io.cwd, true);
    const { startRegistry, serveUntilSignal } = await import('../../registry/server.js');
    const running = await startRegistry({
      db,
      port,
      ...(io.env.CANON_ADMIN_TOKEN ? { adminToken: io.env.CANON_ADMIN_TOKEN } : {}),
      log: (line) => io.err(`${line}\n`),
    }).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(
        `cannot start the registry: ${error.code === 'EADDRINUSE' ? portTaken(port) : error.message.replace(/\.$/, '')}.`,
      );
    });
    const configured = await configuredOrganization(io.cwd);
    const organization = values.org ?? configured.key ?? 'canon';
    const specsDir = resolve(io.cwd, values.specs ?? 'specs');
    const existing = await running.registry.store.searchServices({ limit: 1000, offset: 0 });
    let failed = 0;
    let firstPublished: string | undefined;
    if (existing.length === 0) {
      if (configured.namespace && organization === configured.key) {
        await running.registry.store.setOrganizationNamespace(organization, configured.namespace, 'canon up');
      }
      const { publishSpecDirectory } = await import('../../registry/seed.js');
      const version = await projectVersion(io.cwd);
      const seeded = await publishSpecDirectory(running.registry, specsDir, {
        organization,
        version,
        actor: 'canon up',
      }).catch((error: NodeJS.ErrnoException) => {
        io.err(
          `canon up: cannot read ${values.specs ?? 'specs'}: ${error.code ?? error.message}; starting empty.\n`,
        );
        return { published: [], failed: [] };
      });
      for (const p of seeded.published)
        io.out(`Published ${organization}/${p.application} ${p.version} from ${p.file}\n`);
      for (const f of seeded.failed) io.err(`Could not publish ${f.file}: ${f.reason}\n`);
      failed = seeded.failed.length;
      firstPublished = (seeded.published.find((p) => p.application === 'user') ?? seeded.published[0])?.file;
    } else {
      io.out(`The registry already holds ${existing.length} service(s); nothing published.\n`);
    }
    const services = await running.registry.store.searchServices({ limit: 1000, offset: 0 });
    const example = services.find((s) => s.application === 'user') ?? services[0];
    // Signal handlers first: whoever reads the URL below may press Ctrl-C at once.
    const stopped = serveUntilSignal(running, (line) => io.out(`${line}\n`));
    io.out(`\nCanon registry running at ${running.url} (database ${dbName})\n`);
    io.out(`Web pages (browse the specs, their versions and changes): ${running.url}/ui/\n`);
    if (running.generatedAdminToken) {
      io.out(
        `Admin token (shown once; publishing needs it as CANON_TOKEN): ${running.generatedAdminToken}\n`,
      );
    } else if (!io.env.CANON_ADMIN_TOKEN) {
      io.out(
        'Publishing needs a token: the admin token printed when this registry was created, or set CANON_ADMIN_TOKEN.\n',
      );
    }
    io.out('\nTry:\n');
    io.out(`  curl ${running.url}/services\n`);
    if (example) {
      io.out(
        `  curl ${running.url}/services/${example.organization}/${example.application}/versions/latest\n`,
      );
    }
    const specFile = join(values.specs ?? 'specs', firstPublished ?? '<spec>.json');
    io.out(
      `  CANON_TOKEN=<admin token> ${canonCommand()} publish ${specFile} --org ${organization} --version 0.2.0 --registry ${running.url}\n`,
    );
    io.out('\nPress Ctrl-C to stop.\n');
    await stopped;
    return failed > 0 ? EXIT.problems : EXIT.ok;
  },
};

/**
 * How the user runs this Canon: `npx canon` where it is an installed package, the built file in
 * Canon's own checkout (where no `canon` is on the PATH until `npm link`).
 */
function canonCommand(): string {
  const bin = fileURLToPath(import.meta.url);
  return bin.split(sep).includes('node_modules') ? 'npx canon' : 'node dist/cli/bin.js';
}

async function projectVersion(cwd: string): Promise<string> {
  try {
    const pkg = JSON.parse(await readFile(resolve(cwd, 'package.json'), 'utf8')) as { version?: unknown };
    if (typeof pkg.version === 'string' && /^\d+\.\d+\.\d+/.test(pkg.version)) return pkg.version;
  } catch {
    // No package.json: Canon's own default below.
  }
  return '0.1.0';
}

/** canon.config.json `organization`: a key, or `{ key, namespace }`. */
async function configuredOrganization(cwd: string): Promise<{ key?: string; namespace?: string }> {
  const { loadConfig } = await import('../config.js');
  const org = (await loadConfig(cwd)).raw.organization;
  if (typeof org === 'string') return { key: org };
  if (typeof org !== 'object' || org === null || Array.isArray(org)) return {};
  const { key, namespace } = org as Record<string, unknown>;
  return {
    ...(typeof key === 'string' ? { key } : {}),
    ...(typeof namespace === 'string' ? { namespace } : {}),
  };
}
