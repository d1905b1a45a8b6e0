import { issueToken, type Principal, requireRole, tokenExpiry } from '../access.js';
import type * as Api from '../api-types.js';
import { noSuchService, notFound, problem } from '../errors.js';
import { checkKey } from '../keys.js';
import { POLICIES, ROLES } from '../store/store.js';
import { json, NAMESPACE, param, type Route, serviceParams } from './route.js';
import {
  organizationToWire,
  queryInteger,
  queryString,
  readForm,
  serviceToWire,
  tokenToWire,
} from './wire.js';

/** Organizations, compatibility policies (per service and the default for new ones) and tokens. */
export const ADMIN_ROUTES: Route[] = [
  {
    method: 'get',
    path: '/organizations/:org',
    async handle(req, res, ctx) {
      const key = checkKey('organization', param(req, 'org'));
      requireRole(ctx.principal, key, 'read', ctx.registry.anonymousReads);
      const organization = await ctx.registry.store.getOrganization(key);
      if (!organization)
        throw notFound(
          `The organization ${key}`,
          'It exists once it has published a service or been given a namespace.',
        );
      json(res, 200, organizationToWire(organization));
    },
  },
  {
    method: 'put',
    path: '/organizations/:org',
    async handle(req, res, ctx) {
      const key = checkKey('organization', param(req, 'org'));
      requireRole(ctx.principal, key, 'admin', ctx.registry.anonymousReads);
      const form = readForm<Api.OrganizationForm>(req.body, { namespace: 'string' }, 'organization_form');
      if (!NAMESPACE.test(form.namespace)) {
        throw problem(
          422,
          'invalid-field',
          "organization_form.namespace must be dot-separated lower-case words, e.g. 'com.acme'.",
          '/namespace',
        );
      }
      json(
        res,
        200,
        organizationToWire(
          await ctx.registry.store.setOrganizationNamespace(key, form.namespace, ctx.principal.actor),
        ),
      );
    },
  },
  {
    method: 'put',
    path: '/services/:org/:app/policy',
    async handle(req, res, ctx) {
      const { organization, application } = serviceParams(req, ctx, 'admin');
      const form = readForm<Api.PolicyForm>(req.body, { policy: POLICIES }, 'policy_form');
      const service = await ctx.registry.store.setPolicy(
        organization,
        application,
        form.policy,
        ctx.principal.actor,
      );
      if (!service) throw noSuchService(organization, application);
      json(res, 200, serviceToWire(service));
    },
  },
  {
    method: 'get',
    path: '/policy',
    async handle(_req, res, ctx) {
      if (!ctx.principal.token && !ctx.registry.anonymousReads) {
        throw problem(
          401,
          'unauthorized',
          "Reading the default policy needs a token: send 'Authorization: Bearer <token>'.",
        );
      }
      json(res, 200, { policy: await ctx.registry.store.getDefaultPolicy() } satisfies Api.DefaultPolicy);
    },
  },
  {
    method: 'put',
    path: '/policy',
    async handle(req, res, ctx) {
      requireRole(ctx.principal, '*', 'admin', false);
      const form = readForm<Api.DefaultPolicy>(req.body, { policy: POLICIES }, 'default_policy');
      await ctx.registry.store.setDefaultPolicy(form.policy, ctx.principal.actor);
      json(res, 200, { policy: form.policy } satisfies Api.DefaultPolicy);
    },
  },
  {
    method: 'get',
    path: '/tokens',
    async handle(req, res, ctx) {
      const organization = tokenScope(ctx.principal, queryString(req.query, 'organization'));
      requireRole(ctx.principal, organization ?? '*', 'admin', false);
      json(res, 200, (await ctx.registry.store.listTokens(organization)).map(tokenToWire));
    },
  },
  {
    method: 'post',
    path: '/tokens',
    async handle(req, res, ctx) {
      const form = readForm<Api.TokenForm>(
        req.body,
        { organization: 'string', role: ROLES, description: 'string', expires_at: 'string?' },
        'token_form',
      );
      if (form.organization !== '*') checkKey('organization', form.organization);
      requireRole(ctx.principal, form.organization, 'admin', false);
      const { secret, token } = await issueToken(ctx.registry.store, {
        organization: form.organization,
        role: form.role,
        description: form.description.slice(0, 500),
        createdBy: ctx.principal.actor,
        expiresAt: tokenExpiry(form.expires_at),
      });
      json(res, 201, { ...tokenToWire(token), secret } satisfies Api.TokenCreated);
    },
  },
  {
    method: 'delete',
    path: '/tokens/:id',
    async handle(req, res, ctx) {
      // An organization's admin revokes that organization's tokens; a `*` admin any token.
      const organization = tokenScope(ctx.principal, undefined);
      requireRole(ctx.principal, organization ?? '*', 'admin', false);
      const id = param(req, 'id');
      if (!(await ctx.registry.store.revokeToken(id, ctx.principal.actor, organization))) {
        throw notFound(`The token ${id.slice(0, 100)}`, 'List the tokens with GET /tokens.');
      }
      res.status(204).end();
    },
  },
  {
    method: 'get',
    path: '/audit',
    async handle(req, res, ctx) {
      requireRole(ctx.principal, '*', 'admin', false);
      const entries = await ctx.registry.store.auditLog(
        queryInteger(req.query, 'limit', 100, 1000),
        queryInteger(req.query, 'offset', 0, 1_000_000_000),
      );
      json(res, 200, entries satisfies Api.AuditEntry[]);
    },
  },
];

/**
 * Which organization's tokens a request is about: the one asked for, else the caller's own; none
 * (every token) only for a `*` admin who asks for none.
 */
function tokenScope(principal: Principal, requested: string | undefined): string | undefined {
  if (requested !== undefined) return requested === '*' ? '*' : checkKey('organization', requested);
  const own = principal.token?.organization;
  return own === '*' ? undefined : own;
}
