import type { Enum, Field, Interface, Model, Service, Union } from '../../../core/ir.js';
import { type Html, html, idAttr, text } from '../html.js';
import { annotationMarks, deprecationMark } from '../marks.js';
import { prose } from '../prose.js';
import { constraints, literal, table } from '../table.js';
import { typeLink } from '../type-link.js';

/** The type sections, in the order a reader looks things up: models, enums, unions, interfaces. */
export const TYPE_SECTIONS = [
  { kind: 'models', title: 'Models' },
  { kind: 'enums', title: 'Enums' },
  { kind: 'unions', title: 'Unions' },
  { kind: 'interfaces', title: 'Interfaces' },
] as const;

export type TypeKind = (typeof TYPE_SECTIONS)[number]['kind'];

/** The types of one kind that a page shows (all of them, or those the server-side filter kept). */
export interface ShownTypes {
  models: readonly Model[];
  enums: readonly Enum[];
  unions: readonly Union[];
  interfaces: readonly Interface[];
}

/** One section per kind of type that has entries. */
export function typeSections(service: Service, shown: ShownTypes): Html[] {
  return TYPE_SECTIONS.flatMap(({ kind, title }) => {
    const blocks = blocksOf(service, shown, kind);
    if (blocks.length === 0) return [];
    return [
      html`<section aria-labelledby="h-${text(kind)}" data-group><h2 id="h-${text(kind)}">${text(title)}</h2>${blocks}</section>`,
    ];
  });
}

function blocksOf(service: Service, shown: ShownTypes, kind: TypeKind): Html[] {
  switch (kind) {
    case 'models':
      return shown.models.map((m) => modelBlock(service, m));
    case 'enums':
      return shown.enums.map((e) => enumBlock(e));
    case 'unions':
      return shown.unions.map((u) => unionBlock(service, u));
    case 'interfaces':
      return shown.interfaces.map((i) => fieldsBlock(service, 'interfaces', i, []));
  }
}

function heading(element: { name: string; deprecation?: { description?: string } }): Html {
  return html`<h3>${text(element.name)} ${deprecationMark(element.deprecation)}</h3>`;
}

function item(kind: TypeKind, name: string, body: Html): Html {
  return html`<section class="item" id="${idAttr(`${kind}/${name}`)}" data-item="${text(name.toLowerCase())}">${body}</section>`;
}

function modelBlock(service: Service, model: Model): Html {
  const implemented =
    model.interfaces.length === 0
      ? undefined
      : html`<p>Implements ${model.interfaces.map((name, i) => html`${i > 0 ? text(', ') : undefined}<a href="#${idAttr(`interfaces/${name}`)}"><code>${text(name)}</code></a>`)}</p>`;
  return fieldsBlock(service, 'models', model, implemented ? [implemented] : []);
}

function fieldsBlock(
  service: Service,
  kind: 'models' | 'interfaces',
  element: Model | Interface,
  extra: Html[],
): Html {
  const path = `${kind}/${element.name}`;
  const fields =
    element.fields.length === 0
      ? html`<p class="muted">No fields.</p>`
      : table(
          `Fields of ${element.name}`,
          ['Field', 'Type', 'Required', 'Default', 'Constraints', 'Description'],
          element.fields.map((f) => fieldRow(service, path, f)),
        );
  return item(kind, element.name, html`${heading(element)}${prose(element.description)}${extra}${fields}`);
}

function fieldRow(service: Service, parent: string, f: Field): Html[] {
  return [
    html`<code id="${idAttr(`${parent}/fields/${f.name}`)}">${text(f.name)}</code>${annotationMarks(f.annotations)}`,
    typeLink(f.type, service),
    text(f.required ? 'yes' : 'no'),
    literal(f.default),
    constraints(f),
    html`${deprecationMark(f.deprecation)}${prose(f.description)}${f.example === undefined ? undefined : html`<p>Example: ${literal(f.example)}</p>`}`,
  ];
}

function enumBlock(e: Enum): Html {
  const path = `enums/${e.name}`;
  const values = table(
    `Values of ${e.name}`,
    ['Value', 'Wire value', 'Description'],
    e.values.map((v) => [
      html`<code id="${idAttr(`${path}/values/${v.name}`)}">${text(v.name)}</code>`,
      v.value === v.name ? html`` : literal(v.value),
      html`${deprecationMark(v.deprecation)}${prose(v.description)}`,
    ]),
  );
  return item('enums', e.name, html`${heading(e)}${prose(e.description)}${values}`);
}

function unionBlock(service: Service, u: Union): Html {
  const path = `unions/${u.name}`;
  const tag = u.discriminator
    ? html`<p>Discriminator: <code>${text(u.discriminator)}</code></p>`
    : html`<p class="muted">No discriminator: each member is wrapped as an object keyed by its type.</p>`;
  const members = table(
    `Members of ${u.name}`,
    ['Type', 'Discriminator value', 'Description'],
    u.types.map((m) => [
      html`<span id="${idAttr(`${path}/types/${m.type.kind === 'primitive' || m.type.kind === 'list' || m.type.kind === 'map' ? m.discriminatorValue : m.type.name}`)}">${typeLink(m.type, service)}</span>${m.default ? html` <span class="mark">default</span>` : undefined}`,
      literal(m.discriminatorValue),
      html`${deprecationMark(m.deprecation)}${prose(m.description)}`,
    ]),
  );
  return item('unions', u.name, html`${heading(u)}${prose(u.description)}${tag}${members}`);
}
