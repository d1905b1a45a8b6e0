import type { Service } from '../../../core/ir.js';
import { LruCache } from '../../lru-cache.js';
import type { VersionRecord } from '../../store/store.js';
import type { UiContext } from '../context.js';
import { resourcePath } from '../element-paths.js';
import { apiUrl, attr, externalUrl, type Html, html, idAttr, pageUrl, text } from '../html.js';
import { prose } from '../prose.js';
import { table } from '../table.js';
import { headersSection, operationFilterText, resourcesSection } from './doc-operations.js';
import { type ShownTypes, TYPE_SECTIONS, typeSections } from './doc-types.js';

/**
 * Rendered documentation (all but its introduction) by content hash and version: a version never
 * changes, so neither does its page. Kept as encoded bytes, so a large page is not re-encoded
 * per request. Nothing from the request goes into it (the origin is in the introduction), so a
 * stranger's Host header can neither change what others see nor fill the cache.
 */
const RENDERED = new LruCache<Buffer>(64 * 1024 * 1024, (bytes) => bytes.length);

/**
 * The documentation of one version: its operations, its types, where to get it. The short
 * introduction is rendered per request; the rest comes from the cache unless a filter is given.
 */
export function versionPage(
  ctx: UiContext,
  record: VersionRecord,
  service: Service,
  filter: string,
): readonly (Html | Buffer)[] {
  const intro = introduction(ctx, record, service);
  if (filter !== '') return [intro, documentationBody(service, filter)];
  const key = `${record.contentHash}|${record.version}`;
  let body = RENDERED.get(key);
  if (body === undefined) {
    body = Buffer.from(documentationBody(service, ''));
    RENDERED.set(key, body);
  }
  return [intro, body];
}

/** The whole documentation without the cache (the benchmark renders it cold; tests render IRs). */
export function renderDocumentation(
  ctx: UiContext,
  record: VersionRecord,
  service: Service,
  filter: string,
): Html {
  return html`${introduction(ctx, record, service)}${documentationBody(service, filter)}`;
}

function introduction(ctx: UiContext, record: VersionRecord, service: Service): Html {
  return html`<h1>${text(service.name)} <span class="muted">${text(record.version)}</span></h1>
${facts(record, service)}
${prose(service.description)}
${getIt(ctx, record)}
`;
}

function documentationBody(service: Service, filter: string): Html {
  const q = filter.toLowerCase();
  const keep = (name: string) => q === '' || name.toLowerCase().includes(q);
  const shown: ShownTypes = {
    models: service.models.filter((m) => keep(m.name)),
    enums: service.enums.filter((e) => keep(e.name)),
    unions: service.unions.filter((u) => keep(u.name)),
    interfaces: service.interfaces.filter((i) => keep(i.name)),
  };
  const resources = service.resources
    .map((r) => ({
      ...r,
      operations: r.operations.filter((op) => q === '' || operationFilterText(service, r, op).includes(q)),
    }))
    .filter((r) => r.operations.length > 0);
  return html`${contents(service, shown, resources)}
<form class="search" role="search" method="get"><label for="filter">Filter operations and types</label><input id="filter" name="q" type="search" value="${attr(filter)}" data-filter autocomplete="off"><button type="submit">Filter</button><span id="filter-status" role="status" aria-live="polite"></span></form>
${filter === '' ? undefined : html`<p class="notice">Showing only names containing “${text(filter)}”. <a href="?">Show everything</a></p>`}
${headersSection(service)}
${resourcesSection(service, resources)}
${typeSections(service, shown)}
${importsSection(service)}
${annotationsSection(service)}`;
}

function facts(record: VersionRecord, service: Service): Html {
  const contact = service.info.contact;
  const contactLink = contact?.url ? externalUrl(contact.url) : undefined;
  const license = service.info.license;
  const licenseLink = license?.url ? externalUrl(license.url) : undefined;
  return html`<dl class="facts">
<dt>Service</dt><dd><a href="${pageUrl([record.organization, record.application])}">${text(`${record.organization}/${record.application}`)}</a></dd>
<dt>Namespace</dt><dd><code>${text(service.namespace)}</code></dd>
<dt>Published</dt><dd>${text(record.publishedAt)} by ${text(record.publishedBy)} (${text(record.format)})</dd>
${service.baseUrl ? html`<dt>Base URL</dt><dd><code>${text(service.baseUrl)}</code></dd>` : undefined}
${contact ? html`<dt>Contact</dt><dd>${contactLink ? html`<a href="${contactLink}" rel="noreferrer">${text(contact.name ?? contact.url ?? '')}</a>` : text(contact.name ?? contact.url ?? '')}${contact.email ? html` <span class="muted">${text(contact.email)}</span>` : undefined}</dd>` : undefined}
${license ? html`<dt>License</dt><dd>${licenseLink ? html`<a href="${licenseLink}" rel="noreferrer">${text(license.name)}</a>` : text(license.name)}</dd>` : undefined}
<dt>Content hash</dt><dd><code>${text(record.contentHash)}</code></dd>
</dl>`;
}

