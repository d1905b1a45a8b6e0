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

const USAGE = 'canon registry namespace <org> [<namespace>]';

export const namespace: Subcommand = {
  name: 'namespace',
  summary: "Show or set an organization's namespace",
  help: `Usage: ${USAGE} [--registry <url>] [--format text|json]

An organization's namespace (com.acme) prefixes the namespace of its api.json specs that have
none of their own: com.acme.<application words>.v<major>. Setting it needs an admin of the
organization; set it before the first publish, since later versions get the new namespace and
the gate sees the change.

Options:
${remoteHelp(false)}

${TOKEN_HELP}
${EXIT_HELP}`,
  async run(argv, io) {
    const call = await remoteCall('namespace', argv, {}, io);
    atMost(call.positionals, 2, USAGE);
    const [organization, wanted] = call.positionals;
    if (!organization)
      throw new UsageError("name the organization, e.g. 'canon registry namespace acme com.acme'.");
    try {
      const found =
        wanted === undefined
          ? await call.client.getOrganization(organization)
          : await call.client.setNamespace(organization, wanted);
      return print(io, call.format, found, (o) =>
        wanted === undefined
          ? `${o.key}: ${o.namespace ?? 'no namespace'}`
          : `${o.key}: namespace set to ${o.namespace}.`,
      );
    } catch (error) {
      return reportFailure(error, io, call.format, `the organization ${organization}`);
    }
  },
};
