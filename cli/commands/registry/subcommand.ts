import type * as Api from '../../../registry/api-types.js';
import { EXIT, formatOption, type Io, parseCommandArgs, UsageError } from '../../command.js';
import { loadConfig } from '../../config.js';
import { RegistryApiError, RegistryClient } from '../../registry/client.js';
import { registryTarget } from '../../registry/target.js';
import { reportRegistryError } from '../publish.js';

/** One `canon registry <name>` subcommand. */
export interface Subcommand {
  name: string;
  /** One line for `canon registry --help`. */
  summary: string;
  /** `canon registry <name> --help`. */
  help: string;
  run(argv: string[], io: Io): Promise<number>;
}

/** The options every subcommand that talks to a registry over HTTP takes. */
export const REMOTE_OPTIONS = {
  registry: { type: 'string' },
  org: { type: 'string' },
  format: { type: 'string' },
} as const;

/** The `Options:` lines of those options; `withOrg: false` where `--org` means something else. */
export function remoteHelp(withOrg = true): string {
  return [
    '  --registry <url>   registry URL (default: canon.config.json registry.url, CANON_REGISTRY,',
    '                     or http://127.0.0.1:7411)',
    ...(withOrg
      ? ['  --org <org>        organization of a service named without one (default: canon.config.json)']
      : []),
    '  --format text|json',
  ].join('\n');
}

export const TOKEN_HELP = 'The token comes from CANON_TOKEN.';

export const EXIT_HELP = `Exit codes: 0 done, 1 refused by the registry (unknown service, version or token; a delete
            refused while it is imported; READONLY; an invalid value), 2 usage error, registry
            unreachable, or a token that is missing, unknown, expired or lacks the role.`;

/** A subcommand's parsed arguments, its registry client and output format. */
export interface RemoteCall {
  values: Readonly<Record<string, string | boolean | undefined>>;
  positionals: string[];
  format: 'text' | 'json';
  client: RegistryClient;
  /** The organization from `--org` or canon.config.json, for service names without one. */
  organization: string | undefined;
}

/** Parses `argv` for `canon registry <name>` and builds the client from `--registry` and CANON_TOKEN. */
export async function remoteCall(
  name: string,
  argv: string[],
  options: Readonly<Record<string, { type: 'string' | 'boolean' }>>,
  io: Io,
): Promise<RemoteCall> {
  const parsed = parseCommandArgs(argv, { ...REMOTE_OPTIONS, ...options }, `registry ${name}`);
  const values = parsed.values as RemoteCall['values'];
  const format = formatOption(values.format, ['text', 'json'] as const, `registry ${name}`);
  const target = registryTarget(
    await loadConfig(io.cwd),
    { registry: values.registry as string | undefined, org: values.org as string | undefined },
    io.env,
  );
  return {
    values,
    positionals: parsed.positionals,
    format,
    client: new RegistryClient(target.url, target.token),
    organization: target.organization,
  };
}

/** `acme/user`, or `user` with the organization from `--org` or canon.config.json. */
export function serviceArgument(
  text: string | undefined,
  organization: string | undefined,
  example: string,
): { organization: string; application: string } {
  if (text === undefined) throw new UsageError(`name the service as <org>/<app>, e.g. '${example}'.`);
  const parts = text.split('/');
  if (parts.length === 2 && parts[0] && parts[1]) return { organization: parts[0], application: parts[1] };
  if (parts.length === 1 && parts[0] && organization) return { organization, application: parts[0] };
  throw new UsageError(
    parts.length === 1 && parts[0]
      ? `'${text}' names no organization: write <org>/${text}, or give --org.`
      : `'${text}' is not a service name: write <org>/<app>, e.g. '${example}'.`,
  );
}

/** Refuses positionals beyond the `count` a subcommand takes. */
export function atMost(positionals: string[], count: number, usage: string): void {
  if (positionals.length > count)
    throw new UsageError(`unexpected '${positionals[count]}'; usage: ${usage}.`);
}

/** Prints `value` as JSON, or the text `describe` makes of it. */
export function print<T>(io: Io, format: 'text' | 'json', value: T, describe: (value: T) => string): number {
  io.out(format === 'json' ? `${JSON.stringify(value, null, 2)}\n` : `${describe(value).trimEnd()}\n`);
  return EXIT.ok;
}

/**
 * Reports a failed call as `canon publish` does (exit 1 for what the registry refused, 2 for a
 * call that could not be made), adding in text the CLI command that is the next step where the
 * server's message names an HTTP request.
 */
export function reportFailure(error: unknown, io: Io, format: 'text' | 'json', subject: string): number {
  const code = reportRegistryError(error, io, format, subject);
  if (format === 'text' && error instanceof RegistryApiError) {
    const hint = nextStep(error.body, subject);
    if (hint) (code === EXIT.problems ? io.out : io.err)(`${hint}\n`);
  }
  return code;
}

function nextStep(body: Api.ErrorResponse, subject: string): string | undefined {
  const codes = new Set(body.errors.map((e) => e.code));
  const service = /^[^\s/]+\/[^\s/]+/.exec(subject)?.[0];
  if (codes.has('imported') && service)
    return `Every version that imports it: canon registry dependents ${service}`;
  if (codes.has('read-only')) {
    const scoped = body.errors.some((e) => e.code === 'read-only' && !e.message.startsWith('The registry'));
    return scoped && service
      ? `Switch it back: canon registry mode ${service} READWRITE`
      : 'Switch it back: canon registry mode READWRITE';
  }
  if (codes.has('service-deleted') && service)
    return `Restore the service first: canon registry restore ${service} --service`;
  if (codes.has('unauthorized'))
    return 'Set CANON_TOKEN to a token of this registry (an admin token for writes).';
  return undefined;
}
