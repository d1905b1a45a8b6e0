import type { Field } from '../../ir.js';
import { type AnyDiffRule, added, both, type Pair, removed, rule, type Verdict } from '../rule.js';
import { deprecatedRemoval } from './lifecycle.js';
import { typeVerdict } from './service-rules.js';

/** The field's nullability changed to `nullable`. Absent and `null` are different on the wire. */
function nullability(pair: Pair<Field>, nullable: boolean): Verdict | undefined {
  const sides = both(pair);
  if (!sides || (sides[0].nullable === true) === (sides[1].nullable === true)) return undefined;
  if ((sides[1].nullable === true) !== nullable) return undefined;
  return nullable
    ? { message: `${pair.label} may now be null`, before: 'not nullable', after: 'nullable' }
    : { message: `${pair.label} may no longer be null`, before: 'nullable', after: 'not nullable' };
}

const needsValue = (f: { required: boolean; default?: string }) => f.required && f.default === undefined;

/**
 * Fields of models and interfaces. The verdict depends on the owning type's usage: a type clients
 * send (request) or receive (response); a type used both ways gets the stricter of the two.
 */
export const fieldRules: AnyDiffRule[] = [
  rule({
    id: 'field-added',
    level: 'info',
    description:
      'A field was added that no client has to send: optional, defaulted, or on a type clients only receive.',
    elements: ['field'],
    check(pair) {
      const field = added(pair);
      return field && !(pair.usage.input && needsValue(field))
        ? { message: `${pair.label} was added` }
        : undefined;
    },
  }),
  rule({
    id: 'request-field-added-required',
    level: 'breaking',
    description:
      'A required field without a default was added to a type clients send: their existing requests lack it.',
    elements: ['field'],
    check(pair) {
      const field = added(pair);
      return field && pair.usage.input && needsValue(field)
        ? { message: `${pair.label} was added as required` }
        : undefined;
    },
  }),
  rule({
    id: 'response-field-removed',
    level: 'breaking',
    description: 'A field was removed from a type clients receive: code that reads it breaks.',
    elements: ['field'],
    check: (pair) =>
      removed(pair) && !pair.deprecated && pair.usage.output
        ? { message: `${pair.label} was removed` }
        : undefined,
  }),
  rule({
    id: 'request-field-removed',
    level: 'warning',
    description: 'A field was removed from a type clients only send: what they still send is ignored.',
    elements: ['field'],
    check: (pair) =>
      removed(pair) && !pair.deprecated && !pair.usage.output
        ? { message: `${pair.label} was removed; clients that still send it are ignored` }
        : undefined,
  }),
  deprecatedRemoval('field', 'field'),
  rule({
    id: 'request-field-became-required',
    level: 'breaking',
    description: 'An optional field of a type clients send became required without a default.',
    elements: ['field'],
    check(pair) {
      const sides = both(pair);
      return sides && !sides[0].required && needsValue(sides[1]) && pair.usage.input
        ? { message: `${pair.label} became required`, before: 'optional', after: 'required' }
        : undefined;
    },
  }),
  rule({
    id: 'field-became-required',
    level: 'info',
    description:
      'A field became required where that costs clients nothing: it has a default, or clients only receive it.',
    elements: ['field'],
    check(pair) {
      const sides = both(pair);
      return sides && !sides[0].required && sides[1].required && !(pair.usage.input && needsValue(sides[1]))
        ? { message: `${pair.label} became required`, before: 'optional', after: 'required' }
        : undefined;
    },
  }),
  rule({
    id: 'response-field-became-optional',
    level: 'breaking',
    description: 'A field of a type clients receive became optional: code that expects it present breaks.',
    elements: ['field'],
    check(pair) {
      const sides = both(pair);
      if (!sides) return undefined;
      return sides[0].required && !sides[1].required && pair.usage.output
        ? { message: `${pair.label} became optional`, before: 'required', after: 'optional' }
        : undefined;
    },
  }),
  rule({
    id: 'field-became-optional',
    level: 'info',
    description: 'A field of a type clients only send became optional.',
    elements: ['field'],
    check(pair) {
      const sides = both(pair);
      if (!sides) return undefined;
      return sides[0].required && !sides[1].required && !pair.usage.output
        ? { message: `${pair.label} became optional`, before: 'required', after: 'optional' }
        : undefined;
    },
  }),
  rule({
    id: 'response-field-became-nullable',
    level: 'breaking',
    description:
      'A field clients receive may now be null: code that reads it as a value breaks on null (oasdiff: response-property-became-nullable).',
    elements: ['field'],
    check: (pair) => (pair.usage.output ? nullability(pair, true) : undefined),
  }),
  rule({
    id: 'field-became-nullable',
    level: 'info',
    description: 'A field clients only send may now be null: what they send is still valid.',
    elements: ['field'],
    check: (pair) => (!pair.usage.output ? nullability(pair, true) : undefined),
  }),
  rule({
    id: 'request-field-became-not-nullable',
    level: 'breaking',
    description:
      'A field clients send may no longer be null: requests that send null are rejected (oasdiff: request-property-became-not-nullable).',
    elements: ['field'],
    check: (pair) => (pair.usage.input ? nullability(pair, false) : undefined),
  }),
  rule({
    id: 'field-became-not-nullable',
    level: 'info',
    description: 'A field clients only receive may no longer be null: they simply stop seeing null.',
    elements: ['field'],
    check: (pair) => (!pair.usage.input ? nullability(pair, false) : undefined),
  }),
  rule({
    id: 'field-type-changed',
    level: 'breaking',
    description:
      "A field's type changed to one that neither accepts nor fits within the old one (string to integer, T to [T], one model to another).",
    elements: ['field'],
    check: (pair) => typeVerdict(pair, both(pair), ['changed']),
  }),
  rule({
    id: 'response-field-type-widened',
    level: 'breaking',
    description:
      'A field clients receive was widened (integer to long, an enum to string): they may get values their types cannot hold.',
    elements: ['field'],
    check: (pair) => (pair.usage.output ? typeVerdict(pair, both(pair), ['widened']) : undefined),
  }),
  rule({
    id: 'field-type-widened',
    level: 'info',
    description: 'A field clients only send was widened: every value they send is still valid.',
    elements: ['field'],
    check: (pair) => (!pair.usage.output ? typeVerdict(pair, both(pair), ['widened']) : undefined),
  }),
  rule({
    id: 'request-field-type-narrowed',
    level: 'breaking',
    description:
      'A field clients send was narrowed (long to integer, string to uuid): values they send may be rejected.',
    elements: ['field'],
    check: (pair) => (pair.usage.input ? typeVerdict(pair, both(pair), ['narrowed']) : undefined),
  }),
  rule({
    id: 'field-type-narrowed',
    level: 'info',
    description: 'A field clients only receive was narrowed: every value still fits their types.',
    elements: ['field'],
    check: (pair) => (!pair.usage.input ? typeVerdict(pair, both(pair), ['narrowed']) : undefined),
  }),
  rule({
    id: 'field-annotation-added',
    level: 'info',
    description: 'A field gained an annotation (such as personal_data).',
    elements: ['field'],
    check(pair) {
      const sides = both(pair);
      if (!sides) return undefined;
      return sides[1].annotations
        .filter((a) => !sides[0].annotations.includes(a))
        .map((a) => ({ message: `${pair.label} gained annotation '${a}'`, after: a }));
    },
  }),
  rule({
    id: 'field-annotation-removed',
    level: 'warning',
    description:
      'A field lost an annotation: tools that handle annotated data (for example personal data) stop treating it specially.',
    elements: ['field'],
    check(pair) {
      const sides = both(pair);
      if (!sides) return undefined;
      return sides[0].annotations
        .filter((a) => !sides[1].annotations.includes(a))
        .map((a) => ({ message: `${pair.label} lost annotation '${a}'`, before: a }));
    },
  }),
];
