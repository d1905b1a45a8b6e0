import { notFound } from '../../errors.js';
import { readableServices } from '../catalog.js';
import { requireReadable, type UiContext } from '../context.js';
import { html, pageUrl, text } from '../html.js';
import type { PageShell } from '../layout.js';
import { table } from '../table.js';

/** `/ui/{org}`: the organization's services, its event streams and which service owns each. */
export async function organizationPage(ctx: UiContext, org: string): Promise<PageShell> {
  requireReadable(ctx, org);
  const [record, services, owners] = await Promise.all([
    ctx.registry.store.getOrganization(org),
    readableServices(ctx, org),
    ctx.registry.store.eventUnionOwners(org),
  ]);
  if (!record && services.length === 0)
    throw notFound(`The organization ${org}`, 'Check the name, or start from the list of services at /ui/.');
  const servicesTable = table(
    `Services of ${org}`,
    ['Service', 'Key', 'Latest version', 'Policy'],
    services.map((s) => [
      html`<a href="${pageUrl([org, s.application])}">${text(s.name)}</a>`,
      html`<code>${text(s.application)}</code>`,
      s.latestVersion
        ? html`<a href="${pageUrl([org, s.application, s.latestVersion])}">${text(s.latestVersion)}</a>`
        : text('none'),
      text(s.policy),
    ]),
  );
  const streams =
    owners.length === 0
      ? html`<p>No event streams: a union named <code>*_event</code> becomes one when it is published.</p>`
      : table(
          `Event streams of ${org}`,
          ['Event union', 'Owned by'],
          owners.map((o) => [
            html`<a href="${pageUrl([org, o.application, 'latest'], `unions/${o.union}`)}"><code>${text(o.union)}</code></a>`,
            html`<a href="${pageUrl([org, o.application])}">${text(o.application)}</a>`,
          ]),
        );
  return {
    title: org,
    crumbs: [{ label: 'Registry', href: pageUrl([]) }, { label: org }],
    main: html`<h1>${text(org)}</h1>
${record?.namespace ? html`<p>Namespace prefix: <code>${text(record.namespace)}</code></p>` : undefined}
<section aria-labelledby="h-services"><h2 id="h-services">Services</h2>${servicesTable}</section>
<section aria-labelledby="h-streams"><h2 id="h-streams">Event streams</h2>${streams}</section>`,
  };
}
