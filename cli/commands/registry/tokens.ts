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

const ROLES: readonly Api.Role[] = ['read', 'publish', 'admin'];

export const tokens: Subcommand = {
  name: 'tokens',
  summary: 'List, create and revoke access tokens',
  help: `Usage: canon registry tokens [list] [--org <org>]
       canon registry tokens create --org <org|*> --role read|publish|admin --description <text>
                                    [--expires-at <date-time>]
       canon registry tokens revoke <id>

Tokens belong to one organization (or * for all of them) and hold one role: read < publish <
admin. 'list' shows the tokens that are not revoked, never their secrets: an organization's
admin sees that organization's, a * admin every token (or one organization's with --org).
'create' prints the new token's secret once: store it then, the registry keeps only its hash.
A token expires after 90 days unless --expires-at gives an ISO 8601 date-time (at most 3 years
ahead), e.g. 2027-06-30T00:00:00Z. 'revoke' stops a token at once, on every replica.

Options:
  --org <org|*>      list: only this organization's tokens; create: the token's organization
  --role <role>      create: read, publish or admin
  --description <s>  create: what the token is for (shown in lists and the audit log)
  --expires-at <t>   create: when it stops working, ISO 8601 (default: in 90 days)
${remoteHelp(false)}

${TOKEN_HELP} Every action needs an admin token.
${EXIT_HELP}`,
  async run(argv, io) {
    const call = await remoteCall(
      'tokens',
      argv,
      { role: { type: 'string' }, description: { type: 'string' }, 'expires-at': { type: 'string' } },
      io,
    );
    const [action = 'list', ...rest] = call.positionals;
    const org = call.values.org as string | undefined;
    try {
      if (action === 'list') {
        atMost(rest, 0, 'canon registry tokens list [--org <org>]');
        return print(io, call.format, await call.client.listTokens(org), describeTokens);
      }
      if (action === 'create') {
        atMost(rest, 0, 'canon registry tokens create --org <org> --role <role> --description <text>');
        return print(
          io,
          call.format,
          await call.client.createToken(tokenForm(call.values, org)),
          describeCreated,
        );
      }
      if (action === 'revoke') {
        const [id, ...more] = rest;
        if (id === undefined)
          throw new UsageError(
            "name the token to revoke, e.g. 'canon registry tokens revoke tok_1a2b3c4d5e6f' (ids are in 'canon registry tokens list').",
          );
        atMost(more, 0, 'canon registry tokens revoke <id>');
        await call.client.revokeToken(id);
        return print(io, call.format, { id, revoked: true }, () => `Revoked ${id}.`);
      }
    } catch (error) {
      if (error instanceof UsageError) throw error;
      return reportFailure(error, io, call.format, action === 'list' ? 'tokens' : `token ${action}`);
    }
    throw new UsageError(`'${action}' is not a tokens action; use list, create or revoke.`);
  },
};

function tokenForm(values: Record<string, unknown>, organization: string | undefined): Api.TokenForm {
  const role = values.role as string | undefined;
  const description = values.description as string | undefined;
  if (!organization)
    throw new UsageError("give the token's organization with --org (an organization key, or '*' for all).");
  if (!role || !(ROLES as readonly string[]).includes(role))
    throw new UsageError(`give the token's role with --role: one of ${ROLES.join(', ')}.`);
  if (!description?.trim())
    throw new UsageError("say what the token is for with --description, e.g. --description 'CI for acme'.");
  const expiresAt = values['expires-at'] as string | undefined;
  return {
    organization,
    role: role as Api.Role,
    description,
    ...(expiresAt === undefined ? {} : { expires_at: expiresAt }),
  };
}

function describeTokens(list: Api.Token[]): string {
  if (list.length === 0) return 'No tokens.';
  const rows = list.map((t) => [
    t.id,
    t.organization,
    t.role,
    t.expires_at ? `expires ${t.expires_at}` : 'never expires',
    t.description,
  ]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]!) : cell)).join('  ')).join('\n');
}

function describeCreated(token: Api.TokenCreated): string {
  const expiry = token.expires_at ? `expires ${token.expires_at}` : 'never expires';
  return `Created ${token.id}: ${token.role} for ${token.organization}, ${expiry} (${token.description}).
Secret, shown this once (the registry keeps only its hash):
${token.secret}`;
}
