import { type Html, html, text } from './html.js';

/** A data table with column headers (scope=col) and a caption, wrapped to scroll on narrow screens. */
export function table(caption: string, columns: readonly string[], rows: readonly (readonly Html[])[]): Html {
  const head = columns.map((c) => html`<th scope="col">${text(c)}</th>`);
  const body = rows.map((cells) => html`<tr>${cells.map((c) => html`<td>${c}</td>`)}</tr>`);
  return html`<div class="table-wrap"><table><caption class="muted">${text(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table></div>`;
}

/** `min 1, max 100`, or nothing. */
export function constraints(element: { minimum?: number; maximum?: number }): Html {
  const parts: string[] = [];
  if (element.minimum !== undefined) parts.push(`min ${element.minimum}`);
  if (element.maximum !== undefined) parts.push(`max ${element.maximum}`);
  return text(parts.join(', '));
}

/** A default or example value in its wire text form, as code; nothing when absent. */
export function literal(value: string | undefined): Html {
  return value === undefined ? html`` : html`<code>${text(value)}</code>`;
}
