/*
 * Canon's runtime for generated code, shared by the generated modules of this directory.
 * Do not edit: `canon generate` writes it again.
 */
/**
 * The runtime of Canon's generated Express routes: parameter coercion, body validation with Ajv,
 * sending results, and the one place errors become JSON. A generated `routes.ts` hands it one
 * escaped descriptor per operation; nothing from a spec is code here.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import formatsModule from 'ajv-formats';
import express, {
  type ErrorRequestHandler,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';

/** One problem with a request; error responses are `{ errors: RequestProblem[] }`. */
export interface RequestProblem {
  code: string;
  /** JSON pointer into the request: `/path/id`, `/query/limit`, `/header/x-id`, `/body/email`. */
  path: string;
  message: string;
}

/** Thrown (or returned by the runtime) to answer `status` with `{ errors }`. */
export class RequestError extends Error {
  readonly status: number;
  readonly errors: RequestProblem[];

  constructor(status: number, errors: RequestProblem[]) {
    super(errors.map((e) => `${e.path}: ${e.message}`).join('; '));
    this.name = 'RequestError';
    this.status = status;
    this.errors = errors;
  }
}

/** What every service method receives last: the raw request and response, for what the spec does not say. */
export interface Context {
  req: Request;
  res: Response;
}

export interface RouterOptions {
  /** The largest JSON body accepted (express.json `limit`); larger ones get 413. Default `'1mb'`. */
  bodyLimit?: string | number;
  /**
   * The healthcheck of specs/common.json, `GET /_internal_/healthcheck` → `{ "status": "healthy" }`.
   * Mounted unless `false`; a function is run first and fails the check (500) by throwing,
   * e.g. `() => db.get('SELECT 1', [])`.
   */
  healthcheck?: boolean | (() => unknown);
  /** Sees every unexpected error; the client only gets a generic 500. Default: `console.error`. */
  onError?: (error: unknown, req: Request) => void;
  /**
   * When the body and parameter validators compile. `'first-use'` (the default): each on its
   * route's first request, so a router with hundreds of operations starts at once. `'start'`: all
   * of them in `createRouter`, which then throws on a schema Ajv cannot compile, and no request
   * waits for a compile.
   */
  compileValidators?: 'first-use' | 'start';
}

type ScalarType =
  | 'string'
  | 'uuid'
  | 'date-iso8601'
  | 'date-time-iso8601'
  | 'integer'
  | 'long'
  | 'double'
  | 'decimal'
  | 'boolean'
  | 'enum'
  | 'json';

/** How one parameter is read and coerced (generated per operation). */
export interface ParamSpec {
  name: string;
  location: 'path' | 'query' | 'header' | 'form';
  type: ScalarType;
  list?: boolean;
  required: boolean;
  default?: string;
  /** A number's least value, a string's least length, a list's least number of items. */
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  /** An ECMAScript regular expression a string value matches somewhere. */
  pattern?: string;
  uniqueItems?: boolean;
  values?: readonly string[];
  /** A list's items: each one's bounds (a number's value, a string's length) and pattern. */
  items?: {
    minimum?: number;
    maximum?: number;
    exclusiveMinimum?: number;
    exclusiveMaximum?: number;
    multipleOf?: number;
    pattern?: string;
  };
  /**
   * A query parameter's OpenAPI style when it reads differently from the plain form:
   * `deepObject` (`created[gte]=1`, `expand[]=a`), delimited lists (`a,b`, `a|b`, `a b`).
   */
  style?: 'form' | 'spaceDelimited' | 'pipeDelimited' | 'deepObject';
  explode?: boolean;
}

/** An operation as the runtime sees it. */
export interface OperationSpec {
  params: readonly ParamSpec[];
  /** Validates the body; absent when the operation takes none. */
  body?: Validator;
  /**
   * Checks (and coerces from text) the parameters whose type is an object, a union or a list of
   * them, read in their style: `{ created: { gte: '1' } }` becomes `{ created: { gte: 1 } }`.
   */
  structured?: Validator;
  /**
   * Statuses (400, 422) the spec declares with a list body such as `[error]`: request problems
   * with these statuses are sent as that bare list, so the answer matches the declared type.
   */
  listErrors?: readonly number[];
}

