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

const POLICIES: readonly Api.Policy[] = ['backward', 'backward-transitive', 'major-may-break', 'none'];
const USAGE = 'canon registry policy <org>/<app> [<policy>]';

export const policy: Subcommand = {
  name: 'policy',
  summary: "Show or set a service's compatibility policy",
  help: `Usage: ${USAGE} [--registry <url>] [--format text|json]

Shows the policy the publish gate applies to a service, or sets it (admins of its organization).
  backward             each version is checked against its predecessor (the default)
  backward-transitive  against every earlier version
  major-may-break      breaking changes are accepted when the major version goes up
  none                 never refused; the change log is still kept

Options:
${remoteHelp()}

${TOKEN_HELP}
${EXIT_HELP}`,
  async run(argv, io) {
    const call = await remoteCall('policy', argv, {}, io);
    atMost(call.positionals, 2, USAGE);
    const service = serviceArgument(
      call.positionals[0],
      call.organization,
      'canon registry policy acme/user',
    );
    const wanted = call.positionals[1];
    if (wanted !== undefined && !(POLICIES as readonly string[]).includes(wanted))
      throw new UsageError(`'${wanted}' is not a policy; use one of: ${POLICIES.join(', ')}.`);
    const name = `${service.organization}/${service.application}`;
    try {
      const record =
        wanted === undefined
          ? await call.client.getServiceRecord(service.organization, service.application)
          : await call.client.setPolicy(service.organization, service.application, wanted as Api.Policy);
      return print(io, call.format, record, (s) =>
        wanted === undefined ? `${name}: ${s.policy}` : `${name}: policy set to ${s.policy}.`,
      );
    } catch (error) {
      return reportFailure(error, io, call.format, name);
    }
  },
};
