import { ADMIN_ROUTES } from './admin-routes.js';
import { CODE_ROUTES } from './code-routes.js';
import { LIFECYCLE_ROUTES } from './lifecycle-routes.js';
import { READ_ROUTES } from './read-routes.js';
import type { Route } from './route.js';
import { TRACE_ROUTES } from './trace-routes.js';
import { WRITE_ROUTES } from './write-routes.js';

export type { Route, RouteContext } from './route.js';

/** Every route of `specs/registry.json`. Handlers only translate HTTP ⇄ `Registry` calls. */
export const ROUTES: Route[] = [
  ...READ_ROUTES,
  ...WRITE_ROUTES,
  ...ADMIN_ROUTES,
  ...LIFECYCLE_ROUTES,
  ...CODE_ROUTES,
  ...TRACE_ROUTES,
];
