/*
 * Canon's runtime for generated code, shared by the generated modules of this directory.
 * Do not edit: `canon generate` writes it again.
 */
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

interface Ajvs {
  /** Stops at the first error and fills in defaults: what every valid received event pays. */
  quick: Ajv;
  /** Lists every error: only invalid events pay it. */
  thorough: Ajv;
  /** Stops at the first error and changes nothing: a producer's check of the caller's object. */
  pure: Ajv;
}

const ajvs = new WeakMap<object, Ajvs>();

/** The Ajvs of a schema document, shared by the validators of its unions. */
function ajvFor(schemas: object): Ajvs {
  let found = ajvs.get(schemas);
  if (!found) {
    // useDefaults: a handler sees the defaults the spec promises, as the routes' services do.
    const make = (allErrors: boolean, useDefaults: boolean) => {
      const ajv = new Ajv({ allErrors, strict: false, useDefaults });
      addFormats(ajv);
      ajv.addSchema(schemas, 'canon');
      return ajv;
    };
    found = { quick: make(false, true), thorough: make(true, true), pure: make(false, false) };
    ajvs.set(schemas, found);
  }
  return found;
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
  let quick: ValidateFunction | undefined;
  let thorough: ValidateFunction | undefined;
  let pure: ValidateFunction | undefined;
  const validate = (event: unknown) => {
    quick ??= ajvFor(schemas).quick.compile(root);
    if (quick(event)) return [];
    thorough ??= ajvFor(schemas).thorough.compile(root);
    return thorough(event) ? [] : problemsOf(thorough.errors ?? []);
  };
  const accepts = (event: unknown) => {
    pure ??= ajvFor(schemas).pure.compile(root);
    return pure(event) === true;
  };
  return Object.assign(validate, { accepts });
}
