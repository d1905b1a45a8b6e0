import type { ErrorRequestHandler, Response } from 'express';
import { RegistryError } from '../../errors.js';
import { SubjectError } from '../../subjects/subject-error.js';
import { IncompatibleSchemaError } from '../../subjects/subject-service.js';

export const CONFLUENT_CONTENT_TYPE = 'application/vnd.schemaregistry.v1+json';

/** Sends a Confluent answer: its content type, never cached by shared caches. */
export function sendConfluent(res: Response, status: number, body: unknown): void {
  res
    .status(status)
    .set({ 'content-type': CONFLUENT_CONTENT_TYPE, 'cache-control': 'no-store' })
    .end(JSON.stringify(body));
}

const PARSER: Record<string, [status: number, message: string]> = {
  'entity.parse.failed': [400, 'The request body is not valid JSON.'],
  'entity.too.large': [413, 'The request body is larger than this registry accepts (16 MiB).'],
  'encoding.unsupported': [415, 'Send the body uncompressed or gzip/deflate encoded.'],
  'charset.unsupported': [415, 'Send the body as UTF-8.'],
  'request.aborted': [400, 'The request was aborted before its body arrived.'],
  'request.size.invalid': [400, 'The body length does not match Content-Length.'],
};

/**
 * The one place errors become Confluent answers: `{"error_code", "message"}` with the HTTP
 * status of the code's first three digits; Canon's own refusals (a busy database) keep their
 * status; anything unexpected is 50001 and goes to the log, never with internals.
 */
export function confluentErrorHandler(log: (line: string) => void): ErrorRequestHandler {
  return (error: unknown, _req, res, _next) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof IncompatibleSchemaError) {
      sendConfluent(res, 409, {
        error_code: 409,
        message: error.message,
        incompatibilities: error.incompatibilities,
      });
      return;
    }
    if (error instanceof SubjectError) {
      sendConfluent(res, error.status, { error_code: error.errorCode, message: error.message });
      return;
    }
    if (error instanceof RegistryError) {
      for (const [name, value] of Object.entries(error.headers)) res.setHeader(name, value);
      const code = error.status === 503 ? 50002 : error.status;
      sendConfluent(res, error.status, { error_code: code, message: error.message });
      return;
    }
    const parser = error as { type?: string; status?: number };
    const known = parser?.type === undefined ? undefined : PARSER[parser.type];
    if (known) {
      if (known[0] === 413) res.setHeader('connection', 'close');
      sendConfluent(res, known[0], { error_code: known[0], message: known[1] });
      return;
    }
    if (
      error instanceof URIError ||
      (typeof parser?.status === 'number' && parser.status >= 400 && parser.status < 500)
    ) {
      const status = typeof parser?.status === 'number' ? parser.status : 400;
      sendConfluent(res, status, {
        error_code: status,
        message: 'The request could not be read (check the percent-encoding of the path).',
      });
      return;
    }
    log(`confluent API: unexpected error: ${(error as Error)?.stack ?? String(error)}`);
    sendConfluent(res, 500, {
      error_code: 50001,
      message: 'Error in the backend data store; it has been logged.',
    });
  };
}
