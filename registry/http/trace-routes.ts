import { requireRole } from '../access.js';
import { noSuchService, problem } from '../errors.js';
import { checkKey } from '../keys.js';
import { dependencyGraph } from '../trace/dependents.js';
import { importingVersions } from '../trace/importing-versions.js';
import { latestServices } from '../trace/latest-services.js';
import { ANNOTATION_NAME, trace } from '../trace/trace.js';
import { json, param, type Route, readsOf, serviceParams } from './route.js';

/** Questions across services: the annotation trace, who imports a service, an organization's graph. */
export const TRACE_ROUTES: Route[] = [
  {
    method: 'get',
    path: '/trace/:annotation',
    expensive: true,
    async handle(req, res, ctx) {
      const annotation = param(req, 'annotation');
      if (!ANNOTATION_NAME.test(annotation))
        throw problem(
          400,
          'invalid-annotation',
          `'${annotation.slice(0, 100)}' is not an annotation name: use letters, digits and underscores, e.g. personal_data.`,
        );
      json(res, 200, trace(await latestServices(ctx.registry.store, readsOf(ctx)), annotation));
    },
  },
  {
    method: 'get',
    path: '/services/:org/:app/referenced-by',
    async handle(req, res, ctx) {
      const { organization, application } = serviceParams(req, ctx);
      if (!(await ctx.registry.store.getService(organization, application)))
        throw noSuchService(organization, application);
      json(res, 200, await importingVersions(ctx.registry.store, readsOf(ctx), organization, application));
    },
  },
  {
    method: 'get',
    path: '/organizations/:org/dependencies',
    async handle(req, res, ctx) {
      const organization = checkKey('organization', param(req, 'org'));
      requireRole(ctx.principal, organization, 'read', ctx.registry.anonymousReads);
      const services = await latestServices(ctx.registry.store, readsOf(ctx));
      json(res, 200, dependencyGraph(services, organization));
    },
  },
];
