import type { Header, Operation, Parameter, Resource, Service } from '../../../core/ir.js';
import { operationPath, resourcePath } from '../element-paths.js';
import { type Html, html, idAttr, text } from '../html.js';
import { deprecationMark } from '../marks.js';
import { prose } from '../prose.js';
import { constraints, literal, table } from '../table.js';
import { typeLink } from '../type-link.js';

/** What the filter matches an operation against: method, path, operation id and resource. */
export const operationFilterText = (service: Service, resource: Resource, op: Operation) =>
  `${op.method} ${op.path} ${op.operationId ?? ''} ${resourcePath(service, resource)}`.toLowerCase();

/** The resources section: each resource, then each operation with parameters, body and responses. */
export function resourcesSection(service: Service, resources: readonly Resource[]): Html | undefined {
  if (resources.length === 0) return undefined;
  const blocks = resources.map((resource) => resourceBlock(service, resource));
  return html`<section aria-labelledby="h-resources" data-group><h2 id="h-resources">Resources and operations</h2>${blocks}</section>`;
}

function resourceBlock(service: Service, resource: Resource): Html {
  const path = resourcePath(service, resource);
  const ops = resource.operations.map((op) => operationBlock(service, resource, op));
  return html`<section id="${idAttr(path)}" data-group><h3>${typeLink(resource.type, service)} <span class="muted">${text(resource.path ?? '')}</span> ${deprecationMark(resource.deprecation)}</h3>${prose(resource.description)}${ops}</section>`;
}

function operationBlock(service: Service, resource: Resource, op: Operation): Html {
  const path = operationPath(service, resource, op);
  const params =
    op.parameters.length === 0
      ? undefined
      : table(
          'Parameters',
          ['Name', 'In', 'Type', 'Required', 'Default', 'Constraints', 'Description'],
          op.parameters.map((p) => parameterRow(service, path, p)),
        );
  const body = op.body
    ? html`<p><strong>Body:</strong> ${typeLink(op.body.type, service)} ${deprecationMark(op.body.deprecation)}</p>${prose(op.body.description)}`
    : undefined;
  const responses = table(
    'Responses',
    ['Status', 'Type', 'Headers', 'Description'],
    op.responses.map((r) => [
      html`<span id="${idAttr(`${path}/responses/${r.code}`)}">${text(r.code)}</span>`,
      typeLink(r.type, service),
      headerList(service, r.headers),
      html`${deprecationMark(r.deprecation)}${prose(r.description)}`,
    ]),
  );
  const id = op.operationId ? html` <span class="muted">(${text(op.operationId)})</span>` : undefined;
  return html`<article class="item" id="${idAttr(path)}" data-item="${text(operationFilterText(service, resource, op))}"><h4><span class="method">${text(op.method)}</span><code>${text(op.path)}</code>${id} ${deprecationMark(op.deprecation)}</h4>${prose(op.description)}${params}${body}${responses}</article>`;
}

function parameterRow(service: Service, operation: string, p: Parameter): Html[] {
  return [
    html`<code id="${idAttr(`${operation}/parameters/${p.name}`)}">${text(p.name)}</code>`,
    text(p.location),
    typeLink(p.type, service),
    text(p.required ? 'yes' : 'no'),
    literal(p.default),
    constraints(p),
    html`${deprecationMark(p.deprecation)}${prose(p.description)}${p.example === undefined ? undefined : html`<p>Example: ${literal(p.example)}</p>`}`,
  ];
}

function headerList(service: Service, headers: readonly Header[]): Html {
  if (headers.length === 0) return html``;
  return html`<ul class="plain">${headers.map(
    (h) =>
      html`<li><code>${text(h.name)}</code>: ${typeLink(h.type, service)}${h.required ? undefined : html` <span class="muted">(optional)</span>`}</li>`,
  )}</ul>`;
}

/** The service-level request headers every operation takes. */
export function headersSection(service: Service): Html | undefined {
  if (service.headers.length === 0) return undefined;
  return html`<section aria-labelledby="h-headers"><h2 id="h-headers">Request headers</h2>${table(
    'Headers sent with every request',
    ['Name', 'Type', 'Required', 'Default', 'Description'],
    service.headers.map((h) => [
      html`<code id="${idAttr(`headers/${h.name}`)}">${text(h.name)}</code>`,
      typeLink(h.type, service),
      text(h.required ? 'yes' : 'no'),
      literal(h.default),
      html`${deprecationMark(h.deprecation)}${prose(h.description)}`,
    ]),
  )}</section>`;
}
