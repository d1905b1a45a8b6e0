import type { Request } from 'express';
import { holds, requireRole } from '../access.js';
import type * as Api from '../api-types.js';
import { noSuchService, notFound, problem } from '../errors.js';
import { MODES } from '../store/store.js';
import { json, param, type Route, serviceParams } from './route.js';
import { queryString, readForm, serviceToWire, versionToWire } from './wire.js';

/** Deletes and restores, READONLY modes and lookup by content hash. */
export const LIFECYCLE_ROUTES: Route[] = [
  {
    method: 'delete',
    path: '/services/:org/:app/versions/:version',
    async handle(req, res, ctx) {
      const { organization, application } = serviceParams(req, ctx, 'admin');
      await ctx.registry.delete(
        { organization, application, version: param(req, 'version') },
        { ...deleteQuery(req), actor: ctx.principal.actor },
      );
      res.status(204).end();
    },
  },
  {
    method: 'delete',
    path: '/services/:org/:app',
    async handle(req, res, ctx) {
      const { organization, application } = serviceParams(req, ctx, 'admin');
      await ctx.registry.delete(
        { organization, application },
        { ...deleteQuery(req), actor: ctx.principal.actor },
      );
      res.status(204).end();
    },
  },
  {
    method: 'post',
    path: '/services/:org/:app/versions/:version/restore',
    async handle(req, res, ctx) {
      const { organization, application } = serviceParams(req, ctx, 'admin');
      const version = param(req, 'version');
      await ctx.registry.restore({ organization, application, version }, ctx.principal.actor);
      const restored = await ctx.registry.store.getVersion(organization, application, version);
      json(res, 200, versionToWire(restored!));
    },
  },
  {
    method: 'post',
    path: '/services/:org/:app/restore',
    async handle(req, res, ctx) {
      const { organization, application } = serviceParams(req, ctx, 'admin');
      await ctx.registry.restore({ organization, application }, ctx.principal.actor);
      json(res, 200, serviceToWire((await ctx.registry.store.getService(organization, application))!));
    },
  },
  {
    method: 'get',
    path: '/mode',
    async handle(_req, res, ctx) {
      if (!ctx.principal.token && !ctx.registry.anonymousReads) {
        throw problem(
          401,
          'unauthorized',
          "Reading the mode needs a token: send 'Authorization: Bearer <token>'.",
        );
      }
      json(res, 200, { mode: (await ctx.registry.store.getMode())! } satisfies Api.ModeSetting);
    },
  },
  {
    method: 'put',
    path: '/mode',
    async handle(req, res, ctx) {
      requireRole(ctx.principal, '*', 'admin', false);
      const form = readForm<Api.ModeSetting>(req.body, { mode: MODES }, 'mode_setting');
      await ctx.registry.store.setMode(undefined, form.mode, ctx.principal.actor);
      json(res, 200, { mode: form.mode } satisfies Api.ModeSetting);
    },
  },
  {
    method: 'get',
    path: '/services/:org/:app/mode',
    async handle(req, res, ctx) {
      const scope = serviceParams(req, ctx, 'read');
      const mode = await ctx.registry.store.getMode(scope);
      if (!mode) throw noSuchService(scope.organization, scope.application);
      json(res, 200, { mode } satisfies Api.ModeSetting);
    },
  },
  {
    method: 'put',
    path: '/services/:org/:app/mode',
    async handle(req, res, ctx) {
      const scope = serviceParams(req, ctx, 'admin');
      const form = readForm<Api.ModeSetting>(req.body, { mode: MODES }, 'mode_setting');
      if (!(await ctx.registry.store.setMode(scope, form.mode, ctx.principal.actor))) {
        throw noSuchService(scope.organization, scope.application);
      }
      json(res, 200, { mode: form.mode } satisfies Api.ModeSetting);
    },
  },
  {
    method: 'get',
    path: '/contents/:hash',
    async handle(req, res, ctx) {
      const hash = param(req, 'hash');
      const versions = (await ctx.registry.store.findByContentHash(hash)).filter((v) =>
        holds(ctx.principal, v.organization, 'read', ctx.registry.anonymousReads),
      );
      if (versions.length === 0) {
        throw notFound(
          `A version with content hash ${hash.slice(0, 80)}`,
          "Content hashes are 'sha256:' and 64 hex digits, as in a version's content_hash.",
        );
      }
      json(res, 200, { content_hash: hash, versions: versions.map(versionToWire) } satisfies Api.Content);
    },
  },
];

/** `?reason=…` (required: it goes into the audit log) and `?hard=true|false`. */
function deleteQuery(req: Request): { hard: boolean; reason: string } {
  const reason = queryString(req.query, 'reason')?.trim();
  if (!reason) {
    throw problem(
      400,
      'invalid-query',
      'Say why in ?reason=… (it is kept in the audit log); add &hard=true to remove it for good.',
    );
  }
  const hard = queryString(req.query, 'hard') ?? 'false';
  if (hard !== 'true' && hard !== 'false') {
    throw problem(400, 'invalid-query', "The query parameter 'hard' must be true or false.");
  }
  return { hard: hard === 'true', reason: reason.slice(0, 1000) };
}
