import type { StoredChange } from '../../store/store.js';
import { requireReadable, type UiContext } from '../context.js';
import { type Html, html, pageUrl, text } from '../html.js';
import type { PageShell } from '../layout.js';
import { notFoundService, notFoundVersion } from './not-found.js';

const LEVELS = [
  { level: 'breaking', title: 'Breaking', meaning: 'an existing client or event consumer can fail' },
  {
    level: 'warning',
    title: 'Warnings',
    meaning: 'a client may fail or behave differently, depending on how it was written',
  },
  { level: 'info', title: 'Safe changes', meaning: 'no client can notice, or only in its favour' },
] as const;

/** `/ui/{org}/{app}/diff/{from}/{to}`: every change between two versions, breaking first. */
export async function diffPage(
  ctx: UiContext,
  org: string,
  app: string,
  from: string,
  to: string,
): Promise<PageShell> {
  requireReadable(ctx, org);
  const store = ctx.registry.store;
  const [service, before, after] = await Promise.all([
    store.getService(org, app),
    store.getVersion(org, app, from),
    store.getVersion(org, app, to),
  ]);
  if (!service) throw notFoundService(org, app);
  if (!before) throw notFoundVersion(org, app, from);
  if (!after) throw notFoundVersion(org, app, to);
  const log = await ctx.registry.changesBetween(org, app, before.version, after.version);
  const groups = LEVELS.flatMap(({ level, title, meaning }) => {
    const changes = log.changes.filter((c) => c.level === level);
    if (changes.length === 0) return [];
    return [
      html`<section aria-labelledby="h-${text(level)}"><h2 id="h-${text(level)}">${text(title)} (${text(changes.length)})</h2><p class="muted">${text(meaning)}.</p><ul>${changes.map((c) => changeItem(org, app, log.from, log.to, c))}</ul></section>`,
    ];
  });
  return {
    title: `${org}/${app}: ${log.from} → ${log.to}`,
    crumbs: [
      { label: 'Registry', href: pageUrl([]) },
      { label: org, href: pageUrl([org]) },
      { label: app, href: pageUrl([org, app]) },
      { label: `${log.from} → ${log.to}` },
    ],
    main: html`<h1>Changes from <a href="${pageUrl([org, app, log.from])}">${text(log.from)}</a> to <a href="${pageUrl([org, app, log.to])}">${text(log.to)}</a></h1>
<p>${text(summaryLine(log.changes))} <a href="${pageUrl([org, app, 'diff', log.to, log.from])}">Compare the other way</a>.</p>
${groups}`,
  };
}

function summaryLine(changes: StoredChange[]): string {
  if (changes.length === 0) return 'The two versions describe the same contract.';
  const counts = LEVELS.map(({ level }) => `${changes.filter((c) => c.level === level).length} ${level}`);
  return `${changes.length} change${changes.length === 1 ? '' : 's'}: ${counts.join(', ')}.`;
}

function changeItem(org: string, app: string, from: string, to: string, c: StoredChange): Html {
  return html`<li><a href="${pageUrl(['-', 'rules'], c.rule)}"><code>${text(c.rule)}</code></a> ${text(c.message)}<br><code>${text(c.path)}</code> <span class="muted">(<a href="${pageUrl([org, app, from], c.path)}">in ${text(from)}</a>, <a href="${pageUrl([org, app, to], c.path)}">in ${text(to)}</a>)</span></li>`;
}
