import { pointer } from '../diagnostic.js';
import type { Interface } from '../ir.js';
import { sameType } from '../type-ref.js';
import { display, fallback, type ValidationContext } from './context.js';
import { fieldOwners, fieldPath } from './walk.js';

/**
 * `unknown-interface`: models and unions may only list interfaces that exist. Interface
 * conformance for models: every field of each listed interface must be repeated with the same
 * type (`interface-field-type-mismatch`) and required-ness (`interface-field-required-mismatch`);
 * a missing one is `interface-field-missing`.
 */
export function checkInterfaces(ctx: ValidationContext): void {
  const find = (name: string, label: string, path: () => string): Interface | undefined => {
    const found = ctx.resolveInterfaceName(name);
    if (typeof found === 'string') {
      ctx.report(
        'unknown-interface',
        path(),
        `${label} Interface[${display(name)}] not found: ${found}. Define it or fix the name.`,
      );
      return undefined;
    }
    return found.kind === 'interface' ? found.definition : undefined;
  };

  for (const union of ctx.service.unions) {
    union.interfaces.forEach((name, i) => {
      find(name, `Union[${display(union.name)}]`, () =>
        pointer(ctx.at(union, fallback.union(union)), 'interfaces', i),
      );
    });
  }
  for (const owner of fieldOwners(ctx)) {
    const model = owner.element;
    if (!('interfaces' in model)) continue;
    model.interfaces.forEach((name, i) => {
      const definition = find(name, owner.label, () => pointer(owner.path(), 'interfaces', i));
      if (definition === undefined) return;
      const fields = new Map(model.fields.map((f, index) => [f.name, { field: f, index }]));
      for (const expected of definition.fields) {
        const found = fields.get(expected.name);
        const prefix = `${owner.label} field '${display(expected.name)}'`;
        if (found === undefined) {
          ctx.report(
            'interface-field-missing',
            pointer(owner.path(), 'interfaces', i),
            `${owner.label} missing field '${display(expected.name)}' as defined in the interface '${display(definition.name)}'. Add the field to the model.`,
          );
          continue;
        }
        const path = () => fieldPath(ctx, owner, found.field, found.index);
        if (!sameType(expected.type, found.field.type)) {
          ctx.report(
            'interface-field-type-mismatch',
            pointer(path(), 'type'),
            `${prefix} type '${ctx.show(found.field.type)}' is invalid. Must match the '${display(definition.name)}' interface which defines this field as type '${ctx.show(expected.type)}'.`,
          );
        }
        if (expected.required !== found.field.required) {
          const want = expected.required ? 'required' : 'optional';
          ctx.report(
            'interface-field-required-mismatch',
            pointer(path(), 'required'),
            `${prefix} cannot be ${expected.required ? 'optional' : 'required'}. Must match the '${display(definition.name)}' interface which defines this field as ${want}.`,
          );
        }
      }
    });
  }
}
