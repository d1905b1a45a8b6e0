import { type Html, html, joinHtml, text } from './html.js';

/**
 * A description from a spec as safe HTML: paragraphs at blank lines, line breaks kept, and
 * `backticks` as code. That is the whole Markdown subset: no links, no raw HTML, so nothing in
 * a description can become markup.
 */
export function prose(description: string | undefined): Html | undefined {
  if (description === undefined || description.trim() === '') return undefined;
  const paragraphs = description
    .trim()
    .split(/\n\s*\n/)
    .map((p) => html`<p>${joinHtml(p.split('\n').map(inline), '<br>')}</p>`);
  return html`<div class="description">${paragraphs}</div>`;
}

/** One line: text with `code` spans. */
function inline(line: string): Html {
  const parts = line.split(/`([^`]+)`/);
  return joinHtml(parts.map((part, i) => (i % 2 === 1 ? html`<code>${text(part)}</code>` : text(part))));
}

/** A one-line summary of a description (its first sentence, at most 160 characters), as text. */
export function summary(description: string | undefined): string {
  if (!description) return '';
  const first = description.trim().split(/\n/)[0] ?? '';
  return first.length > 160 ? `${first.slice(0, 157)}…` : first;
}
