import { catalog } from '../catalog.js';
import type { UiContext } from '../context.js';
import { attr, type Html, html, pageUrl, text } from '../html.js';
import type { PageShell } from '../layout.js';
import { summary } from '../prose.js';
import { searchCatalog } from '../search.js';

/** `/ui/`: organizations and their services, and search over names, descriptions, models and operations. */
export async function homePage(ctx: UiContext, query: string): Promise<PageShell> {
  const entries = await catalog(ctx);
  const form = html`<form class="search" role="search" method="get" action="/ui/"><label for="q">Search services, models and operations</label><input id="q" name="q" type="search" value="${attr(query)}"><button type="submit">Search</button></form>`;
  let body: Html;
  if (query.trim() !== '') {
    const results = searchCatalog(entries, query);
    body = html`<section aria-labelledby="h-results"><h2 id="h-results">${text(results.length === 1 ? '1 service matches' : `${results.length} services match`)} “${text(query)}”</h2>
${results.length === 0 ? html`<p>Nothing matches. Try a shorter word, or <a href="/ui/">browse everything</a>.</p>` : undefined}
<ul>${results.map(({ entry, hits }) => {
      const { organization, application, latestVersion } = entry.record;
      const version = latestVersion ?? 'latest';
      const links = hits.map(
        (h) =>
          html`<li>${text(h.kind)} <a href="${pageUrl([organization, application, version], h.path)}">${text(h.label)}</a></li>`,
      );
      return html`<li><a href="${pageUrl([organization, application])}">${text(entry.record.name)}</a> <span class="muted">${text(`${organization}/${application}`)}</span>${links.length > 0 ? html`<ul>${links}</ul>` : undefined}</li>`;
    })}</ul></section>`;
  } else {
    const byOrg = new Map<string, typeof entries>();
    for (const e of entries)
      byOrg.set(e.record.organization, [...(byOrg.get(e.record.organization) ?? []), e]);
    body =
      byOrg.size === 0
        ? html`<p>This registry holds no services you may read yet. Publish one with <code>canon publish</code>${ctx.principal.token ? undefined : html`, or <a href="/ui/-/sign-in">sign in</a> to see private ones`}.</p>`
        : html`${[...byOrg].map(
            ([org, list]) =>
              html`<section aria-labelledby="${attr(`org-${org}`)}"><h2 id="${attr(`org-${org}`)}"><a href="${pageUrl([org])}">${text(org)}</a></h2><ul>${list.map(
                (e) =>
                  html`<li><a href="${pageUrl([org, e.record.application])}">${text(e.record.name)}</a> <span class="muted">${text(e.record.application)} ${text(e.record.latestVersion ?? '')}</span> ${text(summary(e.latest?.description))}</li>`,
              )}</ul></section>`,
          )}`;
  }
  return {
    title: 'Services',
    crumbs: [{ label: 'Registry' }],
    main: html`<h1>Services</h1>${form}${body}`,
  };
}
