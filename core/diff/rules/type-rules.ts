import type { Attribute, Enum, Union } from '../../ir.js';
import { formatTypeRef } from '../../type-ref.js';
import { isInlineType } from '../inline-types.js';
import { type AnyDiffRule, added, both, type Pair, removed, rule, show } from '../rule.js';
import { deprecatedRemoval, lifecycleRules, removedAfterDeprecation } from './lifecycle.js';

/** A type with a name its document chose (not one Canon made up for an inline schema). */
const named = (pair: Pair<never>): boolean => {
  const t = removed(pair as Pair<{ attributes?: Attribute[] }>);
  return t !== undefined && !isInlineType(t);
};

const REMOVED_TYPE =
  'code and importers that refer to it by name no longer compile, and clients lose its values.';

/** Whether the enum an enum-value pair belongs to is extensible in the new version. */
const openAfter = (pair: Pair<unknown>): boolean =>
  (pair.parent?.after as Enum | undefined)?.extensible === true;

/** An enum that became extensible (`opened`) or closed, where `applies` holds for its usage. */
function extensibility(
  pair: Pair<Enum>,
  change: 'opened' | 'closed',
  applies: (usage: Pair<Enum>['usage']) => boolean,
): { message: string; before: string; after: string } | undefined {
  const sides = both(pair);
  if (!sides || !applies(pair.usage)) return undefined;
  const [before, after] = [sides[0].extensible === true, sides[1].extensible === true];
  if (before === after || after !== (change === 'opened')) return undefined;
  const words = (open: boolean) => (open ? 'extensible' : 'closed');
  return {
    message: `${pair.label} became ${words(after)}`,
    before: words(before),
    after: words(after),
  };
}

