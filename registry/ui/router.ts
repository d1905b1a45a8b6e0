import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { ANONYMOUS, type Principal } from '../access.js';
import { RegistryError } from '../errors.js';
import { param } from '../http/route.js';
import type { Registry } from '../registry.js';
import { DEFAULT_TRACE_ANNOTATION } from '../trace/trace.js';
import { ASSETS, type Asset } from './assets.js';
import type { UiContext } from './context.js';
import { layoutAround, type PageShell } from './layout.js';
import { diffPage } from './pages/diff.js';
import { errorPage } from './pages/error.js';
import { homePage } from './pages/home.js';
import { organizationPage } from './pages/organization.js';
import { rulesPage } from './pages/rules.js';
import { servicePage } from './pages/service.js';
import { signInPage } from './pages/sign-in.js';
import { tracePage } from './pages/trace.js';
import { versionDocumentation } from './pages/version-route.js';
import { keyParam, versionParam } from './params.js';
import { secureHeaders } from './security.js';
import { clearSession, cookiePrincipal, safeNext, startSession, tokenFor } from './session.js';

type PageHandler = (req: Request, ctx: UiContext) => Promise<PageShell>;

/**
 * The registry's web pages, mounted at `/ui` (docs/ui.md): read-only, server-rendered, every
 * answer HTML with a strict Content-Security-Policy, every failure an HTML error page.
 * Reserved pages live under `/ui/-/`, which no organization key can start with.
 */
