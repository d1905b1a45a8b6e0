import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { type ApiProblem, RegistryError } from '../errors.js';

/** Writes `{ errors: [...] }` (plus any details) with a status. The only way errors leave the registry. */
export function sendErrors(
  res: Response,
  status: number,
  errors: ApiProblem[],
  details?: Record<string, unknown>,
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify({ ...details, errors });
  res
    .status(status)
    .set({ 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' })
    .end(body);
}

/** body-parser's error types, as the client should read them. */
const PARSER_ERRORS: Record<
  string,
  { status: number; code: string; message: (e: { limit?: number }) => string }
> = {
  'entity.parse.failed': {
    status: 400,
    code: 'malformed-json',
    message: () =>
      'The request body is not valid JSON. Send a JSON object with Content-Type: application/json.',
  },
  'entity.too.large': {
    status: 413,
    code: 'body-too-large',
    message: (e) =>
      `The request body is larger than this registry's limit of ${e.limit ?? 'the configured'} bytes.`,
  },
  'encoding.unsupported': {
    status: 415,
    code: 'unsupported-encoding',
    message: () => 'Send the body uncompressed or gzip/deflate encoded.',
  },
  'charset.unsupported': {
    status: 415,
    code: 'unsupported-charset',
    message: () => 'Send the body as UTF-8.',
  },
  'request.aborted': {
    status: 400,
    code: 'request-aborted',
    message: () => 'The request was aborted before its body arrived.',
  },
  'request.size.invalid': {
    status: 400,
    code: 'bad-content-length',
    message: () => 'The body length does not match Content-Length.',
  },
  'stream.encoding.set': {
    status: 500,
    code: 'internal-error',
    message: () => 'The request stream was misconfigured.',
  },
};

/**
 * Maps every error to a JSON answer: RegistryError with its own status, request parsing errors
 * with theirs, and anything else as a 500 that names no internals (the details go to the log).
 */
export function errorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (error instanceof RegistryError) {
      if (error.retryAfterSeconds !== undefined && !res.headersSent) {
        res.setHeader('retry-after', String(error.retryAfterSeconds));
      }
      sendErrors(res, error.status, error.errors, error.details);
      return;
    }
    const e = error as {
      type?: string;
      status?: number;
      statusCode?: number;
      limit?: number;
      message?: string;
    };
    const parser = e?.type ? PARSER_ERRORS[e.type] : undefined;
    if (parser) {
      sendErrors(res, parser.status, [{ code: parser.code, message: parser.message(e) }]);
      return;
    }
    const status = e?.status ?? e?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      sendErrors(res, status, [
        { code: 'bad-request', message: 'The request could not be read (malformed URL, header or body).' },
      ]);
      return;
    }
    log(
      `registry: ${req.method} ${req.originalUrl.slice(0, 200)} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    sendErrors(res, 500, [
      {
        code: 'internal-error',
        message:
          'The registry failed to answer this request; the error is in its log. Try again, and report it if it persists.',
      },
    ]);
  };
}

/** The last handler: any path the API does not define. */
export const routeNotFound: RequestHandler = (req, res) => {
  sendErrors(res, 404, [
    {
      code: 'route-not-found',
      message: `${req.method} ${req.path.slice(0, 200)} is not part of the registry API. See specs/registry.json for its routes.`,
    },
  ]);
};
