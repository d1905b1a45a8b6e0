import { createServer, type Server } from 'node:http';
import type { DocumentSchemas } from './document-schemas.js';
import type { DocOperation, Json } from './openapi-operations.js';
import { checkRequest, matchOperation } from './request-check.js';
import { sample } from './sampler.js';

/** The response the conformance server answers an operation with, and what a client should get. */
export interface PlannedResponse {
  status: number;
  /** The body, sampled from the document's response schema; undefined for no content. */
  body: Json | undefined;
  /** JSON pointer of the schema the body was sampled from. */
  schema: string | undefined;
  /** Its media type: JSON is sent as JSON, anything else as the text of the value. */
  media: string | undefined;
}

export const isJsonMedia = (type: string): boolean =>
  /^application\/(.+\+)?json\b/.test(type) || type === '*/*';

/** A stable number per operation, so the writer of the consumer and the server sample alike. */
export function operationSeed(op: DocOperation): number {
  let h = 2166136261;
  for (const ch of `${op.method} ${op.path}`) h = Math.imul(h ^ (ch.codePointAt(0) ?? 0), 16777619) >>> 0;
  return h % 1000003;
}

/** The first declared success response (2xx, else 3xx, else `default` as 200), with a body from its schema. */
export function plannedResponse(schemas: DocumentSchemas, op: DocOperation): PlannedResponse {
  const within = (low: number) => (r: DocOperation['responses'][number]) =>
    typeof r.status === 'number' && r.status >= low && r.status < low + 100;
  const success =
    op.responses.find(within(200)) ??
    op.responses.find(within(300)) ??
    op.responses.find((r) => r.status === 'default');
  const status = success === undefined || success.status === 'default' ? 200 : success.status;
  if (success?.schema === undefined) return { status, body: undefined, schema: undefined, media: undefined };
  const body = sample(schemas, schemas.schema(success.schema), {
    direction: 'response',
    seed: operationSeed(op),
  });
  return { status, body, schema: success.schema, media: success.media };
}

/** A server built from the original document, recording every way a request broke it. */
export interface ConformanceServer {
  server: Server;
  /** `METHOD /path: problem`, one per mismatch, in arrival order. */
  problems: string[];
  /** How many requests arrived. */
  requests: number;
}

/**
 * An HTTP server for one OpenAPI document: every operation of the document routed by method and
 * path template; every request checked with `checkRequest` (parameters in their styles, the body
 * by media type, Ajv over the document's schemas); every answer the operation's planned response.
 * A request that does not conform is still answered, so a test sees all problems at once.
 */
export function conformanceServer(
  schemas: DocumentSchemas,
  operations: readonly DocOperation[],
): ConformanceServer {
  const state: ConformanceServer = { server: undefined as unknown as Server, problems: [], requests: 0 };
  state.server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      state.requests++;
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const found = matchOperation(operations, req.method ?? 'GET', url.pathname);
      const label = `${req.method} ${url.pathname}`;
      if (!found) {
        state.problems.push(`${label}: no operation of the document has this method and path`);
        res.writeHead(404).end();
        return;
      }
      const arrived = {
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        body: Buffer.concat(chunks),
      };
      checkRequest(schemas, found.op, found.path, arrived).then(
        (problems) => {
          for (const problem of problems)
            state.problems.push(`${found.op.method} ${found.op.path}: ${problem}`);
          const planned = plannedResponse(schemas, found.op);
          if (planned.body === undefined) res.writeHead(planned.status).end();
          else
            res
              .writeHead(planned.status, { 'content-type': 'application/json' })
              .end(JSON.stringify(planned.body));
        },
        (error: unknown) => {
          state.problems.push(`${label}: the check failed: ${String(error)}`);
          res.writeHead(500).end();
        },
      );
    });
  });
  return state;
}
