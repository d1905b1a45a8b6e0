import type { Request, Response } from 'express';
import { holds, issueToken, type Principal, requireRole } from '../access.js';
import type * as Api from '../api-types.js';
import { notFound, problem } from '../errors.js';
import { checkKey } from '../keys.js';
import type { Registry } from '../registry.js';
import { POLICIES, ROLES } from '../store/store.js';
import {
  changeToWire,
  organizationToWire,
  queryInteger,
  queryString,
  readForm,
  serviceToWire,
  tokenToWire,
  versionToWire,
} from './wire.js';

export interface RouteContext {
  registry: Registry;
  principal: Principal;
}

export interface Route {
  method: 'get' | 'put' | 'post' | 'delete';
  path: string;
  handle(req: Request, res: Response, ctx: RouteContext): Promise<void>;
}

const json = (res: Response, status: number, body: unknown) =>
  res.status(status).set('content-type', 'application/json; charset=utf-8').end(JSON.stringify(body));

const NAMESPACE = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*){0,20}$/;

const param = (req: Request, name: string): string => String(req.params[name]);

/** Path parameters of a service, checked, plus a read check. */
function serviceParams(req: Request, ctx: RouteContext, role: 'read' | 'publish' | 'admin' = 'read') {
  const organization = checkKey('organization', param(req, 'org'));
  const application = checkKey('application', param(req, 'app'));
  requireRole(ctx.principal, organization, role, ctx.registry.anonymousReads);
  return { organization, application };
}

const noService = (org: string, app: string) =>
  notFound(
    `The service ${org}/${app}`,
    'Publish a first version with PUT /services/{org}/{app}/versions/{version}, or search with GET /services.',
  );

