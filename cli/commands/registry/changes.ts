import type * as Api from '../../../registry/api-types.js';
import { UsageError } from '../../command.js';
import {
  atMost,
  EXIT_HELP,
  print,
  remoteCall,
  remoteHelp,
  reportFailure,
  type Subcommand,
  serviceArgument,
  TOKEN_HELP,
} from './subcommand.js';

const USAGE = 'canon registry changes <org>/<app> [--from <version>] [--to <version>]';

export const changes: Subcommand = {
  name: 'changes',
  summary: "Show a service's change log, or the changes between two versions",
  help: `Usage: ${USAGE} [--registry <url>] [--format text|json]

Without --from: every live version of the service, oldest first, with who published it, when,
and its change log against its semver predecessor (each change: level, rule, message), and the
reason when an admin forced a breaking publish. With --from: the changes between two versions
(either order; --to defaults to latest). Versions may be ranges, as in every read (^1.2, 1.x).

Options:
  --from <version>   compare from this version
  --to <version>     to this one (default: latest)
${remoteHelp()}

${TOKEN_HELP}
${EXIT_HELP}`,
  async run(argv, io) {
    const call = await remoteCall('changes', argv, { from: { type: 'string' }, to: { type: 'string' } }, io);
    atMost(call.positionals, 1, USAGE);
    const service = serviceArgument(
      call.positionals[0],
      call.organization,
      'canon registry changes acme/user',
    );
    const name = `${service.organization}/${service.application}`;
    const from = call.values.from as string | undefined;
    const to = call.values.to as string | undefined;
    if (to !== undefined && from === undefined)
      throw new UsageError('--to needs --from: the changes between two versions.');
    try {
      if (from !== undefined) {
        const log = await call.client.changes(service.organization, service.application, from, to);
        return print(io, call.format, log, (l) => describeBetween(name, l));
      }
      const versions = await call.client.listVersions(service.organization, service.application);
      return print(io, call.format, versions, (v) => describeHistory(name, v));
    } catch (error) {
      return reportFailure(error, io, call.format, name);
    }
  },
};

const changeLines = (list: readonly Api.Change[]) =>
  list.map((c) => `  ${c.level.padEnd(8)} ${c.rule}: ${c.message}`);

/** Every version with its change log, as `canon registry changes` prints it. */
export function describeHistory(name: string, versions: readonly Api.Version[]): string {
  if (versions.length === 0) return `${name}: no live versions.`;
  const lines = [`${name}: ${versions.length} version(s)`];
  for (const v of versions) {
    const since =
      v.previous_version === undefined
        ? 'first version'
        : v.changes.length === 0
          ? `no changes since ${v.previous_version}`
          : `${v.changes.length} change(s) since ${v.previous_version}`;
    lines.push('', `${v.version}  published ${v.published_at} by ${v.published_by}; ${since}`);
    lines.push(...changeLines(v.changes));
    if (v.forced_reason !== undefined) lines.push(`  forced by an admin: ${v.forced_reason}`);
  }
  return lines.join('\n');
}

function describeBetween(name: string, log: Api.ChangeLog): string {
  const head = `${name} ${log.from} → ${log.to}: ${log.changes.length === 0 ? 'no changes' : `${log.changes.length} change(s)`}`;
  return [head, ...changeLines(log.changes)].join('\n');
}
