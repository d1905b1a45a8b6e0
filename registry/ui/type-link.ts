import type { Service, TypeRef } from '../../core/ir.js';
import { attr, elementId, type Html, html, pageUrl, text } from './html.js';

/**
 * A type as HTML with every named type a link: local types to their entry on the same page,
 * imported types to their entry on the imported service's page (at the imported version), and
 * names that resolve to nothing shown as unknown.
 */
export function typeLink(type: TypeRef, service: Service): Html {
  switch (type.kind) {
    case 'primitive':
      return html`<code>${text(type.name)}</code>`;
    case 'list':
      return html`[${typeLink(type.of, service)}]`;
    case 'map':
      return html`map[${typeLink(type.of, service)}]`;
    case 'unknown':
      return html`<code>${text(type.name)}</code> <span class="mark deprecated">unknown type</span>`;
    default: {
      const anchor = `${type.kind}s/${type.name}`;
      if (type.namespace === service.namespace)
        return html`<a href="${attr(`#${elementId(anchor)}`)}"><code>${text(type.name)}</code></a>`;
      const source = service.imports.find((i) => i.namespace === type.namespace);
      const qualified = `${type.namespace}.${type.kind}s.${type.name}`;
      if (!source) return html`<code title="${attr(qualified)}">${text(qualified)}</code>`;
      const href = pageUrl([source.organization.key, source.application.key, source.version], anchor);
      return html`<a href="${href}" title="${attr(qualified)}"><code>${text(type.name)}</code></a> <span class="muted">(${text(`${source.organization.key}/${source.application.key}`)})</span>`;
    }
  }
}
