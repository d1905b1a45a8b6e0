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

const MODES: readonly Api.Mode[] = ['READWRITE', 'READONLY'];
const USAGE = 'canon registry mode [<org>/<app>] [READONLY|READWRITE]';

export const mode: Subcommand = {
  name: 'mode',
  summary: 'Show or set READONLY / READWRITE, for the registry or one service',
  help: `Usage: ${USAGE} [--registry <url>] [--format text|json]

READONLY refuses publishes (dry runs too) and deletes; reads, checks, validations, tokens and
policies go on. Without a service it is the whole registry's mode (setting it needs a * admin
token), with one that service's (an admin of its organization). On PostgreSQL the switch waits
for the writes in flight and holds on every replica at once.

  canon registry mode                          the registry's mode
  canon registry mode READONLY                 stop every write (maintenance)
  canon registry mode acme/user READWRITE      one service

Options:
${remoteHelp()}

${TOKEN_HELP}
${EXIT_HELP}`,
  async run(argv, io) {
    const call = await remoteCall('mode', argv, {}, io);
    atMost(call.positionals, 2, USAGE);
    const last = call.positionals.at(-1);
    const wanted =
      last !== undefined && MODES.includes(last.toUpperCase() as Api.Mode)
        ? (last.toUpperCase() as Api.Mode)
        : undefined;
    // Keys are lower case, so an argument in capitals was meant as a mode.
    if (wanted === undefined && last !== undefined && /[A-Z]/.test(last))
      throw new UsageError(`'${last}' is not a mode; use READONLY or READWRITE.`);
    const named = wanted === undefined ? call.positionals : call.positionals.slice(0, -1);
    atMost(named, 1, USAGE);
    const service =
      named[0] === undefined
        ? undefined
        : serviceArgument(named[0], call.organization, 'canon registry mode acme/user');
    const name = service ? `${service.organization}/${service.application}` : 'the registry';
    try {
      const setting =
        wanted === undefined
          ? await call.client.getMode(service)
          : await call.client.setMode(wanted, service);
      return print(io, call.format, setting, (s) =>
        wanted === undefined ? `${name}: ${s.mode}` : `${name}: mode set to ${s.mode}.`,
      );
    } catch (error) {
      return reportFailure(error, io, call.format, service ? name : 'mode');
    }
  },
};
