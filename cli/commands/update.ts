import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type * as Api from '../../registry/api-types.js';
import { type Command, EXIT, parseCommandArgs, UsageError } from '../command.js';
import { loadConfig } from '../config.js';
import { applyOutput } from '../output/apply.js';
import { MANIFEST_FILE, manifestText, type PlannedFile, planManifest } from '../output/manifest.js';
import { RegistryClient } from '../registry/client.js';
import { registryTarget } from '../registry/target.js';
import { LEGACY_TRACKED_FILE, readUpdateManifest } from '../registry/tracked-migration.js';
import { placeFile, readUpdateSection } from '../registry/update-targets.js';
import { reportRegistryError } from './publish.js';

const NOTE =
  'Files canon update wrote under this directory, so that it can delete those it no longer generates. Commit it with them.';

const HELP = `Usage: canon update [--registry <url>] [--check] [--config <file>]

Refreshes generated code from the registry, as canon.config.json "services" says:

  "registry": { "url": "http://127.0.0.1:7411", "organization": "acme" },
  "services": {
    "acme/user": { "version": "latest", "generators": { "typescript-client": "src/generated/user" } },
    "billing":   { "version": "1.4.0", "generators": { "express-routes": { "target": "src/routes", "options": {} } } }
  }

Writes only files whose contents changed, never overwrites an existing scaffolding file, deletes
files an earlier update wrote that are no longer generated (unless edited since), and records what
it wrote in ${MANIFEST_FILE} next to the config (commit it with the code; an older
${LEGACY_TRACKED_FILE} is read once and replaced).

Options:
  --registry <url>   registry URL (default: canon.config.json registry.url, CANON_REGISTRY, or local)
  --check            change nothing; exit 1 when an update would change files
  --config <file>    canon.config.json to use (default: found from the current directory)

Exit codes: 0 up to date (or updated), 1 --check found changes or the registry refused a request
            (unknown service, version or generator), 2 usage error or registry unreachable.`;

export const command: Command = {
  name: 'update',
  summary: 'Refresh generated code from the registry per canon.config.json',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { registry: { type: 'string' }, check: { type: 'boolean' }, config: { type: 'string' } },
      'update',
    );
    if (positionals.length > 0)
      throw new UsageError(`unexpected argument '${positionals[0]}'. Run 'canon update --help' for usage.`);
    const config = await loadConfig(io.cwd, values.config);
    if (!config.file || config.raw.services === undefined) {
      throw new UsageError(
        `no "services" section in ${config.file ?? 'canon.config.json (none found)'}. Run 'canon update --help' for its shape.`,
      );
    }
    const target = registryTarget(config, { registry: values.registry }, io.env);
    const { targets, problems } = readUpdateSection(config.raw.services, target.organization);
    if (problems.length > 0) throw new UsageError(`${config.file}: ${problems.join('; ')}.`);
    const client = new RegistryClient(target.url, target.token);
    const planned = new Map<string, PlannedFile & { subject: string }>();
    for (const t of targets) {
      const subject = `${t.organization}/${t.application} ${t.version} (${t.generator})`;
      let code: Api.Code;
      try {
        code = await client.generate(t.organization, t.application, t.version, t.generator, {
          options: t.options,
        });
      } catch (error) {
        return reportRegistryError(error, io, 'text', subject);
      }
      for (const file of code.files) {
        let path: string;
        try {
          path = placeFile(t.target, file.path);
        } catch (error) {
          io.err(`canon update: ${subject}: ${(error as Error).message}\n`);
          return EXIT.problems;
        }
        const other = planned.get(path);
        if (other && other.contents !== file.contents) {
          throw new UsageError(
            `${path} is generated twice with different contents (${other.subject} and ${subject}); give them separate targets.`,
          );
        }
        planned.set(path, {
          path,
          contents: file.contents,
          ...(file.scaffolding ? { scaffolding: true } : {}),
          entry: {
            generator: t.generator,
            service: `${t.organization}/${t.application}`,
            version: code.version,
          },
          subject,
        });
      }
    }
    const dryRun = values.check === true;
    const { manifest: previous, problem, legacy } = await readUpdateManifest(config.dir);
    if (problem !== undefined) {
      io.err(
        `canon update: cannot read ${legacy ? LEGACY_TRACKED_FILE : MANIFEST_FILE} (${problem}), so no file that is no longer generated is deleted; resolve it (a merge conflict?) or delete it and run again.\n`,
      );
    }
    const files = [...planned.values()].map(({ subject: _, ...file }) => file);
    // Entries without a service are canon generate's, should it share the directory.
    const plan = planManifest(previous, files, (entry) => entry.service !== undefined);
    const manifest = plan.next.size > 0 || previous.size > 0 ? manifestText(plan.next, NOTE) : undefined;
    const outcome = await applyOutput(
      { root: config.dir, files, plan, manifest, label: (path) => path },
      { dryRun },
    );
    if (legacy && !dryRun && manifest !== undefined) {
      await rm(join(config.dir, LEGACY_TRACKED_FILE), { force: true });
      io.out(`moved the list of generated files from ${LEGACY_TRACKED_FILE} to ${MANIFEST_FILE}\n`);
    }
    const verb = dryRun ? 'would write' : 'wrote';
    for (const path of outcome.written) io.out(`${verb} ${path}\n`);
    for (const path of outcome.deleted) io.out(`${dryRun ? 'would remove' : 'removed'} ${path}\n`);
    for (const { path, reason } of outcome.kept)
      io.err(
        `canon update: kept ${path}, which is no longer generated: ${reason}. Delete it if nothing needs it.\n`,
      );
    const kept = outcome.kept.length > 0 ? `, ${outcome.kept.length} no longer generated but kept` : '';
    io.out(
      `${outcome.written.length} written, ${outcome.unchanged.length} unchanged, ${outcome.keptScaffolding.length} scaffolding kept, ${outcome.deleted.length} removed${kept}.\n`,
    );
    if (dryRun && (outcome.written.length > 0 || outcome.deleted.length > 0)) return EXIT.problems;
    return EXIT.ok;
  },
};
