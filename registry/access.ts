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

/** How long a token issued through the API works unless its creator says otherwise. */
export const DEFAULT_TOKEN_DAYS = 90;
/** The furthest ahead a token's expiry may be set. */
export const MAX_TOKEN_DAYS = 3 * 366;

const DAY_MS = 24 * 60 * 60 * 1000;

/** A new token record (not stored): a fresh id, now as its creation time. */
function newToken(grant: {
  organization: string;
  role: Role;
  description: string;
  createdBy: string;
  expiresAt?: string;
}): TokenRecord {
  return { id: `tok_${randomBytes(6).toString('hex')}`, createdAt: new Date().toISOString(), ...grant };
}

/** Creates a token and returns its secret (shown once, never stored). */
export async function issueToken(
  store: RegistryStore,
  grant: { organization: string; role: Role; description: string; createdBy: string; expiresAt?: string },
  secret = newTokenSecret(),
): Promise<{ secret: string; token: TokenRecord }> {
  const token = newToken(grant);
  await store.createToken(token, hashToken(secret));
  return { secret, token };
}

/**
 * When a new token expires: `requested` (ISO 8601, in the future, at most 3 years ahead), or 90
 * days from now. Throws 422 for anything else.
 */
export function tokenExpiry(requested: string | undefined, now = Date.now()): string {
  if (requested === undefined) return new Date(now + DEFAULT_TOKEN_DAYS * DAY_MS).toISOString();
  const at = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(requested)
    ? Date.parse(requested)
    : Number.NaN;
  if (Number.isNaN(at) || at <= now || at > now + MAX_TOKEN_DAYS * DAY_MS) {
    throw problem(
      422,
      'invalid-field',
      `token_form.expires_at must be an ISO 8601 date-time in the future and at most ${MAX_TOKEN_DAYS} days ahead (e.g. ${new Date(now + DEFAULT_TOKEN_DAYS * DAY_MS).toISOString()}), not '${requested.slice(0, 100)}'.`,
      '/expires_at',
    );
  }
  return new Date(at).toISOString();
}

/** True once a token's expiry has passed. */
export const hasExpired = (token: TokenRecord, now = Date.now()): boolean =>
  token.expiresAt !== undefined && Date.parse(token.expiresAt) <= now;

/**
 * A new registry's first admin token: `CANON_ADMIN_TOKEN` when set, otherwise a generated one,
 * returned so that the caller prints it once. Safe when several processes start at once on one
 * database (the store creates it atomically: one first token, never two). An existing registry
 * started with an unknown `CANON_ADMIN_TOKEN` gets it as another `*` admin; one that was revoked
 * stays revoked (it was revoked for a reason) and the start goes on, saying so in the log.
 */
export async function bootstrapAdmin(
  store: RegistryStore,
  fromEnv: string | undefined,
  log: (line: string) => void = () => {},
): Promise<{ secret: string; generated: boolean } | undefined> {
  const secret = fromEnv || newTokenSecret();
  const token = newToken({
    organization: '*',
    role: 'admin',
    description: fromEnv ? 'CANON_ADMIN_TOKEN' : 'first admin token',
    createdBy: 'bootstrap',
  });
  const outcome = await store.bootstrapToken(token, hashToken(secret), !fromEnv);
  if (outcome === 'revoked') {
    log(
      'registry: CANON_ADMIN_TOKEN was revoked and stays revoked: it does not authenticate. To get an admin token back, set CANON_ADMIN_TOKEN to a new secret and restart.',
    );
  }
  return outcome === 'created' ? { secret, generated: !fromEnv } : undefined;
}
