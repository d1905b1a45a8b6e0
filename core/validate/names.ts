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
  // Names repeat (every model has an `id`): judge each distinct name once, and build labels and
  // pointers only for the names that fail.
  const judged = new Map<string, string | null>();
  const problemOf = (name: string): string | null => {
    let problem = judged.get(name);
    if (problem === undefined) {
      problem = nameProblem(name) ?? null;
      judged.set(name, problem);
    }
    return problem;
  };
  const report = (label: string, name: string, problem: string, path: string, severity?: 'warning') => {
    ctx.report(
      'invalid-name',
      path,
      `${label} name[${display(name)}] ${problem}. Rename it, e.g. to snake_case.`,
      severity,
    );
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
    const ownerProblem = problemOf(owner.element.name);
    if (ownerProblem !== null)
      report(
        'interfaces' in owner.element ? 'Model' : 'Interface',
        owner.element.name,
        ownerProblem,
        owner.path(),
      );
    const fields = owner.element.fields;
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!;
      // Blank field and value names are reported by the structure check.
      if (field.name.trim() === '') continue;
      const problem = problemOf(field.name);
      if (problem !== null)
        report(`${owner.label} Field`, field.name, problem, pointer(fieldPath(ctx, owner, field, i), 'name'));
    }
  }
  for (const e of service.enums) {
    const problem = problemOf(e.name);
    if (problem !== null) report('Enum', e.name, problem, ctx.at(e, fallback.enum(e)));
    // A warning only: older specs (and exports of them) carry values such as "Not Yet", and the
    // wire `value` is what clients see; generators make identifiers of any name.
    e.values.forEach((value, i) => {
      const valueProblem = value.name.trim() === '' ? null : problemOf(value.name);
      if (valueProblem === null) return;
      const path = pointer(ctx.at(value, pointer(ctx.at(e, fallback.enum(e)), 'values', i)), 'name');
      report(`Enum[${display(e.name)}] value`, value.name, valueProblem, path, 'warning');
    });
  }
  for (const u of service.unions) {
    const path = () => ctx.at(u, fallback.union(u));
    const problem = problemOf(u.name);
    if (problem !== null) report('Union', u.name, problem, path());
    const discriminatorProblem = u.discriminator === undefined ? null : problemOf(u.discriminator);
    if (u.discriminator !== undefined && discriminatorProblem !== null) {
      report(
        `Union[${display(u.name)}] discriminator`,
        u.discriminator,
        discriminatorProblem,
        pointer(path(), 'discriminator'),
      );
    }
    u.types.forEach((member, i) => {
      // An empty value comes from a member whose type the parser already reported.
      if (member.discriminatorValue === '') return;
      const valueProblem = problemOf(member.discriminatorValue);
      if (valueProblem === null) return;
      // A defaulted discriminator value is the member's type name: point at what the spec wrote.
      const written =
        'name' in member.type && member.type.name === member.discriminatorValue
          ? 'type'
          : 'discriminator_value';
      report(
        `Union[${display(u.name)}] type[${ctx.show(member.type)}] discriminator_value`,
        member.discriminatorValue,
        valueProblem,
        pointer(ctx.at(member, pointer(path(), 'types', i)), written),
      );
    });
  }
  for (const annotation of service.annotations) {
    const problem = problemOf(annotation.name);
    if (problem !== null)
      report(
        'Annotation',
        annotation.name,
        problem,
        ctx.at(annotation, pointer('', 'annotations', annotation.name)),
      );
  }
}
