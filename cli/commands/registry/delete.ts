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

const USAGE = 'canon registry delete <org>/<app> (<version> | --service) --reason <why> [--hard]';

export const remove: Subcommand = {
  name: 'delete',
  summary: 'Delete a version or a whole service, softly or for good',
  help: `Usage: ${USAGE}
                              [--registry <url>] [--format text|json]

Deletes one version, or with --service the service and every version of it (admins of its
organization). The reason is required and kept in the audit log.

  soft (default)  hidden from every read, search and import; latest moves back to the highest
                  live version. It stays in the history: the gate still checks new versions
                  against it, and its number (or the service key) is not reused.
  --hard          the rows are gone: the next version's change log is recomputed against the one
                  before, and the number is free again. Clients that fetched it keep their copy.

Refused while another service's latest version imports what would go: the refusal names each
importer ('canon registry dependents <org>/<app>' lists every importing version). Refused too
while the registry or the service is READONLY.

Options:
  --reason <why>     why it is deleted (required)
  --hard             remove it for good (also for what is already soft-deleted)
  --service          delete the whole service rather than one version
${remoteHelp()}

${TOKEN_HELP}
${EXIT_HELP}`,
  async run(argv, io) {
    const call = await remoteCall(
      'delete',
      argv,
      { reason: { type: 'string' }, hard: { type: 'boolean' }, service: { type: 'boolean' } },
      io,
    );
    atMost(call.positionals, 2, USAGE);
    const service = serviceArgument(
      call.positionals[0],
      call.organization,
      'canon registry delete acme/user 1.2.0 --reason "leaked a field"',
    );
    const version = call.positionals[1];
    const whole = call.values.service === true;
    const name = `${service.organization}/${service.application}`;
    if (version === undefined && !whole)
      throw new UsageError(
        `name the version to delete, or add --service to delete ${name} with every version.`,
      );
    if (version !== undefined && whole) throw new UsageError(`give either a version or --service, not both.`);
    const reason = (call.values.reason as string | undefined)?.trim();
    if (!reason) throw new UsageError('say why with --reason "…" (it is kept in the audit log).');
    const hard = call.values.hard === true;
    const what = version === undefined ? name : `${name} ${version}`;
    try {
      await call.client.delete(service.organization, service.application, version, { reason, hard });
      return print(
        io,
        call.format,
        { deleted: what, hard, reason },
        () => `Deleted ${what} (${hard ? 'hard: gone for good' : 'soft: hidden, kept in the history'}).`,
      );
    } catch (error) {
      return reportFailure(error, io, call.format, what);
    }
  },
};
