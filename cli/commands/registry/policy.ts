import type * as Api from '../../../registry/api-types.js';
import { type Io, UsageError } from '../../command.js';
import {
  atMost,
  EXIT_HELP,
  print,
  type RemoteCall,
  remoteCall,
  remoteHelp,
  reportFailure,
  type Subcommand,
  serviceArgument,
  TOKEN_HELP,
} from './subcommand.js';

const POLICIES: readonly Api.Policy[] = ['backward', 'backward-transitive', 'major-may-break', 'none'];
const USAGE = 'canon registry policy (<org>/<app> | --default) [<policy>]';

export const policy: Subcommand = {
  name: 'policy',
  summary: "Show or set a service's compatibility policy",
  help: `Usage: ${USAGE} [--registry <url>] [--format text|json]

Shows the policy the publish gate applies to a service, or sets it (admins of its organization).
With --default instead of a service: the policy new services start with at their first publish
(backward until set; setting it needs a * admin token); services that exist keep theirs.
  backward             each version is checked against its predecessor (the default)
  backward-transitive  against every earlier version
  major-may-break      breaking changes are accepted when the major version goes up
  none                 never refused; the change log is still kept

Options:
  --default          the registry's default for new services
${remoteHelp()}

${TOKEN_HELP}
${EXIT_HELP}`,
  async run(argv, io) {
    const call = await remoteCall('policy', argv, { default: { type: 'boolean' } }, io);
    atMost(call.positionals, call.values.default === true ? 1 : 2, USAGE);
    const wanted = call.values.default === true ? call.positionals[0] : call.positionals[1];
    if (wanted !== undefined && !(POLICIES as readonly string[]).includes(wanted))
      throw new UsageError(`'${wanted}' is not a policy; use one of: ${POLICIES.join(', ')}.`);
    const policy = wanted as Api.Policy | undefined;
    if (call.values.default === true) return defaultPolicy(call, policy, io);
    const service = serviceArgument(
      call.positionals[0],
      call.organization,
      'canon registry policy acme/user',
    );
    const name = `${service.organization}/${service.application}`;
    try {
      const record =
        policy === undefined
          ? await call.client.getServiceRecord(service.organization, service.application)
          : await call.client.setPolicy(service.organization, service.application, policy);
      return print(io, call.format, record, (s) =>
        policy === undefined ? `${name}: ${s.policy}` : `${name}: policy set to ${s.policy}.`,
      );
    } catch (error) {
      return reportFailure(error, io, call.format, name);
    }
  },
};

async function defaultPolicy(call: RemoteCall, policy: Api.Policy | undefined, io: Io): Promise<number> {
  try {
    const found =
      policy === undefined
        ? await call.client.getDefaultPolicy()
        : await call.client.setDefaultPolicy(policy);
    return print(io, call.format, found, (d) =>
      policy === undefined
        ? `new services: ${d.policy}`
        : `new services: policy set to ${d.policy} (existing services keep theirs).`,
    );
  } catch (error) {
    return reportFailure(error, io, call.format, 'the default policy');
  }
}
