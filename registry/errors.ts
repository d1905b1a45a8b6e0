/** One problem in a registry answer: a stable `code`, an optional JSON pointer, and what to do. */
export interface ApiProblem {
  code: string;
  path?: string;
  message: string;
}

/**
 * The registry's one error type. Every refusal, from a malformed body to a breaking change, is a
 * RegistryError; `http/error-handler.ts` maps it to `{ errors: [...] }` with its status.
 */
export class RegistryError extends Error {
  override name = 'RegistryError';
  readonly status: number;
  readonly errors: ApiProblem[];
  /** Extra fields for the response body (e.g. the breaking `changes`). */
  readonly details: Record<string, unknown> | undefined;
  /** Response headers that belong to the refusal (`Retry-After` on 429 and 503). */
  readonly headers: Readonly<Record<string, string>>;

  constructor(
    status: number,
    errors: ApiProblem[],
    details?: Record<string, unknown>,
    headers: Record<string, string> = {},
  ) {
    super(errors.map((e) => e.message).join('; '));
    this.status = status;
    this.errors = errors;
    this.details = details;
    this.headers = headers;
  }
}

/** Shorthand for a RegistryError carrying one problem. */
export function problem(status: number, code: string, message: string, path?: string): RegistryError {
  return new RegistryError(status, [path === undefined ? { code, message } : { code, path, message }]);
}

export const notFound = (what: string, next: string): RegistryError =>
  problem(404, 'not-found', `${what} does not exist. ${next}`);

/**
 * A refusal the client should retry later (`503` busy or unreachable database, `429` rate limit),
 * with `Retry-After` in seconds.
 */
export function retryLater(status: 429 | 503, code: string, message: string, seconds: number): RegistryError {
  return new RegistryError(status, [{ code, message }], undefined, { 'retry-after': String(seconds) });
}

/** A 503 with `Retry-After`: the database is unreachable or busy, and a retry may succeed. */
export const unavailable = (code: string, message: string, retryAfterSeconds: number): RegistryError =>
  retryLater(503, code, message, retryAfterSeconds);

/** 404 for a service: how to make one, or find one. */
export const noSuchService = (organization: string, application: string): RegistryError =>
  notFound(
    `The service ${organization}/${application}`,
    'Publish a first version with PUT /services/{org}/{app}/versions/{version}, or search with GET /services.',
  );
