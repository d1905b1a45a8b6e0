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

const USAGE = 'canon registry audit [--limit <n>] [--offset <n>]';

export const audit: Subcommand = {
  name: 'audit',
  summary: 'The audit log: every write, newest first',
  help: `Usage: ${USAGE} [--registry <url>] [--format text|json]

Every write the registry recorded, newest first: when, who (token:<id>), what (publish,
publish-forced, set-policy, set-namespace, set-mode, create-token, revoke-token, delete-version,
delete-service, …), on what, and the detail (a delete's reason, a forced publish's reason).
Needs a * admin token.

Options:
  --limit <n>        at most n entries (default 100, at most 1000)
  --offset <n>       skip the n newest
${remoteHelp(false)}

${TOKEN_HELP}
${EXIT_HELP}`,
  async run(argv, io) {
    const call = await remoteCall(
      'audit',
      argv,
      { limit: { type: 'string' }, offset: { type: 'string' } },
      io,
    );
    atMost(call.positionals, 0, USAGE);
    const limit = count(call.values.limit as string | undefined, '--limit', 100, 1000);
    const offset = count(call.values.offset as string | undefined, '--offset', 0, 1_000_000_000);
    try {
      return print(io, call.format, await call.client.audit(limit, offset), describeAudit);
    } catch (error) {
      return reportFailure(error, io, call.format, 'the audit log');
    }
  },
};

function count(text: string | undefined, flag: string, fallback: number, max: number): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value > max)
    throw new UsageError(`${flag} must be a whole number from 0 to ${max}.`);
  return value;
}

function describeAudit(entries: readonly Api.AuditEntry[]): string {
  if (entries.length === 0) return 'The audit log is empty.';
  return entries
    .map(
      (e) => `${e.at}  ${e.actor}  ${e.action} ${e.target}${e.detail === undefined ? '' : `: ${e.detail}`}`,
    )
    .join('\n');
}
