import type * as Api from '../../../registry/api-types.js';
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

const USAGE = 'canon registry dependents <org>/<app>';

export const dependents: Subcommand = {
  name: 'dependents',
  summary: 'Which services, and which of their versions, import a service',
  help: `Usage: ${USAGE} [--registry <url>] [--format text|json]

Every live version of every other service your token may read that imports this one, with the
version it imports ('latest' when the import follows it). Versions marked 'latest' are their
service's latest version: while one imports it, the service (or the version it names) cannot be
deleted. Older ones reach it on their consumers' next upgrade only.

Options:
${remoteHelp()}

${TOKEN_HELP}
${EXIT_HELP}`,
  async run(argv, io) {
    const call = await remoteCall('dependents', argv, {}, io);
    atMost(call.positionals, 1, USAGE);
    const service = serviceArgument(
      call.positionals[0],
      call.organization,
      'canon registry dependents acme/user',
    );
    const name = `${service.organization}/${service.application}`;
    try {
      const edges = await call.client.referencedBy(service.organization, service.application);
      return print(io, call.format, edges, (e) => describeDependents(name, e));
    } catch (error) {
      return reportFailure(error, io, call.format, name);
    }
  },
};

function describeDependents(name: string, edges: readonly Api.ImportingVersion[]): string {
  if (edges.length === 0) return `${name}: no other service imports it.`;
  const services = new Set(edges.map((e) => e.from)).size;
  const width = Math.max(...edges.map((e) => `${e.from} ${e.from_version}`.length));
  return [
    `${name} is imported by ${services} service(s), ${edges.length} version(s):`,
    ...edges.map(
      (e) =>
        `  ${`${e.from} ${e.from_version}`.padEnd(width)}  imports ${e.to_version}${e.latest ? '  (latest)' : ''}`,
    ),
  ].join('\n');
}
