import { notFound } from '../../errors.js';

/** The 404 for a service the registry does not hold (or the caller may not read). */
export const notFoundService = (org: string, app: string) =>
  notFound(`The service ${org}/${app}`, `See the services of ${org} at /ui/${org}.`);

/** The 404 for a version a service does not have. */
export const notFoundVersion = (org: string, app: string, version: string) =>
  notFound(`Version ${version.slice(0, 100)} of ${org}/${app}`, `See its versions at /ui/${org}/${app}.`);
