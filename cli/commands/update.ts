import type * as Api from '../../registry/api-types.js';
import { type Command, EXIT, parseCommandArgs, UsageError } from '../command.js';
import { loadConfig } from '../config.js';
import { RegistryClient } from '../registry/client.js';
import { registryTarget } from '../registry/target.js';
import {
  applyUpdate,
  type PlannedFile,
  placeFile,
  readUpdateSection,
  sha256,
  TRACKED_FILE,
} from '../registry/update-plan.js';
import { reportRegistryError } from './publish.js';

const HELP = `Usage: canon update [--registry <url>] [--check] [--config <file>]

Refreshes generated code from the registry, as canon.config.json "services" says:

  "registry": { "url": "http://127.0.0.1:7411", "organization": "acme" },
  "services": {
    "acme/user": { "version": "latest", "generators": { "typescript-client": "src/generated/user" } },
    "billing":   { "version": "1.4.0", "generators": { "express-routes": { "target": "src/routes", "options": {} } } }
  }

Writes only files whose contents changed, never overwrites an existing scaffolding file, removes
files an earlier update wrote that are no longer generated, and records what it wrote in
${TRACKED_FILE} next to the config (commit it with the code).

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
    const planned = new Map<string, PlannedFile>();
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
          path = placeFile(config.dir, t.target, file.path);
        } catch (error) {
          io.err(`canon update: ${subject}: ${(error as Error).message}\n`);
          return EXIT.problems;
        }
        const other = planned.get(path);
        if (other && other.contents !== file.contents) {
          throw new UsageError(
            `${path} is generated twice with different contents (${other.tracked.service} ${other.tracked.generator} and ${subject}); give them separate targets.`,
          );
        }
        planned.set(path, {
          path,
          contents: file.contents,
          scaffolding: file.scaffolding === true,
          tracked: {
            service: `${t.organization}/${t.application}`,
            version: code.version,
            generator: t.generator,
            sha256: sha256(file.contents),
            ...(file.scaffolding ? { scaffolding: true } : {}),
          },
        });
      }
    }
    const outcome = await applyUpdate(config.dir, [...planned.values()], values.check === true);
    const verb = values.check ? 'would write' : 'wrote';
    for (const path of outcome.written) io.out(`${verb} ${path}\n`);
    for (const path of outcome.removed) io.out(`${values.check ? 'would remove' : 'removed'} ${path}\n`);
    io.out(
      `${outcome.written.length} written, ${outcome.unchanged.length} unchanged, ${outcome.keptScaffolding.length} scaffolding kept, ${outcome.removed.length} removed.\n`,
    );
    if (values.check && (outcome.written.length > 0 || outcome.removed.length > 0)) return EXIT.problems;
    return EXIT.ok;
  },
};
