import { requireReadable, type UiContext } from '../context.js';
import { pageUrl } from '../html.js';
import type { PageShell } from '../layout.js';
import { notFoundService, notFoundVersion } from './not-found.js';
import { versionPage } from './version.js';

/** `/ui/{org}/{app}/{version}` (or `latest`): finds the version and renders its documentation. */
export async function versionDocumentation(
  ctx: UiContext,
  org: string,
  app: string,
  version: string,
  filter: string,
): Promise<PageShell> {
  requireReadable(ctx, org);
  const store = ctx.registry.store;
  const record = await store.getVersion(org, app, version);
  if (!record)
    throw (await store.getService(org, app)) ? notFoundVersion(org, app, version) : notFoundService(org, app);
  const service = await store.getServiceIr(org, app, record.version);
  if (!service) throw notFoundVersion(org, app, version);
  return {
    title: `${service.name} ${record.version}`,
    crumbs: [
      { label: 'Registry', href: pageUrl([]) },
      { label: org, href: pageUrl([org]) },
      { label: app, href: pageUrl([org, app]) },
      { label: version === 'latest' ? `${record.version} (latest)` : record.version },
    ],
    main: versionPage(ctx, record, service, filter),
  };
}
