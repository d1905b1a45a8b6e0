import { pointer } from '../diagnostic.js';
import { display, fallback, type ValidationContext } from './context.js';
import { fieldOwners, fieldPath } from './walk.js';

const ALLOWED = /^[a-zA-Z0-9_.-]*$/;
const STARTS_WELL = /^(?:[a-zA-Z]|_.)/;

/**
 * What is wrong with a name, in API Builder's words, or undefined when it is fine. Names may
 * contain a-z, A-Z, 0-9, `-`, `_` and `.`, and start with a letter (or `_` and more).
 */
export function nameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'cannot be empty';
  const problems: string[] = [];
  if (!ALLOWED.test(name)) problems.push('can only contain a-z, A-Z, 0-9, - and _ characters');
  if (!STARTS_WELL.test(name)) problems.push('must start with a letter');
  return problems.length === 0 ? undefined : problems.join(' and ');
}

/** `invalid-name`: type, field, enum value, discriminator and annotation names. */
export function checkNames(ctx: ValidationContext): void {
  const check = (label: string, name: string, path: () => string, severity?: 'warning') => {
    const problem = nameProblem(name);
    if (problem !== undefined) {
      ctx.report(
        'invalid-name',
        path(),
        `${label} name[${display(name)}] ${problem}. Rename it, e.g. to snake_case.`,
        severity,
      );
    }
  };
  const { service } = ctx;
  if (!STARTS_WELL.test(service.name)) {
    ctx.report(
      'invalid-name',
      '/name',
      `Name[${display(service.name)}] must start with a letter. Rename the service.`,
    );
  }
  for (const owner of fieldOwners(ctx)) {
    check(owner.label.split('[')[0]!, owner.element.name, () => pointer(owner.path()));
    owner.element.fields.forEach((field, i) => {
      check(`${owner.label} Field`, field.name, () => pointer(fieldPath(ctx, owner, field, i), 'name'));
    });
  }
  for (const e of service.enums) {
    const path = () => ctx.at(e, fallback.enum(e));
    check('Enum', e.name, path);
    // A warning only: older specs (and exports of them) carry values such as "Not Yet", and the
    // wire `value` is what clients see; generators make identifiers of any name.
    e.values.forEach((value, i) => {
      const at = () => pointer(ctx.at(value, pointer(path(), 'values', i)), 'name');
      check(`Enum[${display(e.name)}] value`, value.name, at, 'warning');
    });
  }
  for (const u of service.unions) {
    const path = () => ctx.at(u, fallback.union(u));
    check('Union', u.name, path);
    if (u.discriminator !== undefined) {
      check(`Union[${display(u.name)}] discriminator`, u.discriminator, () =>
        pointer(path(), 'discriminator'),
      );
    }
    u.types.forEach((member, i) => {
      // A defaulted discriminator value is the member's type name: point at what the spec wrote.
      const written =
        'name' in member.type && member.type.name === member.discriminatorValue
          ? 'type'
          : 'discriminator_value';
      check(
        `Union[${display(u.name)}] type[${ctx.show(member.type)}] discriminator_value`,
        member.discriminatorValue,
        () => pointer(ctx.at(member, pointer(path(), 'types', i)), written),
      );
    });
  }
  for (const annotation of service.annotations) {
    check('Annotation', annotation.name, () =>
      ctx.at(annotation, pointer('', 'annotations', annotation.name)),
    );
  }
}