/** Enums, unions, interfaces and models, and the values and members inside enums and unions. */
export const typeRules: AnyDiffRule[] = [
  ...lifecycleRules('enum', 'enum', 'breaking', REMOVED_TYPE, named),
  ...lifecycleRules('union', 'union', 'breaking', REMOVED_TYPE, named),
  ...lifecycleRules('interface', 'interface', 'breaking', REMOVED_TYPE, named),
  ...lifecycleRules('model', 'model', 'breaking', REMOVED_TYPE, named),
  rule({
    id: 'inline-type-removed',
    level: 'info',
    description:
      'A type Canon had named after an inline OpenAPI schema is gone. Its name never crossed the wire and nothing could import it by a name it did not choose; where it was used reports its own change.',
    elements: ['enum', 'union', 'interface', 'model'],
    check: (pair) => {
      const t = removed(pair);
      return t && isInlineType(t) ? { message: `${pair.label} was removed` } : undefined;
    },
  }),

  rule({
    id: 'enum-value-added',
    level: 'info',
    description: 'A value was added to an enum clients only send.',
    elements: ['enum-value'],
    check: (pair) => (added(pair) && !pair.usage.output ? { message: `${pair.label} was added` } : undefined),
  }),
  rule({
    id: 'enum-value-added-to-output',
    level: 'warning',
    description: 'A value was added to an enum clients receive: exhaustive switches over it may break.',
    elements: ['enum-value'],
    check: (pair) =>
      added(pair) && pair.usage.output && !openAfter(pair)
        ? { message: `${pair.label} was added; clients may receive it` }
        : undefined,
  }),
  rule({
    id: 'extensible-enum-value-added',
    level: 'info',
    description:
      'A value was added to an extensible enum (`x-extensible-enum`) clients receive: they were told to expect values they do not know, as oasdiff holds.',
    elements: ['enum-value'],
    check: (pair) =>
      added(pair) && pair.usage.output && openAfter(pair)
        ? { message: `${pair.label} was added to an extensible enum` }
        : undefined,
  }),
  rule({
    id: 'enum-became-extensible',
    level: 'warning',
    description:
      'An enum clients receive became extensible (`x-extensible-enum`): from now on they may receive values it does not list.',
    elements: ['enum'],
    check: (pair) => extensibility(pair, 'opened', (usage) => usage.output),
  }),
  rule({
    id: 'enum-became-closed',
    level: 'breaking',
    description:
      'An extensible enum clients send became closed (`enum`): requests with values it does not list are now refused (oasdiff: x-extensible-enum values removed).',
    elements: ['enum'],
    check: (pair) => extensibility(pair, 'closed', (usage) => usage.input),
  }),
  rule({
    id: 'enum-extensibility-changed',
    level: 'info',
    description:
      'An enum became extensible where clients only send it, or closed where they only receive it: every value they exchange today still fits.',
    elements: ['enum'],
    check: (pair) =>
      extensibility(pair, 'opened', (usage) => !usage.output) ??
      extensibility(pair, 'closed', (usage) => !usage.input),
  }),
  rule({
    id: 'enum-value-removed',
    level: 'breaking',
    description: 'A value was removed from an enum clients send: requests that use it are rejected.',
    elements: ['enum-value'],
    check: (pair) =>
      removed(pair) && !pair.deprecated && pair.usage.input
        ? { message: `${pair.label} was removed` }
        : undefined,
  }),
  rule({
    id: 'enum-value-removed-from-output',
    level: 'info',
    description: 'A value was removed from an enum clients only receive: they simply stop seeing it.',
    elements: ['enum-value'],
    check: (pair) =>
      removed(pair) && !pair.usage.input
        ? { message: pair.deprecated ? removedAfterDeprecation(pair) : `${pair.label} was removed` }
        : undefined,
  }),
  deprecatedRemoval('enum-value', 'enum-value', (pair) => pair.usage.input),
  rule({
    id: 'enum-value-wire-changed',
    level: 'breaking',
    description: "An enum value's wire string (`value`) changed: the JSON on the wire is different.",
    elements: ['enum-value'],
    check(pair) {
      const sides = both(pair);
      if (!sides || sides[0].value === sides[1].value) return undefined;
      return {
        message: `${pair.label} wire value changed from ${show(sides[0].value)} to ${show(sides[1].value)}`,
        before: sides[0].value,
        after: sides[1].value,
      };
    },
  }),

  rule({
    id: 'union-discriminator-changed',
    level: 'breaking',
    description:
      "A union's discriminator was added, removed or renamed: the JSON shape of every member changes.",
    elements: ['union'],
    check(pair) {
      const sides = both(pair);
      if (!sides || sides[0].discriminator === sides[1].discriminator) return undefined;
      const [b, a] = [sides[0].discriminator, sides[1].discriminator];
      return {
        message: `${pair.label} discriminator changed from ${show(b)} to ${show(a)}`,
        ...(b !== undefined && { before: b }),
        ...(a !== undefined && { after: a }),
      };
    },
  }),
  rule({
    id: 'union-wire-form-changed',
    level: 'breaking',
    description:
      'A union without a discriminator switched between bare members (OpenAPI\'s oneOf/anyOf) and API Builder\'s wrapped form `{ "<type>": … }`: the JSON of every member changes.',
    elements: ['union'],
    check(pair) {
      const sides = both(pair);
      if (!sides || (sides[0].untagged === true) === (sides[1].untagged === true)) return undefined;
      if (sides[0].discriminator !== sides[1].discriminator) return undefined; // said by the rule above
      const form = (u: Union) => (u.untagged ? 'bare members' : 'wrapped members');
      return {
        message: `${pair.label} changed from ${form(sides[0])} to ${form(sides[1])} on the wire`,
        before: form(sides[0]),
        after: form(sides[1]),
      };
    },
  }),
  rule({
    id: 'union-default-added',
    level: 'info',
    description: 'A union gained a default member, used when the discriminator is missing.',
    elements: ['union'],
    check(pair) {
      const sides = both(pair);
      if (!sides) return undefined;
      const [b, a] = [defaultMember(sides[0]), defaultMember(sides[1])];
      return b === undefined && a !== undefined
        ? { message: `${pair.label} default member ${a} was added`, after: a }
        : undefined;
    },
  }),
  rule({
    id: 'union-default-changed',
    level: 'breaking',
    description:
      "A union's default member changed or was removed: messages without a discriminator now read differently or fail.",
    elements: ['union'],
    check(pair) {
      const sides = both(pair);
      if (!sides) return undefined;
      const [b, a] = [defaultMember(sides[0]), defaultMember(sides[1])];
      if (b === undefined || b === a) return undefined;
      return {
        message: `${pair.label} default member changed from ${b} to ${show(a)}`,
        before: b,
        ...(a !== undefined && { after: a }),
      };
    },
  }),

  rule({
    id: 'union-member-added',
    level: 'info',
    description: 'A member was added to a union clients only send.',
    elements: ['union-member'],
    check: (pair) => (added(pair) && !pair.usage.output ? { message: `${pair.label} was added` } : undefined),
  }),
  rule({
    id: 'union-member-added-to-output',
    level: 'warning',
    description:
      'A member was added to a union clients receive (or an event union): exhaustive consumers may break.',
    elements: ['union-member'],
    check: (pair) =>
      added(pair) && pair.usage.output
        ? { message: `${pair.label} was added; clients may receive it` }
        : undefined,
  }),
  rule({
    id: 'union-member-removed',
    level: 'breaking',
    description: 'A member was removed from a union clients send: requests using it are rejected.',
    elements: ['union-member'],
    check: (pair) =>
      removed(pair) && !pair.deprecated && pair.usage.input
        ? { message: `${pair.label} was removed` }
        : undefined,
  }),
  rule({
    id: 'union-member-removed-from-output',
    level: 'info',
    description: 'A member was removed from a union clients only receive.',
    elements: ['union-member'],
    check: (pair) =>
      removed(pair) && !pair.usage.input
        ? { message: pair.deprecated ? removedAfterDeprecation(pair) : `${pair.label} was removed` }
        : undefined,
  }),
  deprecatedRemoval('union-member', 'union-member', (pair) => pair.usage.input),
  rule({
    id: 'union-member-discriminator-value-changed',
    level: 'breaking',
    description: "A union member's discriminator value (its tag on the wire) changed.",
    elements: ['union-member'],
    check(pair) {
      const sides = both(pair);
      if (!sides || sides[0].discriminatorValue === sides[1].discriminatorValue) return undefined;
      return {
        message: `${pair.label} discriminator value changed from ${show(sides[0].discriminatorValue)} to ${show(sides[1].discriminatorValue)}`,
        before: sides[0].discriminatorValue,
        after: sides[1].discriminatorValue,
      };
    },
  }),
  rule({
    id: 'union-member-type-changed',
    level: 'breaking',
    description: 'The type behind a discriminator value changed: the same tag now carries another shape.',
    elements: ['union-member'],
    check(pair) {
      const sides = both(pair);
      if (!sides) return undefined;
      const b = formatTypeRef(sides[0].type, pair.namespaces.before);
      const a = formatTypeRef(sides[1].type, pair.namespaces.after);
      return b === a
        ? undefined
        : { message: `${pair.label} type changed from ${b} to ${a}`, before: b, after: a };
    },
  }),
];

function defaultMember(union: Union): string | undefined {
  const member = union.types.find((t) => t.default);
  return member?.discriminatorValue;
}
