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
  /** Seconds after which a retry may succeed (sent as `Retry-After`), for 503 answers. */
  retryAfterSeconds: number | undefined;

  constructor(status: number, errors: ApiProblem[], details?: Record<string, unknown>) {
    super(errors.map((e) => e.message).join('; '));
    this.status = status;
    this.errors = errors;
    this.details = details;
  }
}

/** Shorthand for a RegistryError carrying one problem. */
export function problem(status: number, code: string, message: string, path?: string): RegistryError {
  return new RegistryError(status, [path === undefined ? { code, message } : { code, path, message }]);
}

export const notFound = (what: string, next: string): RegistryError =>
  problem(404, 'not-found', `${what} does not exist. ${next}`);

/** A 503 with `Retry-After`: the database is unreachable or busy, and a retry may succeed. */
export function unavailable(code: string, message: string, retryAfterSeconds: number): RegistryError {
  const error = problem(503, code, message);
  error.retryAfterSeconds = retryAfterSeconds;
  return error;
}

/** 404 for a service: how to make one, or find one. */
export const noSuchService = (organization: string, application: string): RegistryError =>
  notFound(
    `The service ${organization}/${application}`,
    'Publish a first version with PUT /services/{org}/{app}/versions/{version}, or search with GET /services.',
  );