async function sendDocument(req: Request, res: Response, ctx: RouteContext, kind: 'original' | 'normalized') {
  const { organization, application } = serviceParams(req, ctx);
  const version = param(req, 'version');
  const doc = await ctx.registry.store.getDocument(organization, application, version, kind);
  if (!doc) throw await missingVersion(ctx, organization, application, version);
  res.setHeader('etag', doc.etag);
  res.setHeader('cache-control', version === 'latest' ? 'no-cache' : 'public, max-age=31536000, immutable');
  res.setHeader('x-canon-version', doc.version);
  if (req.headers['if-none-match'] === doc.etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.setHeader('content-type', doc.contentType);
  res.setHeader('content-length', doc.bytes.length);
  res.end(req.method === 'HEAD' ? undefined : doc.bytes);
}

async function missingVersion(ctx: RouteContext, org: string, app: string, version: string) {
  if (!(await ctx.registry.store.getService(org, app))) return noService(org, app);
  return notFound(
    `Version ${version.slice(0, 100)} of ${org}/${app}`,
    `List its versions with GET /services/${org}/${app}/versions.`,
  );
}

/** Every route of `specs/registry.json`. Handlers only translate HTTP ⇄ `Registry` calls. */
export const ROUTES: Route[] = [
  {
    method: 'get',
    path: '/_internal_/healthcheck',
    async handle(_req, res, ctx) {
      try {
        await ctx.registry.store.healthcheck();
      } catch {
        throw problem(503, 'unhealthy', 'The registry cannot reach its database.');
      }
      json(res, 200, { status: 'healthy' } satisfies Api.Healthcheck);
    },
  },
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
    method: 'get',
    path: '/services',
    async handle(req, res, ctx) {
      const q = queryString(req.query, 'q');
      const organization = queryString(req.query, 'organization');
      const found = await ctx.registry.store.searchServices({
        ...(q === undefined ? {} : { text: q }),
        ...(organization === undefined ? {} : { organization }),
        limit: queryInteger(req.query, 'limit', 100, 1000),
        offset: queryInteger(req.query, 'offset', 0, 1_000_000_000),
      });
      const visible = found.filter((s) =>
        holds(ctx.principal, s.organization, 'read', ctx.registry.anonymousReads),
      );
      json(res, 200, visible.map(serviceToWire));
    },
  },
  {
    method: 'get',
    path: '/services/:org/:app',
    async handle(req, res, ctx) {
      const { organization, application } = serviceParams(req, ctx);
      const service = await ctx.registry.store.getService(organization, application);
      if (!service) throw noService(organization, application);
      json(res, 200, serviceToWire(service));
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
      if (!service) throw noService(organization, application);
      json(res, 200, serviceToWire(service));
    },
  },
  {
    method: 'get',
    path: '/services/:org/:app/versions',
    async handle(req, res, ctx) {
      const { organization, application } = serviceParams(req, ctx);
      const versions = await ctx.registry.store.listVersions(organization, application);
      if (!versions) throw noService(organization, application);
      json(res, 200, versions.map(versionToWire));
    },
  },
  {
    method: 'put',
    path: '/services/:org/:app/versions/:version',
    async handle(req, res, ctx) {
      const { organization, application } = serviceParams(req, ctx, 'publish');
      const form = readForm<Api.PublishForm>(
        req.body,
        { original: 'string', file: 'string?', force_reason: 'string?', dry_run: 'boolean?' },
        'publish_form',
      );
      if (form.force_reason !== undefined) {
        requireRole(ctx.principal, organization, 'admin', ctx.registry.anonymousReads);
        if (form.force_reason.trim() === '') {
          throw problem(
            422,
            'invalid-field',
            'publish_form.force_reason must say why the breaking change is accepted.',
            '/force_reason',
          );
        }
      }
      const result = await ctx.registry.publish({
        organization,
        application,
        version: param(req, 'version'),
        original: form.original,
        actor: ctx.principal.actor,
        dryRun: form.dry_run === true,
        ...(form.file === undefined ? {} : { file: form.file }),
        ...(form.force_reason === undefined ? {} : { forceReason: form.force_reason }),
      });
      const body: Api.PublishResult = {
        status: result.status,
        version: versionToWire(result.version),
        warnings: result.warnings,
      };
      json(res, result.status === 'created' ? 201 : 200, body);
    },
  },
  {
    method: 'get',
    path: '/services/:org/:app/versions/:version',
    async handle(req, res, ctx) {
      const { organization, application } = serviceParams(req, ctx);
      const version = param(req, 'version');
      const record = await ctx.registry.store.getVersion(organization, application, version);
      if (!record) throw await missingVersion(ctx, organization, application, version);
      json(res, 200, versionToWire(record));
    },
  },
  {
    method: 'get',
    path: '/services/:org/:app/versions/:version/original',
    handle: (req, res, ctx) => sendDocument(req, res, ctx, 'original'),
  },
  {
    method: 'get',
    path: '/services/:org/:app/versions/:version/service',
    handle: (req, res, ctx) => sendDocument(req, res, ctx, 'normalized'),
  },
  {
    method: 'get',
    path: '/services/:org/:app/changes',
    async handle(req, res, ctx) {
      const { organization, application } = serviceParams(req, ctx);
      const from = queryString(req.query, 'from');
      const to = queryString(req.query, 'to') ?? 'latest';
      if (from === undefined)
        throw problem(
          400,
          'invalid-query',
          "Give the version to compare from as ?from=<version> (and optionally &to=<version>, default 'latest').",
        );
      const log = await ctx.registry.changesBetween(organization, application, from, to);
      json(res, 200, {
        from: log.from,
        to: log.to,
        changes: log.changes.map(changeToWire),
      } satisfies Api.ChangeLog);
    },
  },
  {
    method: 'post',
    path: '/services/:org/:app/checks',
    async handle(req, res, ctx) {
      const { organization, application } = serviceParams(req, ctx);
      const form = readForm<Api.DocumentForm>(
        req.body,
        { original: 'string', file: 'string?' },
        'document_form',
      );
      const result = await ctx.registry.check(organization, application, form.original, form.file);
      json(res, 200, { ...result, changes: result.changes.map(changeToWire) } satisfies Api.CheckResult);
    },
  },
  {
    method: 'post',
    path: '/validations',
    async handle(req, res, ctx) {
      const form = readForm<Api.DocumentForm>(
        req.body,
        { original: 'string', file: 'string?' },
        'document_form',
      );
      json(res, 200, (await ctx.registry.validate(form.original, form.file)) satisfies Api.Validation);
    },
  },
  {
    method: 'get',
    path: '/events',
    async handle(req, res, ctx) {
      const organization = queryString(req.query, 'organization');
      const owners = await ctx.registry.store.eventUnionOwners(organization);
      json(
        res,
        200,
        owners.filter((o) => holds(ctx.principal, o.organization, 'read', ctx.registry.anonymousReads)),
      );
    },
  },
  {
    method: 'get',
    path: '/generators',
    async handle(_req, res, ctx) {
      json(res, 200, (ctx.registry.generators?.list() ?? []) satisfies Api.Generator[]);
    },
  },
  {
    method: 'get',
    path: '/services/:org/:app/versions/:version/code/:generator',
    async handle(req, res, ctx) {
      const { organization, application } = serviceParams(req, ctx);
      json(
        res,
        200,
        await ctx.registry.generate(
          organization,
          application,
          param(req, 'version'),
          param(req, 'generator'),
          {},
        ),
      );
    },
  },
  {
    method: 'post',
    path: '/services/:org/:app/versions/:version/code/:generator',
    async handle(req, res, ctx) {
      const { organization, application } = serviceParams(req, ctx);
      const form = readForm<Api.CodeForm>(req.body, { options: 'object?' }, 'code_form');
      const options = (form.options ?? {}) as Parameters<Registry['generate']>[4];
      json(
        res,
        200,
        await ctx.registry.generate(
          organization,
          application,
          param(req, 'version'),
          param(req, 'generator'),
          options,
        ),
      );
    },
  },
  {
    method: 'get',
    path: '/tokens',
    async handle(_req, res, ctx) {
      requireRole(ctx.principal, '*', 'admin', false);
      json(res, 200, (await ctx.registry.store.listTokens()).map(tokenToWire));
    },
  },
  {
    method: 'post',
    path: '/tokens',
    async handle(req, res, ctx) {
      const form = readForm<Api.TokenForm>(
        req.body,
        { organization: 'string', role: ROLES, description: 'string' },
        'token_form',
      );
      if (form.organization !== '*') checkKey('organization', form.organization);
      requireRole(ctx.principal, form.organization, 'admin', false);
      const { secret, token } = await issueToken(ctx.registry.store, {
        organization: form.organization,
        role: form.role,
        description: form.description.slice(0, 500),
        createdBy: ctx.principal.actor,
      });
      json(res, 201, { ...tokenToWire(token), secret } satisfies Api.TokenCreated);
    },
  },
  {
    method: 'delete',
    path: '/tokens/:id',
    async handle(req, res, ctx) {
      requireRole(ctx.principal, '*', 'admin', false);
      if (!(await ctx.registry.store.revokeToken(param(req, 'id'), ctx.principal.actor))) {
        throw notFound(`The token ${param(req, 'id').slice(0, 100)}`, 'List the tokens with GET /tokens.');
      }
      res.status(204).end();
    },
  },
];
