import type * as Api from '../api-types.js';
import type { Registry } from '../registry.js';
import { json, param, type Route, serviceParams } from './route.js';
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
];
