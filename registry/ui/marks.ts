import type { Deprecation } from '../../core/ir.js';
import { attr, type Html, html, text } from './html.js';

/** The annotation a page marks most visibly: fields that hold personal data. */
export const PERSONAL_DATA = 'personal_data';

/** Annotation names as marks; `personal_data` stands out (and says so in words, not colour only). */
export function annotationMarks(names: readonly string[]): Html[] {
  return names.map((name) =>
    name === PERSONAL_DATA
      ? html`<span class="mark personal" title="Annotated personal_data">personal data</span>`
      : html`<span class="mark" title="Annotation">${text(name)}</span>`,
  );
}

/** A deprecation as a mark, its reason in the tooltip and after the mark. */
export function deprecationMark(deprecation: Deprecation | undefined): Html | undefined {
  if (!deprecation) return undefined;
  const reason = deprecation.description;
  return reason
    ? html`<span class="mark deprecated" title="${attr(reason)}">deprecated</span> <span class="muted">${text(reason)}</span>`
    : html`<span class="mark deprecated">deprecated</span>`;
}
