import { pointer } from '../diagnostic.js';
import type { NamedKind, Union } from '../ir.js';
import { type Definition, display, type ValidationContext } from './context.js';
import { firstOccurrences, mix, mixText, SEED } from './first-occurrences.js';
import { ShortListSet } from './short-list-set.js';
import { definitionPath, eachFieldOwner, enumValuePath, fieldPath, ownerLabel } from './walk.js';

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
  checkTypeNames(ctx);
  checkFields(ctx);
  checkEnumValues(ctx);
  checkAnnotationDeclarations(ctx);
}

function checkTypeNames(ctx: ValidationContext): void {
  const { service } = ctx;
  // Interfaces, models, enums and unions in one list; their kinds follow from the boundaries.
  const definitions: Definition[] = [];
  const ends: number[] = [];
  for (const list of [service.interfaces, service.models, service.enums, service.unions]) {
    for (let i = 0; i < list.length; i++) definitions.push(list[i]!);
    ends.push(definitions.length);
  }
  const kindAt = (k: number): NamedKind => KINDS[ends.findIndex((end) => k < end)]!;
  // A union may share its name with an interface it extends: such a union takes no part.
  const exempt = (k: number): boolean => {
    if (k < ends[2]!) return false;
    const { name, interfaces } = definitions[k] as Union;
    return interfaces.includes(name) && service.interfaces.some((i) => i.name === name);
  };
  const firstOf = firstOccurrences(
    definitions.length,
    (k) => foldedNameHash(definitions[k]!.name),
    (k, j) =>
      !exempt(k) && !exempt(j) && foldedName(definitions[k]!.name) === foldedName(definitions[j]!.name),
  );
  for (let k = 0; k < definitions.length; k++) {
    const f = firstOf[k]!;
    if (f === -1 || exempt(k)) continue;
    const first = kindAt(f);
    const kind = kindAt(k);
    const { name } = definitions[k]!;
    const english =
      first === kind
        ? `${KIND_LABEL[first]} type more than once`
        : `both ${KIND_LABEL[first]} and ${KIND_LABEL[kind]} type`;
    const hint =
      kind === 'union' && first === 'interface'
        ? ` If the union extends the interface, list '${display(name)}' in the union's interfaces.`
        : '';
    ctx.report(
      'duplicate-type-name',
      definitionPath(ctx, kind, definitions[k]!),
      `Name[${display(name)}] cannot be used as the name of ${english}. Rename one of them.${hint}`,
    );
  }
}

const KINDS = ['interface', 'model', 'enum', 'union'] as const;

/** The key type names are compared by: without case and surrounding space. */
function foldedName(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * A hash of {@link foldedName}, mixed from the name's characters without building the key when the
 * name is ASCII (nearly always); other names build it, as their case folding is Unicode's.
 */
function foldedNameHash(name: string): number {
  let start = 0;
  let end = name.length;
  while (start < end && isAsciiSpace(name.charCodeAt(start))) start++;
  while (end > start && isAsciiSpace(name.charCodeAt(end - 1))) end--;
  let hash = SEED;
  for (let i = start; i < end; i++) {
    const c = name.charCodeAt(i);
    if (c > 0x7f) return mixText(SEED, foldedName(name));
    hash = mix(hash, c >= 0x41 && c <= 0x5a ? c + 0x20 : c);
  }
  return hash;
}

/** The ASCII characters `trim` removes: tab, line feed, vertical tab, form feed, carriage return, space. */
function isAsciiSpace(c: number): boolean {
  return (c >= 0x09 && c <= 0x0d) || c === 0x20;
}

function checkFields(ctx: ValidationContext): void {
  const names = new ShortListSet();
  eachFieldOwner(ctx.service, (owner, kind) => {
    names.clear();
    const { fields } = owner;
    for (let i = 0; i < fields.length; i++) {
      const { name } = fields[i]!;
      if (names.has(name)) {
        ctx.report(
          'duplicate-field',
          fieldPath(ctx, owner, kind, i),
          `${ownerLabel(owner, kind)} field[${display(name)}] appears more than once. Remove or rename one.`,
        );
      }
      names.add(name);
    }
  });
}

function checkEnumValues(ctx: ValidationContext): void {
  const names = new ShortListSet();
  const wireValues = new ShortListSet();
  const { enums } = ctx.service;
  for (let k = 0; k < enums.length; k++) {
    const e = enums[k]!;
    names.clear();
    wireValues.clear();
    const { values } = e;
    for (let i = 0; i < values.length; i++) {
      const { name, value } = values[i]!;
      if (names.has(name)) {
        ctx.report(
          'duplicate-enum-value',
          enumValuePath(ctx, e, i),
          `Enum[${display(e.name)}] value[${display(name)}] appears more than once. Remove or rename one.`,
        );
      } else if (wireValues.has(value)) {
        ctx.report(
          'duplicate-enum-value',
          enumValuePath(ctx, e, i),
          `Enum[${display(e.name)}] value[${display(name)}] uses the wire value '${display(value)}' of another value. Give each value its own "value".`,
        );
      }
      names.add(name);
      wireValues.add(value);
    }
  }
}

function checkAnnotationDeclarations(ctx: ValidationContext): void {
  const annotations = new Set<string>();
  for (const annotation of ctx.service.annotations) {
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
