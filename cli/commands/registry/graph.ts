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
  TOKEN_HELP,
} from './subcommand.js';

const USAGE = 'canon registry graph [<org>]';

export const graph: Subcommand = {
  name: 'graph',
  summary: "An organization's dependency graph",
  help: `Usage: ${USAGE} [--registry <url>] [--format text|json]

The organization's services and every import from or to one of them, over the latest version of
every service your token may read: what each service imports (edges to other organizations are
its dependencies) and who imports it. The organization defaults to --org or canon.config.json.

Options:
${remoteHelp()}

${TOKEN_HELP}
${EXIT_HELP}`,
  async run(argv, io) {
    const call = await remoteCall('graph', argv, {}, io);
    atMost(call.positionals, 1, USAGE);
    const organization = call.positionals[0] ?? call.organization;
    if (!organization)
      throw new UsageError("name the organization, e.g. 'canon registry graph acme', or give --org.");
    try {
      const found = await call.client.dependencyGraph(organization);
      return print(io, call.format, found, describeGraph);
    } catch (error) {
      return reportFailure(error, io, call.format, `the dependency graph of ${organization}`);
    }
  },
};

function describeGraph(found: Api.DependencyGraph): string {
  const lines = [
    `${found.organization}: ${found.services.length} service(s), ${found.edges.length} import(s)`,
  ];
  for (const service of found.services) {
    const imports = found.edges.filter((e) => e.from === service);
    const importedBy = found.edges.filter((e) => e.to === service);
    lines.push('', service);
    for (const e of imports) lines.push(`  imports     ${e.to} ${e.to_version}`);
    for (const e of importedBy) lines.push(`  imported by ${e.from} ${e.from_version}`);
  }
  return lines.join('\n');
}