/** What a service method returns: a declared status and, unless the response is `unit`, its body. */
export interface Result {
  status: number;
  body?: unknown;
}

type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats: FormatsPlugin =
  (formatsModule as unknown as { default?: FormatsPlugin }).default ??
  (formatsModule as unknown as FormatsPlugin);

/**
 * A validator as the router calls it: true when the value is valid, else false with `errors` set
 * (Ajv's `ValidateFunction` has this shape).
 */
export interface Validator {
  (value: unknown): boolean;
  errors?: ErrorObject[] | null | undefined;
}

/** What a router's Ajv was made with, and the coercing Ajv its parameters need (made on first use). */
interface RouterAjv {
  schemas: object;
  compileAtStart: boolean;
  coercing?: Ajv;
}

const routerAjvs = new WeakMap<Ajv, RouterAjv>();

/** One Ajv for a router: every schema added once, shared by the router's body validators. */
export function createAjv(schemas: object, options: RouterOptions = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true });
  addFormats(ajv);
  ajv.addSchema(schemas, 'canon');
  routerAjvs.set(ajv, { schemas, compileAtStart: options.compileValidators === 'start' });
  return ajv;
}

/** The router's Ajv for parameters: query text carries no types, so this one coerces. */
function coercingAjv(ajv: Ajv): Ajv {
  const router = routerAjvs.get(ajv);
  if (router?.coercing) return router.coercing;
  const coercing = new Ajv({ allErrors: true, strict: false, coerceTypes: 'array' });
  addFormats(coercing);
  coercing.addSchema(router?.schemas ?? {}, 'canon');
  if (router) router.coercing = coercing;
  return coercing;
}

/**
 * A validator compiled on its first call, unless the router compiles at start. Compiling every
 * operation's schemas up front keeps a router of Stripe's size from starting for seconds.
 */
function validator(ajv: Ajv, compile: () => ValidateFunction): Validator {
  if (routerAjvs.get(ajv)?.compileAtStart) return compile();
  let compiled: ValidateFunction | undefined;
  const validate: Validator = (value) => {
    compiled ??= compile();
    const valid = compiled(value) === true;
    validate.errors = compiled.errors;
    return valid;
  };
  return validate;
}

/**
 * The validator of an operation's structured parameters, which coerces them
 * (`'1'` → 1 where the schema says integer, one value → a list of one).
 */
export function paramsValidator(ajv: Ajv, schema: object): Validator {
  return validator(ajv, () => coercingAjv(ajv).compile(schema));
}

