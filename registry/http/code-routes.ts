import type { Request, Response } from 'express';
import type * as Api from '../api-types.js';
import type { Registry } from '../registry.js';
import { json, param, type Route, type RouteContext, readsOf, serviceParams } from './route.js';
import { readForm } from './wire.js';

/** Generators and generated code. */
export const CODE_ROUTES: Route[] = [
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
    expensive: true,
    handle: (req, res, ctx) => sendCode(req, res, ctx, () => ({})),
  },
  {
    method: 'post',
    path: '/services/:org/:app/versions/:version/code/:generator',
    expensive: true,
    handle: (req, res, ctx) =>
      sendCode(req, res, ctx, () => {
        const form = readForm<Api.CodeForm>(req.body, { options: 'object?' }, 'code_form');
        return (form.options ?? {}) as GeneratorOptions;
      }),
  },
];

type GeneratorOptions = Parameters<Registry['generate']>[4];

/**
 * The code a generator makes from the version named by the path. `options` reads the generator
 * options after the path is checked, so an unknown service is a 404 before a bad body is a 400.
 */
async function sendCode(req: Request, res: Response, ctx: RouteContext, options: () => GeneratorOptions) {
  const { organization, application } = serviceParams(req, ctx);
  const { version } = await ctx.registry.resolveVersion(organization, application, param(req, 'version'));
  const code = await ctx.registry.generate(
    organization,
    application,
    version,
    param(req, 'generator'),
    options(),
    readsOf(ctx),
  );
  json(res, 200, code);
}
