import { notFound } from '../../errors.js';
import { latestServices } from '../../trace/latest-services.js';
import { ANNOTATION_NAME, type Trace, trace } from '../../trace/trace.js';
import { canRead, type UiContext } from '../context.js';
import { type Html, html, pageUrl, text } from '../html.js';
import type { PageShell } from '../layout.js';
import { table } from '../table.js';

/**
 * `/ui/-/trace/{annotation}`: where an annotation (personal_data) flows across the latest
 * version of every service the caller may read — the same trace as `GET /trace/{annotation}`.
 */
export async function tracePage(ctx: UiContext, annotation: string): Promise<PageShell> {
  if (!ANNOTATION_NAME.test(annotation))
    throw notFound(`The annotation ${annotation.slice(0, 100)}`, 'Annotation names are like personal_data.');
  const traced = trace(await latestServices(ctx.registry.store, (org) => canRead(ctx, org)), annotation);
  return {
    title: `Trace of ${annotation}`,
    crumbs: [{ label: 'Registry', href: pageUrl([]) }, { label: `Trace of ${annotation}` }],
    main: render(traced),
  };
}

/** A link to an element of a service version's documentation page. */
function at(service: string, version: string, fragment: string, label: string): Html {
  const [org = '', app = ''] = service.split('/');
  return html`<a href="${pageUrl([org, app, version], fragment)}">${text(label)}</a>`;
}

function serviceLink(service: string, version: string): Html {
  const [org = '', app = ''] = service.split('/');
  return html`<a href="${pageUrl([org, app, version])}">${text(`${service} ${version}`)}</a>`;
}

function render(t: Trace): Html {
  const plural = (kind: string) => (kind === 'union' ? 'unions' : `${kind}s`);
  return html`<h1>Trace of <code>${text(t.annotation)}</code></h1><p>${text(
    `${t.fields.length} field(s) carry it in ${t.services} service(s); ${t.types.length} type(s), ${t.operations.length} operation(s) and ${t.streams.length} event stream(s) reach them.`,
  )}</p>${table(
    'Fields that carry it',
    ['Service', 'Field'],
    t.fields.map((f) => [
      serviceLink(f.service, f.version),
      at(f.service, f.version, `${plural(f.owner)}/${f.type}/fields/${f.field}`, `${f.type}.${f.field}`),
    ]),
  )}${table(
    'Types that reach them',
    ['Service', 'Type', 'Via'],
    t.types.map((ty) => [
      serviceLink(ty.service, ty.version),
      html`${text(ty.kind)} ${at(ty.service, ty.version, `${plural(ty.kind)}/${ty.name}`, ty.name)}`,
      text(ty.via),
    ]),
  )}${table(
    'Operations',
    ['Service', 'Operation', 'Carries it in'],
    t.operations.map((o) => [
      serviceLink(o.service, o.version),
      html`<code>${text(`${o.method} ${o.path}`)}</code>`,
      text([o.request ? 'request' : '', o.response ? 'response' : ''].filter(Boolean).join(' and ')),
    ]),
  )}${table(
    'Event streams',
    ['Service', 'Union'],
    t.streams.map((s) => [
      serviceLink(s.service, s.version),
      at(s.service, s.version, `unions/${s.union}`, s.union),
    ]),
  )}`;
}
