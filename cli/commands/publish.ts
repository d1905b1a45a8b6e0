import { resolve } from 'node:path';
import type * as Api from '../../registry/api-types.js';
import { type Command, EXIT, formatOption, type Io, parseCommandArgs, UsageError } from '../command.js';
import { loadConfig } from '../config.js';
import { readText } from '../read-text.js';
import { RegistryApiError, RegistryClient, RegistryConnectionError } from '../registry/client.js';
import { registryTarget } from '../registry/target.js';

const HELP = `Usage: canon publish <spec> --version <v> [--org <org>] [--app <key>] [--registry <url>]
                     [--dry-run] [--force <reason>] [--format text|json]

Publishes one version of a spec to the registry. The registry validates it, diffs it against the
versions around it and refuses breaking changes unless the service's policy allows them.

Options:
  --version <v>      the semantic version to publish (e.g. 1.4.0)
  --org <org>        organization key (default: canon.config.json registry.organization or organization)
  --app <key>        application key (default: from the spec's name, 'User Service' → user-service)
  --registry <url>   registry URL (default: canon.config.json registry.url, CANON_REGISTRY,
                     or http://127.0.0.1:7411)
  --dry-run          check everything, store nothing
  --force <reason>   admins only: accept breaking changes; the reason is kept in the change log
  --format text|json

The token comes from CANON_TOKEN.
Exit codes: 0 stored (or already stored identically), 1 refused (breaking change, invalid spec,
            version conflict: the reasons are printed), 2 usage error, unreadable file,
            registry unreachable, or a token that is missing or lacks the publish role.`;

export const command: Command = {
  name: 'publish',
  summary: 'Publish a spec version to the registry',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        version: { type: 'string' },
        org: { type: 'string' },
        app: { type: 'string' },
        registry: { type: 'string' },
        'dry-run': { type: 'boolean' },
        force: { type: 'string' },
        format: { type: 'string' },
      },
      'publish',
    );
    const format = formatOption(values.format, ['text', 'json'] as const, 'publish');
    if (positionals.length !== 1)
      throw new UsageError("name one spec file, e.g. 'canon publish specs/user.json --version 1.0.0'.");
    if (!values.version)
      throw new UsageError('give the version to publish with --version, e.g. --version 1.0.0.');
    const file = positionals[0]!;
    const config = await loadConfig(io.cwd);
    const target = registryTarget(config, { registry: values.registry, org: values.org }, io.env);
    if (!target.organization) {
      throw new UsageError(
        'give the organization with --org, or set registry.organization in canon.config.json.',
      );
    }
    const original = await readSpecText(file, io.cwd);
    const application = values.app ?? (await applicationKeyOf(original, file));
    const client = new RegistryClient(target.url, target.token);
    const form: Api.PublishForm = { original, file };
    if (values['dry-run']) form.dry_run = true;
    if (values.force !== undefined) form.force_reason = values.force;
    try {
      const result = await client.publish(target.organization, application, values.version, form);
      io.out(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : describePublished(result));
      return EXIT.ok;
    } catch (error) {
      return reportRegistryError(
        error,
        io,
        format,
        `${target.organization}/${application} ${values.version}`,
      );
    }
  },
};

async function readSpecText(file: string, cwd: string): Promise<string> {
  try {
    return await readText(resolve(cwd, file));
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
  }
}

/** The spec's name as an application key, read the same way the registry will read it. */
async function applicationKeyOf(text: string, file: string): Promise<string> {
  const { loadSpec } = await import('../../core/load.js');
  const { urlKey } = await import('../../core/parse/api-json.js');
  const { service } = await loadSpec(text, { file });
  const key = service?.name ? urlKey(service.name) : '';
  if (!key)
    throw new UsageError(
      `cannot tell the application key from ${file} (it has no usable name); give it with --app.`,
    );
  return key;
}

function describePublished(result: Api.PublishResult): string {
  const v = result.version;
  const what = {
    created: 'published',
    exists: 'already published with identical content',
    'dry-run': 'would be accepted (dry run, nothing stored)',
  }[result.status];
  const lines = [
    `${v.organization}/${v.application} ${v.version}: ${what} (${v.content_hash.slice(0, 19)}).`,
  ];
  if (v.previous_version !== undefined)
    lines.push(`Changes since ${v.previous_version}:${v.changes.length === 0 ? ' none' : ''}`);
  for (const c of v.changes) lines.push(`  ${c.level.padEnd(8)} ${c.rule}: ${c.message}`);
  if (v.forced_reason !== undefined) lines.push(`Forced by an admin: ${v.forced_reason}`);
  for (const w of result.warnings) lines.push(`warning ${w.code}: ${w.message}`);
  return `${lines.join('\n')}\n`;
}

/**
 * Prints a registry refusal and returns the exit code: 1 when the registry judged the spec
 * or the request (invalid, breaking, conflict, too large, unknown service or generator), 2 when
 * the call itself could not be made (unreachable, no token, a token without the role).
 */
export function reportRegistryError(
  error: unknown,
  io: Io,
  format: 'text' | 'json',
  subject: string,
): number {
  if (error instanceof RegistryConnectionError) {
    io.err(`canon: ${error.message}\n`);
    return EXIT.usage;
  }
  if (!(error instanceof RegistryApiError)) throw error;
  const judged = [404, 409, 413, 422].includes(error.status);
  if (format === 'json') {
    io.out(`${JSON.stringify({ status: error.status, ...error.body }, null, 2)}\n`);
  } else {
    const lines = [`${subject}: ${judged ? 'refused' : 'failed'} (${error.status}).`];
    for (const e of error.body.errors)
      lines.push(`  ${e.code}${e.path ? ` at ${e.path}` : ''}: ${e.message}`);
    (judged ? io.out : io.err)(`${lines.join('\n')}\n`);
  }
  return judged ? EXIT.problems : EXIT.usage;
}
