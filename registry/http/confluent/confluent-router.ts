import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Registry } from '../../registry.js';
import { SubjectService } from '../../subjects/subject-service.js';
import { confluentPrincipal } from './confluent-auth.js';
import { confluentErrorHandler, sendConfluent } from './confluent-errors.js';
import { CONFLUENT_ROUTES } from './confluent-routes.js';

const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Bodies Confluent clients send (and plain JSON); larger than 16 MiB is a 413. */
const BODY_TYPES = [
  'application/vnd.schemaregistry.v1+json',
  'application/vnd.schemaregistry+json',
  'application/json',
  'application/octet-stream',
];

/**
 * Confluent Schema Registry's REST API, mounted at `/confluent`: clients are given
 * `<registry URL>/confluent` as their schema registry URL. Authenticates on its own, so that
 * every refusal, a bad token included, is Confluent-shaped.
 */
export function confluentRouter(registry: Registry, log: (line: string) => void): Router {
  const router = express.Router();
  const subjects = new SubjectService(registry.store, registry.anonymousReads);
  const parse = express.json({ limit: MAX_BODY_BYTES, type: BODY_TYPES, strict: false });
  // body-parser reads an oversized body to its end before it answers; a declared length over the
  // limit is refused at once instead, and the connection closed (the rest is never read).
  const body = (req: Request, res: Response, next: NextFunction) => {
    if (Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES) {
      res.setHeader('connection', 'close');
      sendConfluent(res, 413, {
        error_code: 413,
        message: `The request body is larger than this registry accepts (${MAX_BODY_BYTES} bytes).`,
      });
      req.socket.end();
      return;
    }
    parse(req, res, next);
  };
  router.use((req: Request, res: Response, next: NextFunction) => {
    confluentPrincipal(registry.store, req.headers.authorization).then((principal) => {
      res.locals.principal = principal;
      next();
    }, next);
  });
  const methods = new Map<string, string[]>();
  for (const route of CONFLUENT_ROUTES) {
    const handlers = route.method === 'post' || route.method === 'put' ? [body] : [];
    router[route.method](route.path, ...handlers, async (req: Request, res: Response) => {
      await route.handle(req, res, { subjects, principal: res.locals.principal });
    });
    methods.set(route.path, [...(methods.get(route.path) ?? []), route.method.toUpperCase()]);
  }
  for (const [path, allowed] of methods) {
    router.all(path, (req: Request, res: Response) => {
      res.setHeader('allow', allowed.join(', '));
      sendConfluent(res, 405, {
        error_code: 405,
        message: `${req.method} is not allowed here; use ${allowed.join(', ')}.`,
      });
    });
  }
  router.use((req: Request, res: Response) => {
    sendConfluent(res, 404, {
      error_code: 404,
      message: `No endpoint ${req.path.slice(0, 200)}; see docs/subjects.md for the API.`,
    });
  });
  router.use(confluentErrorHandler(log));
  return router;
}
