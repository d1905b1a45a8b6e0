import { randomBytes } from 'node:crypto';
import { sha256 } from './content-hash.js';
import { problem } from './errors.js';
import type { RegistryStore, Role, TokenRecord } from './store/store.js';

/** Who is calling: a token, or nobody. `actor` is what the registry records for every write. */
export interface Principal {
  actor: string;
  token?: TokenRecord;
}

export const ANONYMOUS: Principal = { actor: 'anonymous' };

const RANK: Record<Role, number> = { read: 1, publish: 2, admin: 3 };

/** True when the principal holds `role` (or a higher one) in `organization`. */
export function holds(
  principal: Principal,
  organization: string,
  role: Role,
  anonymousReads: boolean,
): boolean {
  const token = principal.token;
  if (!token) return role === 'read' && anonymousReads;
  if (token.organization !== '*' && token.organization !== organization) return false;
  return RANK[token.role] >= RANK[role];
}

/** Throws 401 (no usable token) or 403 (a token without the role) unless the principal holds it. */
export function requireRole(
  principal: Principal,
  organization: string,
  role: Role,
  anonymousReads: boolean,
): void {
  if (holds(principal, organization, role, anonymousReads)) return;
  if (!principal.token) {
    throw problem(
      401,
      'unauthorized',
      `This needs a token with the ${role} role for ${organization}. Send it as 'Authorization: Bearer <token>' (the CLI reads CANON_TOKEN).`,
    );
  }
  throw problem(
    403,
    'forbidden',
    `Token ${principal.token.id} (${principal.token.role} for ${principal.token.organization}) does not hold the ${role} role for ${organization}. Ask an admin for a token that does.`,
  );
}

/** A new secret: `canon_` and 32 random bytes, base64url. Only its sha256 is stored. */
export function newTokenSecret(): string {
  return `canon_${randomBytes(32).toString('base64url')}`;
}

export const hashToken = (secret: string): string => sha256(secret);

/** Creates a token and returns its secret (shown once, never stored). */
export async function issueToken(
  store: RegistryStore,
  grant: { organization: string; role: Role; description: string; createdBy: string },
  secret = newTokenSecret(),
): Promise<{ secret: string; token: TokenRecord }> {
  const token = newToken(grant);
  await store.createToken(token, hashToken(secret));
  return { secret, token };
}

function newToken(grant: Omit<TokenRecord, 'id' | 'createdAt'>): TokenRecord {
  return { id: `tok_${randomBytes(6).toString('hex')}`, createdAt: new Date().toISOString(), ...grant };
}

/**
 * A new registry's first admin token: `CANON_ADMIN_TOKEN` when set, otherwise a generated one,
 * returned so that the caller prints it once. Does nothing when the registry already has tokens.
 */
export async function bootstrapAdmin(
  store: RegistryStore,
  fromEnv: string | undefined,
): Promise<{ secret: string; generated: boolean } | undefined> {
  if ((await store.listTokens()).length > 0) {
    if (fromEnv && !(await store.findToken(hashToken(fromEnv)))) {
      // A known admin secret from the environment keeps working after a restore or restart.
      await issueToken(
        store,
        { organization: '*', role: 'admin', description: 'CANON_ADMIN_TOKEN', createdBy: 'bootstrap' },
        fromEnv,
      );
    }
    return undefined;
  }
  const secret = fromEnv || newTokenSecret();
  const first = newToken({
    organization: '*',
    role: 'admin',
    description: fromEnv ? 'CANON_ADMIN_TOKEN' : 'first admin token',
    createdBy: 'bootstrap',
  });
  // Another process starting on the same new database may have made it first.
  if (!(await store.createFirstToken(first, hashToken(secret)))) return bootstrapAdmin(store, fromEnv);
  return { secret, generated: !fromEnv };
}
