import { holds, type Principal } from '../access.js';
import type { Role } from '../store/store.js';
import { SubjectError } from './subject-error.js';

/**
 * Canon's tokens on subjects: a subject belongs to the organization of the token that created it
 * (or to the service whose event union it mirrors); reading it takes the read role there (or an
 * open registry), registering publish, deleting and configuring admin. Registry-wide settings
 * (`/config`, `/mode`) take admin of `*`.
 */
export function requireSubjectRole(
  principal: Principal,
  organization: string,
  role: Role,
  anonymousReads: boolean,
): void {
  if (holds(principal, organization, role, anonymousReads)) return;
  if (!principal.token) {
    throw new SubjectError(
      40101,
      `This needs a token with the ${role} role for ${organization}: send it as the password of basic auth, or as 'Authorization: Bearer <token>'.`,
    );
  }
  throw new SubjectError(
    40301,
    `Token ${principal.token.id} (${principal.token.role} for ${principal.token.organization}) does not hold the ${role} role for ${organization}. Ask an admin for a token that does.`,
  );
}

export const mayRead = (principal: Principal, organization: string, anonymousReads: boolean) =>
  holds(principal, organization, 'read', anonymousReads);

/** The organization a new subject belongs to: the caller's (`*` for a token of every organization). */
export function ownerFor(principal: Principal): string {
  if (!principal.token)
    throw new SubjectError(
      40101,
      'Registering a schema needs a token: send it as the password of basic auth, or as a bearer token.',
    );
  return principal.token.organization;
}
