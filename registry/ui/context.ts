import { holds, type Principal } from '../access.js';
import { notFound, problem } from '../errors.js';
import type { Registry } from '../registry.js';

/** What every page handler gets: the registry, who is asking, and how the browser reached us. */
export interface UiContext {
  registry: Registry;
  principal: Principal;
  /** `http://host:port` as the browser sees it: the `canon update` configuration names it. */
  origin: string;
  /** The token id behind the sign-in cookie, when there is one. */
  signedInAs?: string;
}

/** Whether the caller may read the organization's pages. */
export function canRead(ctx: UiContext, organization: string): boolean {
  return holds(ctx.principal, organization, 'read', ctx.registry.anonymousReads);
}

/**
 * Refuses an organization the caller may not read: anonymous callers of a private registry get
 * a 401 (the pages then offer sign-in), a token of another organization a 404, the same answer
 * as for an organization that does not exist, so that names do not leak.
 */
export function requireReadable(ctx: UiContext, organization: string): void {
  if (canRead(ctx, organization)) return;
  if (!ctx.principal.token)
    throw problem(401, 'sign-in-required', 'This registry is private: sign in with a token to read it.');
  throw notFound(
    `The organization ${organization}`,
    'Check the name, or sign in with a token that may read it.',
  );
}