export function createUiRouter(registry: Registry, log: (line: string) => void): Router {
  const router = express.Router();
  const form = express.urlencoded({ extended: false, limit: '8kb' });
  const page =
    (handler: PageHandler) =>
    async (req: Request, res: Response): Promise<void> => {
      const ctx = await uiContext(registry, req, res);
      res.locals.ui = ctx;
      send(res, 200, await handler(req, ctx), ctx);
    };

  for (const asset of Object.values(ASSETS))
    router.get(`/-/assets/${asset.name}`, (_req, res) => sendAsset(res, asset));
  router.get(
    '/-/rules',
    page(() => rulesPage()),
  );
  router.get(
    '/-/trace',
    page((_req, ctx) => tracePage(ctx, DEFAULT_TRACE_ANNOTATION)),
  );
  router.get(
    '/-/trace/:annotation',
    page((req, ctx) => tracePage(ctx, param(req, 'annotation'))),
  );
  router.get(
    '/-/sign-in',
    page(async (req) => signInPage(safeNext(req.query.next))),
  );
  router.post('/-/sign-in', form, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const next = safeNext(body.next);
    const secret = typeof body.token === 'string' ? body.token.trim() : '';
    const token = secret === '' ? undefined : await tokenFor(registry, secret);
    if (!token) {
      const problem =
        'That token is not known to this registry (or was revoked). Check it, or ask an admin for a new one.';
      send(res, 401, signInPage(next, problem), { registry, principal: ANONYMOUS, origin: '' });
      return;
    }
    startSession(req, res, secret);
    res.redirect(303, next);
  });
  router.post('/-/sign-out', (_req, res) => {
    clearSession(res);
    res.redirect(303, '/ui/');
  });

  router.get(
    '/',
    page((req, ctx) => homePage(ctx, query(req, 'q'))),
  );
  router.get(
    '/:org',
    page((req, ctx) => organizationPage(ctx, keyParam('organization', param(req, 'org')))),
  );
  router.get(
    '/:org/:app',
    page((req, ctx) =>
      servicePage(ctx, keyParam('organization', param(req, 'org')), keyParam('service', param(req, 'app'))),
    ),
  );
  router.get('/:org/:app/diff', async (req, res) => {
    const [org, app] = [keyParam('organization', param(req, 'org')), keyParam('service', param(req, 'app'))];
    const [from, to] = [versionParam(query(req, 'from')), versionParam(query(req, 'to') || 'latest')];
    res.redirect(303, `/ui/${org}/${app}/diff/${encodeURIComponent(from)}/${encodeURIComponent(to)}`);
  });
  router.get(
    '/:org/:app/diff/:from/:to',
    page((req, ctx) =>
      diffPage(
        ctx,
        keyParam('organization', param(req, 'org')),
        keyParam('service', param(req, 'app')),
        versionParam(param(req, 'from')),
        versionParam(param(req, 'to')),
      ),
    ),
  );
  router.get(
    '/:org/:app/:version',
    page((req, ctx) =>
      versionDocumentation(
        ctx,
        keyParam('organization', param(req, 'org')),
        keyParam('service', param(req, 'app')),
        versionParam(param(req, 'version')),
        query(req, 'q'),
      ),
    ),
  );

  router.use((req: Request, res: Response) => {
    const ctx = (res.locals.ui as UiContext | undefined) ?? { registry, principal: ANONYMOUS, origin: '' };
    const problem = {
      code: 'page-not-found',
      message: `There is no page at ${req.originalUrl.slice(0, 200)}.`,
    };
    send(res, 404, errorPage(404, [problem], undefined), ctx);
  });
  router.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const ctx = (res.locals.ui as UiContext | undefined) ?? { registry, principal: ANONYMOUS, origin: '' };
    if (error instanceof RegistryError && error.status === 401) {
      send(res, 401, signInPage(safeNext(req.originalUrl), error.errors[0]?.message), ctx);
      return;
    }
    if (error instanceof RegistryError && error.status < 500) {
      send(res, error.status, errorPage(error.status, error.errors, undefined), ctx);
      return;
    }
    const status = (error as { status?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const problem = {
        code: 'bad-request',
        message: 'The request could not be read (malformed URL or form).',
      };
      send(res, 400, errorPage(400, [problem], undefined), ctx);
      return;
    }
    log(
      `registry ui: ${req.method} ${req.originalUrl.slice(0, 200)} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    const unavailable = error instanceof RegistryError && error.status === 503;
    const problem = unavailable
      ? { code: 'unhealthy', message: 'The registry cannot reach its database. Try again shortly.' }
      : {
          code: 'internal-error',
          message:
            'The registry failed to render this page; the error is in its log. Try again, and report it if it persists.',
        };
    send(res, unavailable ? 503 : 500, errorPage(unavailable ? 503 : 500, [problem], undefined), ctx);
  });
  return router;
}

async function uiContext(registry: Registry, req: Request, res: Response): Promise<UiContext> {
  const fromCookie = await cookiePrincipal(registry, req, res);
  const principal: Principal = fromCookie ?? (res.locals.principal as Principal | undefined) ?? ANONYMOUS;
  const host = req.get('host');
  return {
    registry,
    principal,
    origin: host ? `${req.protocol}://${host}` : 'http://127.0.0.1',
    ...(fromCookie?.token ? { signedInAs: fromCookie.token.id } : {}),
  };
}

function send(res: Response, status: number, shell: PageShell, ctx: UiContext): void {
  secureHeaders(res);
  const [before, after] = layoutAround({ ...shell, signedInAs: ctx.signedInAs });
  const main = typeof shell.main === 'string' ? [shell.main] : shell.main;
  const parts = [before, ...main, after].map((part) => (typeof part === 'string' ? Buffer.from(part) : part));
  res.status(status).set({
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'private, no-cache',
    'content-length': String(parts.reduce((n, p) => n + p.length, 0)),
  });
  for (const part of parts) res.write(part);
  res.end();
}

function sendAsset(res: Response, asset: Asset): void {
  secureHeaders(res);
  res
    .status(200)
    .set({ 'content-type': asset.contentType, 'cache-control': 'public, max-age=31536000, immutable' })
    .end(asset.bytes);
}

/** One query parameter as text ('' when absent or repeated), at most 200 characters. */
function query(req: Request, name: string): string {
  const value = req.query[name];
  return typeof value === 'string' ? value.slice(0, 200) : '';
}
