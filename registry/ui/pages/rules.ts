import { type Html, html, idAttr, pageUrl, text } from '../html.js';
import type { PageShell } from '../layout.js';
import { prose } from '../prose.js';
import { table } from '../table.js';

interface RuleInfo {
  id: string;
  level: string;
  description: string;
}

let rendered: Html | undefined;

/** `/ui/-/rules`: the diff rules, one row per id (the diff page links each change's rule here). */
export async function rulesPage(): Promise<PageShell> {
  rendered ??= await renderRules();
  return {
    title: 'Diff rules',
    crumbs: [{ label: 'Registry', href: pageUrl([]) }, { label: 'Diff rules' }],
    main: rendered,
  };
}

async function renderRules(): Promise<Html> {
  // Loaded on first use, like the diff engine itself (registry/engines.ts).
  const path: string = '../../../core/diff/rules.js';
  const { DIFF_RULES } = (await import(path)) as { DIFF_RULES: readonly RuleInfo[] };
  return html`<h1>Diff rules</h1><p>Every change between two versions is classified by one of these rules. Rule ids are stable: a configuration re-levels or turns them off by id.</p>${table(
    `${DIFF_RULES.length} rules`,
    ['Rule', 'Level', 'Meaning'],
    DIFF_RULES.map((r) => [
      html`<code id="${idAttr(r.id)}">${text(r.id)}</code>`,
      html`<span class="mark ${text(r.level)}">${text(r.level)}</span>`,
      prose(r.description) ?? html``,
    ]),
  )}`;
}
