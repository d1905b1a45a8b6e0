import type { Request, Response } from 'express';
import { holds, type Principal, requireRole } from '../access.js';
import { noSuchService, notFound } from '../errors.js';
import { checkKey } from '../keys.js';
import type { MayRead, Registry } from '../registry.js';
import { ifNoneMatch } from './conditional.js';

export interface RouteContext {
  registry: Registry;
  principal: Principal;
}

export interface Route {
  method: 'get' | 'put' | 'post' | 'delete';
  path: string;
  /** Costs real work (loading a spec, diffing, generating): rationed per client (`rate-limit.ts`). */
  expensive?: true;
  handle(req: Request, res: Response, ctx: RouteContext): Promise<void>;
}

export const json = (res: Response, status: number, body: unknown) =>
  res.status(status).set('content-type', 'application/json; charset=utf-8').end(JSON.stringify(body));

export const NAMESPACE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){0,20}$/;

export const param = (req: Request, name: string): string => String(req.params[name]);

/** Path parameters of a service, checked, plus a read check. */
export function serviceParams(req: Request, ctx: RouteContext, role: 'read' | 'publish' | 'admin' = 'read') {
  const organization = checkKey('organization', param(req, 'org'));
  const application = checkKey('application', param(req, 'app'));
  requireRole(ctx.principal, organization, role, ctx.registry.anonymousReads);
  return { organization, application };
}

/** What the caller may read, for the reads the registry makes on its behalf (imports). */
export const readsOf =
  (ctx: RouteContext): MayRead =>
  (organization) =>
    holds(ctx.principal, organization, 'read', ctx.registry.anonymousReads);

export async function sendDocument(
  req: Request,
  res: Response,
  ctx: RouteContext,
  kind: 'original' | 'normalized',
) {
  const { organization, application } = serviceParams(req, ctx);
  const { version, moving } = await ctx.registry.resolveVersion(
    organization,
    application,
    param(req, 'version'),
  );
  const doc = await ctx.registry.store.getDocument(organization, application, version, kind);
  if (!doc) throw await missingVersion(ctx, organization, application, version);
  res.setHeader('etag', doc.etag);
  // A private registry's documents are for their token's holder only: no shared cache may keep them.
  const shared = ctx.registry.anonymousReads;
  const pinned = `${shared ? 'public' : 'private'}, max-age=31536000, immutable`;
  res.setHeader('cache-control', moving ? (shared ? 'no-cache' : 'private, no-cache') : pinned);
  res.setHeader('x-canon-version', doc.version);
  if (ifNoneMatch(req.headers['if-none-match'], doc.etag)) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.setHeader('content-type', doc.contentType);
  res.setHeader('content-length', doc.bytes.length);
  res.end(req.method === 'HEAD' ? undefined : doc.bytes);
}

export async function missingVersion(ctx: RouteContext, org: string, app: string, version: string) {
  if (!(await ctx.registry.store.getService(org, app))) return noSuchService(org, app);
  return notFound(
    `Version ${version.slice(0, 100)} of ${org}/${app}`,
    `List its versions with GET /services/${org}/${app}/versions.`,
  );
}
