import { holds } from '../access.js';
import type * as Api from '../api-types.js';
import { noSuchService, problem, unavailable } from '../errors.js';
import { json, missingVersion, param, type Route, sendDocument, serviceParams } from './route.js';
import { changeToWire, queryInteger, queryString, serviceToWire, versionToWire } from './wire.js';

/** Reads: health, services, versions, documents, change logs, event owners. */
export const READ_ROUTES: Route[] = [
  {
    method: 'get',
    path: '/_internal_/healthcheck',
    async handle(_req, res, ctx) {
      try {
        await ctx.registry.store.healthcheck();
      } catch {
        throw unavailable('unhealthy', 'The registry cannot reach its database.', 5);
      }
      json(res, 200, { status: 'healthy' } satisfies Api.Healthcheck);
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
      if (!service) throw noSuchService(organization, application);
      json(res, 200, serviceToWire(service));
    },
  },
  {
    method: 'get',
    path: '/services/:org/:app/versions',
    async handle(req, res, ctx) {
      const { organization, application } = serviceParams(req, ctx);
      const versions = await ctx.registry.store.listVersions(organization, application);
      if (!versions) throw noSuchService(organization, application);
      json(res, 200, versions.map(versionToWire));
    },
  },
  {
    method: 'get',
    path: '/services/:org/:app/versions/:version',
    async handle(req, res, ctx) {
      const { organization, application } = serviceParams(req, ctx);
      const { version } = await ctx.registry.resolveVersion(organization, application, param(req, 'version'));
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
      const resolve = async (text: string) =>
        (await ctx.registry.resolveVersion(organization, application, text)).version;
      const log = await ctx.registry.changesBetween(
        organization,
        application,
        await resolve(from),
        await resolve(to),
      );
      json(res, 200, {
        from: log.from,
        to: log.to,
        changes: log.changes.map(changeToWire),
      } satisfies Api.ChangeLog);
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
];
