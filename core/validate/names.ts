import { pointer } from '../diagnostic.js';
import { display, type ValidationContext } from './context.js';
import {
  definitionPath,
  eachFieldOwner,
  enumValuePath,
  fieldPath,
  memberPath,
  ownerLabel,
  ownerPath,
  unionPath,
} from './walk.js';

const ALLOWED = /^[a-zA-Z0-9_.-]*$/;
const STARTS_WELL = /^(?:[a-zA-Z]|_.)/;

/**
 * What is wrong with a name, in API Builder's words, or undefined when it is fine. Names may
 * contain a-z, A-Z, 0-9, `-`, `_` and `.`, and start with a letter (or `_` and more).
 */
export function nameProblem(name: string): string | undefined {
  if (isPlainName(name)) return undefined;
  if (name.trim() === '') return 'cannot be empty';
  const problems: string[] = [];
  if (!ALLOWED.test(name)) problems.push('can only contain a-z, A-Z, 0-9, - and _ characters');
  if (!STARTS_WELL.test(name)) problems.push('must start with a letter');
  return problems.length === 0 ? undefined : problems.join(' and ');
}

/**
 * The names that pass both expressions above, recognized by one scan of their characters: a spec
 * has thousands of names and nearly all of them are plain.
 */
function isPlainName(name: string): boolean {
  const { length } = name;
  if (length === 0) return false;
  const first = name.charCodeAt(0);
  if (!isLetter(first) && !(first === UNDERSCORE && length > 1)) return false;
  for (let i = 1; i < length; i++) {
    const c = name.charCodeAt(i);
    if (!isLetter(c) && !(c >= DIGIT_0 && c <= DIGIT_9) && c !== UNDERSCORE && c !== DOT && c !== HYPHEN)
      return false;
  }
  return true;
}

const UNDERSCORE = 0x5f;
const DOT = 0x2e;
const HYPHEN = 0x2d;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** `invalid-name`: type, field, enum value, discriminator and annotation names. */
export function checkNames(ctx: ValidationContext): void {
  const { service } = ctx;
  if (!STARTS_WELL.test(service.name)) {
    ctx.report(
      'invalid-name',
      '/name',
      `Name[${display(service.name)}] must start with a letter. Rename the service.`,
    );
  }
  eachFieldOwner(service, (owner, kind) => {
    const ownerProblem = nameProblem(owner.name);
    if (ownerProblem !== undefined) {
      const label = 'interfaces' in owner ? 'Model' : 'Interface';
      report(ctx, label, owner.name, ownerProblem, ownerPath(ctx, owner, kind));
    }
    const { fields } = owner;
    for (let i = 0; i < fields.length; i++) {
      const { name } = fields[i]!;
      const problem = nameProblem(name);
      // Blank field and value names are reported by the structure check.
      if (problem === undefined || name.trim() === '') continue;
      const path = pointer(fieldPath(ctx, owner, kind, i), 'name');
      report(ctx, `${ownerLabel(owner, kind)} Field`, name, problem, path);
    }
  });
  for (let k = 0; k < service.enums.length; k++) {
    const e = service.enums[k]!;
    const problem = nameProblem(e.name);
    if (problem !== undefined) report(ctx, 'Enum', e.name, problem, definitionPath(ctx, 'enum', e));
    // A warning only: older specs (and exports of them) carry values such as "Not Yet", and the
    // wire `value` is what clients see; generators make identifiers of any name.
    const { values } = e;
    for (let i = 0; i < values.length; i++) {
      const { name } = values[i]!;
      const valueProblem = nameProblem(name);
      if (valueProblem === undefined || name.trim() === '') continue;
      const path = pointer(enumValuePath(ctx, e, i), 'name');
      report(ctx, `Enum[${display(e.name)}] value`, name, valueProblem, path, 'warning');
    }
  }
  for (let k = 0; k < service.unions.length; k++) {
    const u = service.unions[k]!;
    const problem = nameProblem(u.name);
    if (problem !== undefined) report(ctx, 'Union', u.name, problem, unionPath(ctx, u));
    const { discriminator } = u;
    const discriminatorProblem = discriminator === undefined ? undefined : nameProblem(discriminator);
    if (discriminator !== undefined && discriminatorProblem !== undefined) {
      report(
        ctx,
        `Union[${display(u.name)}] discriminator`,
        discriminator,
        discriminatorProblem,
        pointer(unionPath(ctx, u), 'discriminator'),
      );
    }
    const members = u.types;
    for (let i = 0; i < members.length; i++) {
      const member = members[i]!;
      // An empty value comes from a member whose type the parser already reported.
      if (member.discriminatorValue === '') continue;
      const valueProblem = nameProblem(member.discriminatorValue);
      if (valueProblem === undefined) continue;
      // A defaulted discriminator value is the member's type name: point at what the spec wrote.
      const written =
        'name' in member.type && member.type.name === member.discriminatorValue
          ? 'type'
          : 'discriminator_value';
      report(
        ctx,
        `Union[${display(u.name)}] type[${ctx.show(member.type)}] discriminator_value`,
        member.discriminatorValue,
        valueProblem,
        pointer(memberPath(ctx, u, i), written),
      );
    }
  }
  for (const annotation of service.annotations) {
    const problem = nameProblem(annotation.name);
    if (problem !== undefined)
      report(
        ctx,
        'Annotation',
        annotation.name,
        problem,
        ctx.at(annotation, pointer('', 'annotations', annotation.name)),
      );
  }
}

function report(
  ctx: ValidationContext,
  label: string,
  name: string,
  problem: string,
  path: string,
  severity?: 'warning',
): void {
  ctx.report(
    'invalid-name',
    path,
    `${label} name[${display(name)}] ${problem}. Rename it, e.g. to snake_case.`,
    severity,
  );
}
