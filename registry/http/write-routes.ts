import { requireRole } from '../access.js';
import type * as Api from '../api-types.js';
import { problem } from '../errors.js';
import { json, param, type Route, readsOf, serviceParams } from './route.js';
import { changeToWire, readForm, versionToWire } from './wire.js';

/** Publishing, dry-run checks and validations. */
export const WRITE_ROUTES: Route[] = [
  {
    method: 'put',
    path: '/services/:org/:app/versions/:version',
    expensive: true,
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
        mayRead: readsOf(ctx),
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
    method: 'post',
    path: '/services/:org/:app/checks',
    expensive: true,
    async handle(req, res, ctx) {
      const { organization, application } = serviceParams(req, ctx);
      const form = readForm<Api.DocumentForm>(
        req.body,
        { original: 'string', file: 'string?' },
        'document_form',
      );
      const result = await ctx.registry.check(
        organization,
        application,
        form.original,
        readsOf(ctx),
        form.file,
      );
      json(res, 200, { ...result, changes: result.changes.map(changeToWire) } satisfies Api.CheckResult);
    },
  },
  {
    method: 'post',
    path: '/validations',
    expensive: true,
    async handle(req, res, ctx) {
      if (!ctx.principal.token && !ctx.registry.anonymousReads) {
        throw problem(
          401,
          'unauthorized',
          "This registry is private: validations need a token. Send it as 'Authorization: Bearer <token>' (the CLI reads CANON_TOKEN).",
        );
      }
      const form = readForm<Api.DocumentForm>(
        req.body,
        { original: 'string', file: 'string?' },
        'document_form',
      );
      const validation = await ctx.registry.validate(form.original, readsOf(ctx), form.file);
      json(res, 200, validation satisfies Api.Validation);
    },
  },
];
