import { pointer } from '../diagnostic.js';
import type { Field, Interface } from '../ir.js';
import { sameType } from '../type-ref.js';
import { display, OPAQUE, type ValidationContext } from './context.js';
import {
  eachFieldOwner,
  type FieldOwner,
  fieldPath,
  type OwnerKind,
  ownerLabel,
  ownerPath,
  unionPath,
} from './walk.js';

/**
 * `unknown-interface`: models and unions may only list interfaces that exist. Interface
 * conformance for models: every field of each listed interface must be repeated with the same
 * type (`interface-field-type-mismatch`) and required-ness (`interface-field-required-mismatch`);
 * a missing one is `interface-field-missing`.
 */
export function checkInterfaces(ctx: ValidationContext): void {
  const { unions } = ctx.service;
  for (let u = 0; u < unions.length; u++) {
    const union = unions[u]!;
    const names = union.interfaces;
    for (let i = 0; i < names.length; i++) {
      const found = ctx.resolveInterfaceName(names[i]!);
      if (typeof found === 'string') {
        const path = pointer(unionPath(ctx, union), 'interfaces', i);
        reportUnknown(ctx, `Union[${display(union.name)}]`, names[i]!, found, path);
      }
    }
  }
  eachFieldOwner(ctx.service, (owner, kind) => {
    if (!('interfaces' in owner)) return;
    const names = owner.interfaces;
    // The model's fields by name (the last of a repeated name wins), for long field lists only.
    let byName: Map<string, number> | undefined;
    for (let i = 0; i < names.length; i++) {
      const found = ctx.resolveInterfaceName(names[i]!);
      if (typeof found === 'string') {
        const path = pointer(ownerPath(ctx, owner, kind), 'interfaces', i);
        reportUnknown(ctx, ownerLabel(owner, kind), names[i]!, found, path);
        continue;
      }
      if (found === OPAQUE) continue;
      const definition = found;
      if (owner.fields.length > LONG_FIELD_LIST && byName === undefined) {
        byName = new Map();
        for (let f = 0; f < owner.fields.length; f++) byName.set(owner.fields[f]!.name, f);
      }
      for (let f = 0; f < definition.fields.length; f++) {
        const expected = definition.fields[f]!;
        const index =
          byName === undefined ? lastIndexOf(owner.fields, expected.name) : byName.get(expected.name);
        if (index === undefined || index < 0) {
          ctx.report(
            'interface-field-missing',
            pointer(ownerPath(ctx, owner, kind), 'interfaces', i),
            `${ownerLabel(owner, kind)} missing field '${display(expected.name)}' as defined in the interface '${display(definition.name)}'. Add the field to the model.`,
          );
          continue;
        }
        checkField(ctx, owner, kind, index, expected, definition);
      }
    }
  });
}

/** Above this many fields a model's fields are looked up through a Map rather than scanned. */
const LONG_FIELD_LIST = 32;

function lastIndexOf(fields: readonly Field[], name: string): number {
  for (let i = fields.length - 1; i >= 0; i--) if (fields[i]!.name === name) return i;
  return -1;
}

function reportUnknown(ctx: ValidationContext, label: string, name: string, why: string, path: string): void {
  ctx.report(
    'unknown-interface',
    path,
    `${label} Interface[${display(name)}] not found: ${why}. Define it or fix the name.`,
  );
}

/** Field `index` of `owner` against the field of the same name that `definition` declares. */
function checkField(
  ctx: ValidationContext,
  owner: FieldOwner,
  kind: OwnerKind,
  index: number,
  expected: Field,
  definition: Interface,
): void {
  const field = owner.fields[index]!;
  const typeMismatch = !sameType(expected.type, field.type);
  const requiredMismatch = expected.required !== field.required;
  if (!typeMismatch && !requiredMismatch) return;
  const prefix = `${ownerLabel(owner, kind)} field '${display(expected.name)}'`;
  const path = fieldPath(ctx, owner, kind, index);
  if (typeMismatch) {
    ctx.report(
      'interface-field-type-mismatch',
      pointer(path, 'type'),
      `${prefix} type '${ctx.show(field.type)}' is invalid. Must match the '${display(definition.name)}' interface which defines this field as type '${ctx.show(expected.type)}'.`,
    );
  }
  if (requiredMismatch) {
    const want = expected.required ? 'required' : 'optional';
    ctx.report(
      'interface-field-required-mismatch',
      pointer(path, 'required'),
      `${prefix} cannot be ${expected.required ? 'optional' : 'required'}. Must match the '${display(definition.name)}' interface which defines this field as ${want}.`,
    );
  }
}