function getIt(ctx: UiContext, record: VersionRecord): Html {
  const base = ['services', record.organization, record.application, 'versions', record.version];
  const generators = ctx.registry.generators?.list() ?? [];
  const config = JSON.stringify(
    {
      registry: { url: ctx.origin, organization: record.organization },
      services: {
        [`${record.organization}/${record.application}`]: {
          version: record.version,
          generators: { 'typescript-client': `src/generated/${record.application}` },
        },
      },
    },
    null,
    2,
  );
  const code =
    generators.length === 0
      ? undefined
      : html`<li>Generated code (JSON): ${generators.map((g, i) => html`${i > 0 ? text(', ') : undefined}<a href="${apiUrl([...base, 'code', g.name])}" title="${attr(g.description)}">${text(g.name)}</a>`)}</li>`;
  return html`<section aria-labelledby="h-get"><h2 id="h-get">Get this version</h2>
<ul><li><a href="${apiUrl([...base, 'original'])}">The original document</a> (${text(record.format)})</li><li><a href="${apiUrl([...base, 'service'])}">The normalized service</a> (service.json)</li>${code}</ul>
<p>The <code>canon update</code> configuration (<code>canon.config.json</code>) that fetches its typed client:</p>
<pre id="update-config">${text(config)}</pre><button type="button" data-copy="update-config" hidden>Copy</button>
</section>`;
}

function contents(service: Service, shown: ShownTypes, resources: Service['resources']): Html {
  const resourceLinks = resources.map(
    (r) =>
      html`<li data-entry="${text(r.operations.map((op) => operationFilterText(service, r, op)).join(' '))}"><a href="#${idAttr(resourcePath(service, r))}">${text(resourcePath(service, r).slice('resources/'.length))}</a> <span class="muted">(${text(r.operations.length)})</span></li>`,
  );
  const typeLists = TYPE_SECTIONS.flatMap(({ kind, title }) => {
    const list: readonly { name: string }[] = shown[kind];
    if (list.length === 0) return [];
    const names = list.map(
      (t) =>
        html`<li data-entry="${text(t.name.toLowerCase())}"><a href="#${idAttr(`${kind}/${t.name}`)}">${text(t.name)}</a></li>`,
    );
    return [
      html`<li><a href="#h-${text(kind)}">${text(title)}</a> (${text(list.length)}) <details><summary>Every name</summary><ul class="columns">${names}</ul></details></li>`,
    ];
  });
  const operations = resources.reduce((n, r) => n + r.operations.length, 0);
  return html`<nav aria-labelledby="h-contents"><h2 id="h-contents">Contents</h2><ul>
${resources.length === 0 ? undefined : html`<li><a href="#h-resources">Resources and operations</a> (${text(operations)})<ul class="columns">${resourceLinks}</ul></li>`}
${typeLists}
</ul></nav>`;
}

function importsSection(service: Service): Html | undefined {
  if (service.imports.length === 0) return undefined;
  return html`<section aria-labelledby="h-imports"><h2 id="h-imports">Imports</h2>${table(
    'Imported services',
    ['Service', 'Version', 'Namespace', 'Types'],
    service.imports.map((i) => [
      html`<a id="${idAttr(`imports/${i.organization.key}/${i.application.key}`)}" href="${pageUrl([i.organization.key, i.application.key])}">${text(`${i.organization.key}/${i.application.key}`)}</a>`,
      html`<a href="${pageUrl([i.organization.key, i.application.key, i.version])}">${text(i.version)}</a>`,
      html`<code>${text(i.namespace)}</code>`,
      text(i.models.length + i.enums.length + i.unions.length + i.interfaces.length),
    ]),
  )}</section>`;
}

function annotationsSection(service: Service): Html | undefined {
  if (service.annotations.length === 0) return undefined;
  return html`<section aria-labelledby="h-annotations"><h2 id="h-annotations">Annotations</h2><ul>${service.annotations.map(
    (a) =>
      html`<li id="${idAttr(`annotations/${a.name}`)}"><code>${text(a.name)}</code> ${prose(a.description)}</li>`,
  )}</ul></section>`;
}
