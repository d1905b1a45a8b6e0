import type { StoredChange, VersionRecord } from '../../store/store.js';
import { catalog, dependentsOf } from '../catalog.js';
import { requireReadable, type UiContext } from '../context.js';
import { attr, type Html, html, pageUrl, text } from '../html.js';
import type { PageShell } from '../layout.js';
import { notFoundService } from './not-found.js';

const LEVELS = ['breaking', 'warning', 'info'] as const;

/** `/ui/{org}/{app}`: its versions newest first with their change logs, its policy, its dependents. */
export async function servicePage(ctx: UiContext, org: string, app: string): Promise<PageShell> {
  requireReadable(ctx, org);
  const [service, versions] = await Promise.all([
    ctx.registry.store.getService(org, app),
    ctx.registry.store.listVersions(org, app),
  ]);
  if (!service || !versions) throw notFoundService(org, app);
  const newestFirst = [...versions].reverse();
  const [entries, owners] = await Promise.all([catalog(ctx), ctx.registry.store.eventUnionOwners(org)]);
  const dependents = dependentsOf(entries, org, app);
  const streams = owners.filter((o) => o.application === app);
  return {
    title: `${service.name} (${org}/${app})`,
    crumbs: [{ label: 'Registry', href: pageUrl([]) }, { label: org, href: pageUrl([org]) }, { label: app }],
    main: html`<h1>${text(service.name)}</h1>
<dl class="facts"><dt>Key</dt><dd><code>${text(`${org}/${app}`)}</code></dd>
<dt>Latest version</dt><dd>${service.latestVersion ? html`<a href="${pageUrl([org, app, service.latestVersion])}">${text(service.latestVersion)}</a>` : text('none')}</dd>
<dt>Policy</dt><dd><code>${text(service.policy)}</code> <span class="muted">(how new versions are gated)</span></dd>
<dt>Event streams</dt><dd>${streams.length === 0 ? text('none') : streams.map((s, i) => html`${i > 0 ? text(', ') : undefined}<code>${text(s.union)}</code>`)}</dd></dl>
${compareForm(org, app, newestFirst)}
<section aria-labelledby="h-versions"><h2 id="h-versions">Versions (${text(versions.length)})</h2><ol class="plain">${newestFirst.map((v) => versionEntry(org, app, v))}</ol></section>
<section aria-labelledby="h-dependents"><h2 id="h-dependents">Dependents</h2>${
      dependents.length === 0
        ? html`<p>No service you may read imports this one in its latest version.</p>`
        : html`<ul>${dependents.map(
            (d) =>
              html`<li><a href="${pageUrl([d.record.organization, d.record.application])}">${text(d.record.name)}</a> <span class="muted">${text(`${d.record.organization}/${d.record.application}`)}</span></li>`,
          )}</ul>`
    }</section>`,
  };
}

function versionEntry(org: string, app: string, v: VersionRecord): Html {
  const counts = LEVELS.map(
    (level) => [level, v.changes.filter((c) => c.level === level).length] as const,
  ).filter(([, n]) => n > 0);
  const headline =
    v.previousVersion === undefined
      ? text('first version')
      : counts.length === 0
        ? text(`no changes since ${v.previousVersion}`)
        : html`${counts.map(([level, n]) => html`<span class="mark ${text(level)}">${text(`${n} ${level}`)}</span> `)}since <a href="${pageUrl([org, app, 'diff', v.previousVersion, v.version])}">${text(v.previousVersion)}</a>`;
  const forced = v.forcedReason
    ? html`<p class="notice">Published despite breaking changes: ${text(v.forcedReason)}</p>`
    : undefined;
  const details =
    v.changes.length === 0
      ? undefined
      : html`<details><summary>Change log (${text(v.changes.length)})</summary><ul>${v.changes.map(changeLine)}</ul></details>`;
  return html`<li id="${attr(`v-${v.version}`)}"><h3><a href="${pageUrl([org, app, v.version])}">${text(v.version)}</a></h3><p class="muted">Published ${text(v.publishedAt)} by ${text(v.publishedBy)}</p><p>${headline}</p>${forced}${details}</li>`;
}

function changeLine(c: StoredChange): Html {
  return html`<li><span class="mark ${text(c.level)}">${text(c.level)}</span> <a href="${pageUrl(['-', 'rules'], c.rule)}"><code>${text(c.rule)}</code></a> ${text(c.message)}</li>`;
}

function compareForm(org: string, app: string, versions: VersionRecord[]): Html | undefined {
  if (versions.length < 2) return undefined;
  const options = (selected: string) =>
    versions.map(
      (v) =>
        html`<option value="${attr(v.version)}"${v.version === selected ? html` selected` : undefined}>${text(v.version)}</option>`,
    );
  return html`<form class="search" method="get" action="${pageUrl([org, app, 'diff'])}"><label for="from">Compare</label><select id="from" name="from">${options(versions[1]!.version)}</select><label for="to">with</label><select id="to" name="to">${options(versions[0]!.version)}</select><button type="submit">Show changes</button></form>`;
}
