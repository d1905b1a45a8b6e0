import { ANONYMOUS, hasExpired, hashToken, type Principal } from '../../access.js';
import type { RegistryStore } from '../../store/store.js';
import { SubjectError } from '../../subjects/subject-error.js';

const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;
const BASIC = /^Basic +([A-Za-z0-9+/]+=*) *$/i;

/**
 * Canon's token from `Authorization`: `Bearer <token>`, or basic auth with the token as the
 * password (what Confluent clients send from `basic.auth.user.info`; the user name is ignored).
 */
export async function confluentPrincipal(
  store: RegistryStore,
  header: string | undefined,
): Promise<Principal> {
  if (header === undefined) return ANONYMOUS;
  let secret: string | undefined = BEARER.exec(header)?.[1];
  const basic = BASIC.exec(header)?.[1];
  if (secret === undefined && basic !== undefined) {
    const decoded = Buffer.from(basic, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    secret = colon < 0 ? undefined : decoded.slice(colon + 1);
  }
  if (secret === undefined || secret === '') {
    throw new SubjectError(
      40101,
      "The Authorization header must be 'Bearer <token>' or basic auth with the token as the password.",
    );
  }
  const token = await store.findToken(hashToken(secret));
  if (!token) {
    throw new SubjectError(
      40101,
      'The token is not known to this registry (or was revoked). Ask an admin for a new one.',
    );
  }
  if (hasExpired(token)) {
    throw new SubjectError(
      40101,
      `Token ${token.id} expired at ${token.expiresAt}. Ask an admin of ${token.organization} for a new one.`,
    );
  }
  return { actor: `token:${token.id}`, token };
}
