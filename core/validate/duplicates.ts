import { pointer } from '../diagnostic.js';
import type { Enum, Interface, Model, Union } from '../ir.js';
import { display, fallback, type ValidationContext } from './context.js';
import { type FieldOwner, fieldOwners, fieldPath } from './walk.js';

const KIND_LABEL = {
  model: 'a model',
  enum: 'an enum',
  union: 'a union',
  interface: 'an interface',
} as const;

/**
 * `duplicate-type-name`: model, enum, union and interface names share one space, compared without
 * case (a union may share its name with an interface it lists). `duplicate-field`,
 * `duplicate-enum-value` (names and wire values), `duplicate-annotation` (declarations).
 * Each duplicate is reported where it appears again.
 */
export function checkDuplicates(ctx: ValidationContext): void {
  const { service } = ctx;
  const seen = new Map<string, keyof typeof KIND_LABEL>();
  const interfaceNames = new Set(service.interfaces.map((i) => i.name));
  const check = (
    kind: keyof typeof KIND_LABEL,
    element: Model | Enum | Union | Interface,
    path: () => string,
  ) => {
    const key = element.name.trim().toLowerCase();
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, kind);
      return;
    }
    const english =
      first === kind
        ? `${KIND_LABEL[first]} type more than once`
        : `both ${KIND_LABEL[first]} and ${KIND_LABEL[kind]} type`;
    const hint =
      kind === 'union' && first === 'interface'
        ? ` If the union extends the interface, list '${display(element.name)}' in the union's interfaces.`
        : '';
    ctx.report(
      'duplicate-type-name',
      path(),
      `Name[${display(element.name)}] cannot be used as the name of ${english}. Rename one of them.${hint}`,
    );
  };
  for (const i of service.interfaces) check('interface', i, () => ctx.at(i, fallback.interface(i)));
  for (const m of service.models) check('model', m, () => ctx.at(m, fallback.model(m)));
  for (const e of service.enums) check('enum', e, () => ctx.at(e, fallback.enum(e)));
  for (const u of service.unions) {
    if (interfaceNames.has(u.name) && u.interfaces.includes(u.name)) continue;
    check('union', u, () => ctx.at(u, fallback.union(u)));
  }

  // One map for all owners (field name → the owner that last used it) instead of a set per model.
  const lastOwner = new Map<string, FieldOwner>();
  for (const owner of fieldOwners(ctx)) {
    const fields = owner.element.fields;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      if (lastOwner.get(field.name) === owner) {
        ctx.report(
          'duplicate-field',
          fieldPath(ctx, owner, field, i),
          `${owner.label} field[${display(field.name)}] appears more than once. Remove or rename one.`,
        );
      }
      lastOwner.set(field.name, owner);
    }
  }

  for (const e of service.enums) {
    const names = new Set<string>();
    const values = new Set<string>();
    e.values.forEach((value, i) => {
      if (!names.has(value.name) && !values.has(value.value)) {
        names.add(value.name);
        values.add(value.value);
        return;
      }
      const path = () => ctx.at(value, pointer(ctx.at(e, fallback.enum(e)), 'values', i));
      if (names.has(value.name)) {
        ctx.report(
          'duplicate-enum-value',
          path(),
          `Enum[${display(e.name)}] value[${display(value.name)}] appears more than once. Remove or rename one.`,
        );
      } else if (values.has(value.value)) {
        ctx.report(
          'duplicate-enum-value',
          path(),
          `Enum[${display(e.name)}] value[${display(value.name)}] uses the wire value '${display(value.value)}' of another value. Give each value its own "value".`,
        );
      }
      names.add(value.name);
      values.add(value.value);
    });
  }

  const annotations = new Set<string>();
  for (const annotation of service.annotations) {
    if (annotations.has(annotation.name)) {
      ctx.report(
        'duplicate-annotation',
        ctx.at(annotation, pointer('', 'annotations', annotation.name)),
        `Annotation[${display(annotation.name)}] appears more than once. Remove one.`,
      );
    }
    annotations.add(annotation.name);
  }
}
