import type { Service } from '../../core/ir.js';

/** How a generated npm package is named. */
export interface PackageIdentity {
  name: string;
  version: string;
}

const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const NAME = /^(@[a-z0-9][a-z0-9._-]*\/)?[a-z0-9][a-z0-9._-]*$/;

/** Lower case, npm-safe: runs of other characters become one `-`, none at the ends. */
const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[._-]+$/g, '');

/**
 * The package name and version derived from a spec: the organization is the scope and the
 * application names the client (`acme` / `user` / `1.4.0` → `@acme/user-client` `1.4.0`); a
 * version that is not semver becomes a prerelease of 0.0.0 (`0.0.0-<version>`).
 *
 * @example
 * packageIdentity(service, { version: '2.0.0-rc.1' }) // { name: '@acme/user-client', version: '2.0.0-rc.1' }
 */
export function packageIdentity(service: Service, overrides: Partial<PackageIdentity> = {}): PackageIdentity {
  const scope = slug(service.organization.key);
  const base = `${slug(service.application.key) || 'api'}-client`;
  const derived = scope === '' ? base : `@${scope}/${base}`;
  return {
    name: overrides.name ?? derived.slice(0, 214),
    version: overrides.version ?? npmVersion(service.version),
  };
}

/** A spec version as an npm version: itself when semver, else a prerelease of 0.0.0. */
export function npmVersion(specVersion: string): string {
  if (SEMVER.test(specVersion)) return specVersion;
  const tag = specVersion.replace(/[^0-9A-Za-z.-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  return `0.0.0-${tag || 'unversioned'}`;
}

/** Errors in a user-given package name or version, as messages. */
export function checkPackageIdentity(identity: PackageIdentity): string[] {
  const problems: string[] = [];
  if (!NAME.test(identity.name) || identity.name.length > 214) {
    problems.push(
      `'${identity.name}' is not a valid npm package name (lower case letters, digits, '-', '.', '_', optional @scope/).`,
    );
  }
  if (!SEMVER.test(identity.version))
    problems.push(`'${identity.version}' is not a semver version such as 1.2.3.`);
  return problems;
}

/** Whether `version` is semver (what npm accepts as a package version). */
export const isSemver = (version: string): boolean => SEMVER.test(version);
