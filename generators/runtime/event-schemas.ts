/**
 * Validation of events against the spec: a generated `events.ts` embeds the JSON Schemas of its
 * unions (the ones the routes validate bodies with) and gets one validator per union here. Each
 * compiles on first use, so a module with many unions costs nothing until an event goes through.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import type { EventProblem, EventValidator } from './events.js';

type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats: FormatsPlugin =
  (formatsModule as unknown as { default?: FormatsPlugin }).default ??
  (formatsModule as unknown as FormatsPlugin);

const ajvs = new WeakMap<object, Ajv>();

/** One Ajv per schema document, shared by the validators of its unions. */
function ajvFor(schemas: object): Ajv {
  let ajv = ajvs.get(schemas);
  if (!ajv) {
    // useDefaults: a handler sees the defaults the spec promises, as the routes' services do.
    ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true });
    addFormats(ajv);
    ajv.addSchema(schemas, 'canon');
    ajvs.set(schemas, ajv);
  }
  return ajv;
}

const escapePointer = (token: string) => token.replaceAll('~', '~0').replaceAll('/', '~1');

/** Ajv's errors as problems; the `if`/`then` wrappers of a union branch add nothing, so they go. */
function problemsOf(errors: readonly ErrorObject[]): EventProblem[] {
  return errors
    .filter((e) => e.keyword !== 'if')
    .map((e) => {
      const missing =
        e.keyword === 'required' ? (e.params as { missingProperty: string }).missingProperty : undefined;
      const path = `${e.instancePath}${missing === undefined ? '' : `/${escapePointer(missing)}`}`;
      return {
        code: e.keyword,
        path,
        message: missing === undefined ? (e.message ?? 'is invalid') : 'is required',
      };
    });
}

/**
 * The validator of one union: `root` is the union's schema (a `$ref` into `schemas`).
 *
 * @example const validateUserEvent = eventValidator(SCHEMAS, { $ref: 'canon#/$defs/user.v0.unions.user_event' });
 */
export function eventValidator(schemas: object, root: object): EventValidator {
  let compiled: ValidateFunction | undefined;
  return (event) => {
    compiled ??= ajvFor(schemas).compile(root);
    return compiled(event) ? [] : problemsOf(compiled.errors ?? []);
  };
}
