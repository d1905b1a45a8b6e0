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

const USAGE = 'canon registry restore <org>/<app> (<version> | --service)';

export const restore: Subcommand = {
  name: 'restore',
  summary: 'Undo a soft delete of a version or a service',
  help: `Usage: ${USAGE} [--registry <url>] [--format text|json]

Brings back what 'canon registry delete' hid (admins of its organization): a version, which
becomes latest again when it is the highest, or with --service the service with the versions it
had (a version deleted on its own stays deleted: restore it too). Restore a service before its
versions. A hard delete cannot be undone. Refused while the registry or the service is READONLY.

Options:
  --service          restore the whole service rather than one version
${remoteHelp()}

${TOKEN_HELP}
${EXIT_HELP}`,
  async run(argv, io) {
    const call = await remoteCall('restore', argv, { service: { type: 'boolean' } }, io);
    atMost(call.positionals, 2, USAGE);
    const service = serviceArgument(
      call.positionals[0],
      call.organization,
      'canon registry restore acme/user 1.2.0',
    );
    const version = call.positionals[1];
    const name = `${service.organization}/${service.application}`;
    if ((version === undefined) === (call.values.service !== true))
      throw new UsageError(
        `name the version to restore, or give --service to restore ${name} itself (not both).`,
      );
    const what = version === undefined ? name : `${name} ${version}`;
    try {
      const restored = await call.client.restore(service.organization, service.application, version);
      return print(io, call.format, restored, (r) => {
        const latest = 'latest_version' in r && r.latest_version ? ` (latest: ${r.latest_version})` : '';
        return `Restored ${what}${latest}.`;
      });
    } catch (error) {
      return reportFailure(error, io, call.format, what);
    }
  },
};
