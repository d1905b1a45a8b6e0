import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { holds, type Principal, requireRole } from '../access.js';
import { notFound, problem } from '../errors.js';
import type { MayRead, Registry } from '../registry.js';
import { NpmPackages, type PackageService, packageName, serviceOfPackage } from './npm-packages.js';

/**
 * The registry as an npm registry, mounted under `/npm`: the packument (`GET /npm/@acme%2fuser-client`,
 * every published spec version as a package version, `latest` as dist-tag) and the tarballs it
 * points at (`GET /npm/@acme/user-client/-/user-client-1.4.0.tgz`). Reads need the same read
 * role as the rest of the registry: a private registry takes npm's `_authToken` as the Bearer
 * token it already understands.
 *
 * @example
 * // .npmrc
 * // @acme:registry=http://127.0.0.1:7411/npm/
 * // //127.0.0.1:7411/npm/:_authToken=canon_…
 */
export function npmRoutes(registry: Registry): Router {
  const packages = new NpmPackages(registry);
  const router = express.Router();
  router.use(async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      throw problem(
        405,
        'method-not-allowed',
        `${req.method} is not allowed here: this npm registry is read-only; publish specs instead.`,
      );
    }
    const path = safeDecode(req.path.slice(1));
    const tarballAt = path.indexOf('/-/');
    const name = tarballAt === -1 ? path.replace(/\/+$/, '') : path.slice(0, tarballAt);
    const service = serviceOfPackage(name);
    if (!service) return next();
    const principal = res.locals.principal as Principal;
    requireRole(principal, service.organization, 'read', registry.anonymousReads);
    // The package carries the types of the services it imports: those are read as this caller.
    const mayRead: MayRead = (organization) =>
      holds(principal, organization, 'read', registry.anonymousReads);
    if (tarballAt === -1) await sendPackument(req, res, packages, service, mayRead);
    else await sendTarball(res, packages, service, path.slice(tarballAt + 3), mayRead);
  });
  return router;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

async function sendPackument(
  req: Request,
  res: Response,
  packages: NpmPackages,
  service: PackageService,
  mayRead: MayRead,
) {
  const name = packageName(service.organization, service.application);
  const base = `${req.protocol}://${req.get('host')}${req.baseUrl}/${name}/-/${name.split('/')[1]}`;
  const versions: Record<string, unknown> = {};
  const time: Record<string, string> = {};
  const listed = await packages.versions(service);
  for (const [version, record] of listed) {
    const built = await packages.build(service, record, mayRead);
    versions[version] = {
      ...built.manifest,
      _id: `${name}@${version}`,
      dist: {
        tarball: `${base}-${version}.tgz`,
        integrity: built.tarball.integrity,
        shasum: built.tarball.shasum,
      },
    };
    time[version] = record.publishedAt;
  }
  const latest = packages.latest(Object.keys(versions));
  const body = {
    _id: name,
    name,
    description: `The generated TypeScript client of ${service.organization}/${service.application}.`,
    'dist-tags': latest === undefined ? {} : { latest },
    versions,
    time: { created: listed[0]![1].publishedAt, modified: listed.at(-1)![1].publishedAt, ...time },
  };
  res.status(200).set('content-type', 'application/json; charset=utf-8').set('cache-control', 'no-cache');
  res.end(JSON.stringify(body));
}

async function sendTarball(
  res: Response,
  packages: NpmPackages,
  service: PackageService,
  file: string,
  mayRead: MayRead,
) {
  const name = packageName(service.organization, service.application);
  const prefix = `${name.split('/')[1]}-`;
  const version =
    file.startsWith(prefix) && file.endsWith('.tgz') ? file.slice(prefix.length, -4) : undefined;
  const record =
    version === undefined ? undefined : (await packages.versions(service)).find(([v]) => v === version)?.[1];
  if (!record)
    throw notFound(
      `The tarball ${file.slice(0, 120)} of ${name}`,
      `List its versions with GET /npm/${name}.`,
    );
  const built = await packages.build(service, record, mayRead);
  res.status(200);
  res.setHeader('content-type', 'application/octet-stream');
  res.setHeader('content-length', built.tarball.bytes.length);
  res.setHeader('cache-control', 'public, max-age=31536000, immutable');
  res.end(res.req.method === 'HEAD' ? undefined : built.tarball.bytes);
}
