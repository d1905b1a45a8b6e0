import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { ANONYMOUS, hasExpired, hashToken, type Principal } from '../access.js';
import { problem } from '../errors.js';
import { npmRoutes } from '../npm/routes.js';
import type { Registry } from '../registry.js';
import { createUiRouter } from '../ui/router.js';
import { confluentRouter } from './confluent/confluent-router.js';
import { errorHandler, routeNotFound, sendErrors } from './error-handler.js';
import { hostCheck } from './host-check.js';
import { jsonBody } from './json-body.js';
import { RateLimiter, type RateLimits } from './rate-limit.js';
import { ROUTES } from './routes.js';

export interface AppOptions {
  /** Largest request body, in bytes (default 32 MiB); larger bodies get a 413 JSON error. */
  maxBodyBytes?: number;
  /** Largest request body without a token (default 4 MiB, room for the largest api.json known): anyone may send those. */
  anonymousBodyBytes?: number;
  /** Expensive calls per client (default `DEFAULT_RATE_LIMITS`). */
  rateLimits?: RateLimits;
  /** Where unexpected errors are written (default stderr). */
  log?: (line: string) => void;
  /** The address the server is bound to: on a loopback address, only loopback names are answered. */
  bindHost?: string;
  /** Further `Host` names to answer for (see `host-check.ts`). */
  allowedHosts?: readonly string[];
}

// The scheme is case-insensitive (RFC 9110 §11.1): `bearer` and `BEARER` are `Bearer`.
const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

/**
 * The registry's HTTP API (`specs/registry.json`) as an Express 5 app. Every answer is JSON;
 * every failure is `{ errors: [{ code, path?, message }] }` with a fitting status, including
 * malformed bodies, oversized bodies, unknown routes (404) and wrong methods (405).
 */
export function createRegistryApp(registry: Registry, options: AppOptions = {}): Express {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const body = jsonBody(
    options.maxBodyBytes ?? 32 * 1024 * 1024,
    options.anonymousBodyBytes ?? 4 * 1024 * 1024,
  );
  const rationed = new RateLimiter(options.rateLimits).middleware();

  const guard = hostCheck(options.bindHost ?? '127.0.0.1', options.allowedHosts);
  if (guard) app.use(guard);
  // Confluent Schema Registry's API authenticates and answers errors its own way (registry/http/confluent/).
  app.use('/confluent', confluentRouter(registry, log));
  app.use((req: Request, res: Response, next: NextFunction) => {
    authenticate(registry, req.headers.authorization).then((principal) => {
      res.locals.principal = principal;
      next();
    }, next);
  });
  app.use('/ui', createUiRouter(registry, log));

  // Generated clients as an npm registry (registry/npm/).
  app.use('/npm', npmRoutes(registry));

  const methodsByPath = new Map<string, string[]>();
  for (const route of ROUTES) {
    const handlers = [
      ...(route.expensive ? [rationed] : []),
      ...(route.method === 'get' || route.method === 'delete' ? [] : [body]),
    ];
    app[route.method](route.path, ...handlers, async (req: Request, res: Response) => {
      await route.handle(req, res, { registry, principal: res.locals.principal as Principal });
    });
    methodsByPath.set(route.path, [...(methodsByPath.get(route.path) ?? []), route.method.toUpperCase()]);
  }
  for (const [path, methods] of methodsByPath) {
    const allow = [...methods, ...(methods.includes('GET') ? ['HEAD'] : []), 'OPTIONS'].join(', ');
    app.all(path, (req: Request, res: Response) => {
      res.setHeader('allow', allow);
      if (req.method === 'OPTIONS') {
        res.status(204).end();
        return;
      }
      sendErrors(res, 405, [
        {
          code: 'method-not-allowed',
          message: `${req.method} is not allowed on ${req.path.slice(0, 200)}; use ${allow}.`,
        },
      ]);
    });
  }
  app.use(routeNotFound);
  app.use(errorHandler(log));
  return app;
}

async function authenticate(registry: Registry, header: string | undefined): Promise<Principal> {
  if (header === undefined) return ANONYMOUS;
  const match = BEARER.exec(header);
  if (!match) {
    throw problem(401, 'invalid-authorization', "The Authorization header must be 'Bearer <token>'.");
  }
  const token = await registry.store.findToken(hashToken(match[1]!));
  if (!token)
    throw problem(
      401,
      'invalid-token',
      'The token is not known to this registry (or was revoked). Ask an admin for a new one.',
    );
  if (hasExpired(token)) {
    throw problem(
      401,
      'token-expired',
      `Token ${token.id} expired at ${token.expiresAt}. Ask an admin of ${token.organization} for a new one.`,
    );
  }
  return { actor: `token:${token.id}`, token };
}