/** The validator of one body schema (named types by `$ref` into the shared schemas). */
export function bodyValidator(ajv: Ajv, schema: object): Validator {
  return validator(ajv, () => ajv.compile(schema));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function rawValue(req: Request, spec: ParamSpec): unknown {
  switch (spec.location) {
    case 'path':
      return (req.params as Record<string, string | undefined>)[spec.name];
    case 'query':
      return spec.style === undefined ? (req.query as Record<string, unknown>)[spec.name] : styled(req, spec);
    case 'header':
      return req.get(spec.name);
    case 'form':
      return typeof req.body === 'object' && req.body !== null
        ? (req.body as Record<string, unknown>)[spec.name]
        : undefined;
  }
}

/** A query value written in its OpenAPI style, read back (see the client runtime's `appendStyled`). */
function styled(req: Request, spec: ParamSpec): unknown {
  const query = req.query as Record<string, unknown>;
  if (spec.style === 'deepObject') {
    const prefix = `${spec.name}[`;
    let out: unknown = query[spec.name];
    for (const key of Object.keys(query)) {
      if (!key.startsWith(prefix)) continue;
      out = put(out, key.slice(spec.name.length), query[key]);
    }
    return out;
  }
  const raw = query[spec.name];
  if (typeof raw !== 'string' || (spec.style === 'form' && spec.explode !== false)) return raw;
  const separator = spec.style === 'spaceDelimited' ? ' ' : spec.style === 'pipeDelimited' ? '|' : ',';
  const parts = raw === '' ? [] : raw.split(separator);
  if (spec.list || spec.type !== 'json') return parts;
  // An object written unexploded: its keys and values alternate (`point=x,1,y,2`).
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < parts.length; i += 2) {
    globalThis.Object.defineProperty(out, parts[i]!, {
      value: parts[i + 1],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** Sets `[a][b]`, `[]` (append) or `[0]` (index) of a nested value, as the client writes them. */
function put(target: unknown, path: string, value: unknown): unknown {
  const match = /^\[([^\]]*)\]/.exec(path);
  if (!match) return target;
  const key = match[1]!;
  const rest = path.slice(match[0].length);
  const values = Array.isArray(value) ? value : [value];
  if (key === '' || /^\d+$/.test(key)) {
    const list = Array.isArray(target) ? target : [];
    if (key === '') for (const v of values) list.push(rest === '' ? v : put(undefined, rest, v));
    else list[Number(key)] = rest === '' ? values[0] : put(list[Number(key)], rest, values[0]);
    return list;
  }
  const record =
    typeof target === 'object' && target !== null && !Array.isArray(target)
      ? (target as Record<string, unknown>)
      : {};
  Object.defineProperty(record, key, {
    value: rest === '' ? values[0] : put(record[key], rest, values[0]),
    enumerable: true,
    writable: true,
    configurable: true,
  });
  return record;
}

function coerce(
  value: unknown,
  spec: ParamSpec,
  path: string,
  problems: RequestProblem[],
  item = false,
): unknown {
  const bad = (what: string): undefined => {
    problems.push({ code: 'invalid-parameter', path, message: `${spec.name} must be ${what}` });
    return undefined;
  };
  if (spec.location === 'form' && typeof value !== 'string') {
    if (spec.type === 'json' || typeof value === 'number' || typeof value === 'boolean') return value;
  }
  // Any value in a url-encoded form (Twilio's `Parameter`) arrives as the text that was sent.
  if (spec.location === 'form' && spec.type === 'json' && typeof value === 'string') return value;
  // Read in its style: checked and coerced against its schema (`OperationSpec.structured`).
  if (spec.style !== undefined && spec.type === 'json') return value;
  if (typeof value !== 'string') return bad('a single value');
  let out: unknown = value;
  switch (spec.type) {
    case 'integer':
    case 'long': {
      if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(Number(value))) return bad('an integer');
      out = Number(value);
      break;
    }
    case 'double':
    case 'decimal': {
      const n = value.trim() === '' ? Number.NaN : Number(value);
      if (!Number.isFinite(n)) return bad('a number');
      out = n;
      break;
    }
    case 'boolean':
      if (value !== 'true' && value !== 'false') return bad('true or false');
      out = value === 'true';
      break;
    case 'uuid':
      if (!UUID.test(value)) return bad('a UUID');
      break;
    case 'date-iso8601':
      if (!DATE.test(value) || Number.isNaN(Date.parse(value))) return bad('a date (YYYY-MM-DD)');
      break;
    case 'date-time-iso8601':
      if (Number.isNaN(Date.parse(value))) return bad('an ISO 8601 date-time');
      break;
    case 'enum':
      if (!spec.values?.includes(value)) return bad(`one of ${spec.values?.join(', ')}`);
      break;
    case 'json':
      try {
        out = JSON.parse(value);
      } catch {
        // A path or header value of a union with text members (GitHub's `workflow_id`, an
        // integer or a file name) is that text; its schema check decides.
        if (spec.location !== 'path' && spec.location !== 'header') return bad('JSON');
        out = value;
      }
      break;
    case 'string':
      break;
  }
  if (typeof out === 'number') {
    if (spec.exclusiveMinimum !== undefined && !(out > spec.exclusiveMinimum))
      return bad(`greater than ${spec.exclusiveMinimum}`);
    if (spec.exclusiveMaximum !== undefined && !(out < spec.exclusiveMaximum))
      return bad(`less than ${spec.exclusiveMaximum}`);
    if (spec.multipleOf !== undefined) {
      const q = out / spec.multipleOf;
      if (Math.abs(q - Math.round(q)) > 1e-9) return bad(`a multiple of ${spec.multipleOf}`);
    }
  }
  if (typeof out === 'string' && spec.pattern !== undefined && !new RegExp(spec.pattern, 'u').test(out))
    return bad(`text matching ${spec.pattern}`);
  // On a list, minimum and maximum count its items (checked by the caller), not each item.
  const size = item
    ? undefined
    : typeof out === 'number'
      ? out
      : typeof out === 'string'
        ? out.length
        : undefined;
  if (size !== undefined && spec.minimum !== undefined && size < spec.minimum) {
    return bad(
      typeof out === 'number' ? `at least ${spec.minimum}` : `at least ${spec.minimum} characters long`,
    );
  }
  if (size !== undefined && spec.maximum !== undefined && size > spec.maximum) {
    return bad(
      typeof out === 'number' ? `at most ${spec.maximum}` : `at most ${spec.maximum} characters long`,
    );
  }
  return out;
}

function listValue(
  items: readonly unknown[],
  spec: ParamSpec,
  path: string,
  problems: RequestProblem[],
): unknown[] {
  // With its own constraints, each item is checked as a value of its own (its length, its value).
  let itemSpec = spec;
  if (spec.items) {
    const { minimum: _minimum, maximum: _maximum, ...rest } = spec;
    itemSpec = { ...rest, ...spec.items };
  }
  const out = items.map((item, i) =>
    coerce(
      // Objects (deepObject query lists, url-encoded forms) are checked by `structured`.
      typeof item === 'string' || spec.type !== 'json' ? String(item) : item,
      itemSpec,
      `${path}/${i}`,
      problems,
      spec.items === undefined,
    ),
  );
  const bad = (what: string) =>
    problems.push({ code: 'invalid-parameter', path, message: `${spec.name} must have ${what}` });
  if (spec.minimum !== undefined && out.length < spec.minimum) bad(`at least ${spec.minimum} values`);
  if (spec.maximum !== undefined && out.length > spec.maximum) bad(`at most ${spec.maximum} values`);
  if (spec.uniqueItems && new Set(out.map((v) => JSON.stringify(v))).size !== out.length)
    bad('no repeated values');
  return out;
}

/** Reads, coerces and checks every parameter; all problems at once as a 400 RequestError. */
export function readParams(req: Request, specs: readonly ParamSpec[]): Record<string, unknown> {
  const problems: RequestProblem[] = [];
  const params: Record<string, unknown> = {};
  for (const spec of specs) {
    const path = `/${spec.location}/${spec.name.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    let value = rawValue(req, spec);
    if (value === undefined || value === '') {
      if (spec.default !== undefined) value = spec.list ? JSON.parse(spec.default) : spec.default;
      else if (spec.required) {
        problems.push({ code: 'required', path, message: `${spec.name} is required` });
        continue;
      } else continue;
    }
    const coerced = spec.list
      ? listValue(Array.isArray(value) ? value : [value], spec, path, problems)
      : coerce(value, spec, path, problems);
    // A parameter may be called __proto__: define it as a property, never set the prototype.
    Object.defineProperty(params, spec.name, {
      value: coerced,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  if (problems.length > 0) throw new RequestError(400, problems);
  return params;
}

function paramProblems(errors: readonly ErrorObject[], specs: readonly ParamSpec[]): RequestProblem[] {
  return errors.map((e) => {
    const [, name = '', ...rest] = e.instancePath.split('/');
    const spec = specs.find((p) => p.name.replaceAll('~', '~0').replaceAll('/', '~1') === name);
    const path = `/${spec?.location ?? 'query'}/${[name, ...rest].join('/')}`;
    return { code: 'invalid-parameter', path, message: `${path} ${e.message ?? 'is invalid'}` };
  });
}

function bodyProblems(errors: readonly ErrorObject[]): RequestProblem[] {
  return errors.map((e) => {
    const missing =
      e.keyword === 'required' ? (e.params as { missingProperty: string }).missingProperty : undefined;
    const path = `/body${e.instancePath}${missing === undefined ? '' : `/${missing.replaceAll('~', '~0').replaceAll('/', '~1')}`}`;
    const message = missing === undefined ? `${path} ${e.message ?? 'is invalid'}` : `${path} is required`;
    return { code: e.keyword, path, message };
  });
}

/**
 * Wraps a service call as an Express handler: parameters, then the body (422 on schema
 * violations), then the call; the result is sent with its status, errors go to `next`.
 */
export function route<P, B = undefined>(
  operation: OperationSpec,
  run: (params: P, body: B, context: Context) => Result | Promise<Result>,
): RequestHandler {
  const send = (res: Response, result: Result): void => {
    if (res.headersSent) return;
    if (result.body === undefined) res.status(result.status).end();
    else res.status(result.status).json(result.body);
  };
  const fail = (res: Response, next: NextFunction, error: unknown): void => {
    if (error instanceof RequestError && operation.listErrors?.includes(error.status)) {
      res.status(error.status).json(error.errors);
      return;
    }
    next(error);
  };
  return (req, res, next) => {
    try {
      const params = readParams(req, operation.params) as P;
      if (operation.structured && !operation.structured(params))
        throw new RequestError(400, paramProblems(operation.structured.errors ?? [], operation.params));
      let body: unknown;
      if (operation.body) {
        body = req.body;
        if (!operation.body(body)) throw new RequestError(422, bodyProblems(operation.body.errors ?? []));
      }
      const result = run(params, body as B, { req, res });
      // Synchronous handlers are answered without a trip through the promise queue.
      if (result instanceof Promise) {
        result.then(
          (value) => send(res, value),
          (error: unknown) => fail(res, next, error),
        );
      } else {
        send(res, result);
      }
    } catch (error) {
      fail(res, next, error);
    }
  };
}

/** JSON media types: `application/json` and the `+json` ones (`application/merge-patch+json`). */
const JSON_TYPE = /^application\/(?:[\w.-]+\+)?json\s*(?:;|$)/i;

/** The JSON body parser with the size limit, mounted only on operations that take a body. */
export function jsonBody(options: RouterOptions): RequestHandler {
  return express.json({
    limit: options.bodyLimit ?? '1mb',
    // Any JSON value: a body typed as a string or a number is `"text"` or `42` on the wire.
    strict: false,
    type: (req) => JSON_TYPE.test(String(req.headers['content-type'] ?? '')),
  });
}

/** The text body parser, for operations whose body the spec declares as text (`text/plain`). */
export function textBody(options: RouterOptions): RequestHandler {
  return express.text({ limit: options.bodyLimit ?? '1mb', type: () => true });
}

/**
 * The url-encoded body parser with the size limit, for operations whose form parameters the spec
 * declares as `application/x-www-form-urlencoded`; bracket keys nest (`metadata[plan]=pro`).
 */
export function formBody(options: RouterOptions): RequestHandler {
  return express.urlencoded({ extended: true, limit: options.bodyLimit ?? '1mb' });
}

/** The default healthcheck handler. */
export function healthcheck(check: RouterOptions['healthcheck']): RequestHandler {
  return async (_req, res, next) => {
    try {
      if (typeof check === 'function') await check();
      res.status(200).json({ status: 'healthy' });
    } catch (error) {
      next(error);
    }
  };
}

/** The one place errors become responses: request problems as 400/413/422, anything else as 500. */
export function errorHandler(options: RouterOptions): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    if (error instanceof RequestError) {
      res.status(error.status).json({ errors: error.errors });
      return;
    }
    const parser = error as { type?: unknown; status?: unknown };
    if (parser.type === 'entity.too.large') {
      res.status(413).json({
        errors: [
          {
            code: 'body-too-large',
            path: '/body',
            message: 'The body is larger than this service accepts.',
          },
        ],
      });
      return;
    }
    if (parser.type === 'entity.parse.failed') {
      res
        .status(400)
        .json({ errors: [{ code: 'invalid-json', path: '/body', message: 'The body is not valid JSON.' }] });
      return;
    }
    if (
      typeof parser.status === 'number' &&
      parser.status >= 400 &&
      parser.status < 500 &&
      typeof parser.type === 'string'
    ) {
      res
        .status(parser.status)
        .json({ errors: [{ code: parser.type, path: '/body', message: 'The body could not be read.' }] });
      return;
    }
    (options.onError ?? ((e: unknown) => console.error(e)))(error, req);
    res.status(500).json({
      errors: [{ code: 'internal', path: '', message: 'An unexpected error occurred; it has been logged.' }],
    });
  };
}
