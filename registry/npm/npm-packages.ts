// identity.js, not index.js: the index loads the compiler (TypeScript), which serving must not pay for.
import { npmVersion } from '../../generators/package/identity.js';
import { notFound } from '../errors.js';
import { GENERATED_CACHE_VERSION, type MayRead, type Registry, requireReadableImports } from '../registry.js';
import { compareSemver, parseSemver } from '../semver.js';
import type { VersionRecord } from '../store/store.js';
import { assembleOffThread } from './off-thread.js';
import { packTarball, type Tarball, tarballOf } from './tarball.js';

/** The generator whose output (with the types it imports) makes a service's npm package. */
const PACKAGED_GENERATOR = 'typescript-client';

/** One npm version of a service's client package: its package.json and its tarball. */
export interface BuiltPackage {
  manifest: Record<string, unknown>;
  tarball: Tarball;
}

/** The service a package name stands for: `@<organization>/<application>-client`. */
export interface PackageService {
  organization: string;
  application: string;
}

/** The npm name of a service's generated client, the same `canon generate --package` derives. */
export const packageName = (organization: string, application: string): string =>
  `@${organization}/${application}-client`;

/** The service behind an npm package name, or undefined when the name is not one of ours. */
export function serviceOfPackage(name: string): PackageService | undefined {
  const match = /^@([a-z0-9][a-z0-9._-]*)\/([a-z0-9][a-z0-9._-]*)-client$/.exec(name);
  return match ? { organization: match[1]!, application: match[2]! } : undefined;
}

/**
 * The registry's stored spec versions as npm package versions. A package is built on first
 * request (the client and types generated, compiled for ESM and CommonJS, packed
 * deterministically) and kept in the store's generated-code cache, keyed by the version's content
 * hash and Canon's generator version: every replica serves the same bytes, and a rebuild after a
 * restart gives them again.
 */
export class NpmPackages {
  readonly #building = new Map<string, Promise<BuiltPackage>>();

  constructor(private readonly registry: Registry) {}

  /** Every published version as `[npm version, record]`, in semver order. */
  async versions(service: PackageService): Promise<[string, VersionRecord][]> {
    const records = await this.registry.store.listVersions(service.organization, service.application);
    if (!records || records.length === 0) throw this.#missing(service);
    return records.map((r) => [npmVersion(r.version), r]);
  }

  /** The `latest` dist-tag: the highest release, or the highest prerelease when there is none. */
  latest(versions: readonly string[]): string | undefined {
    const parsed = versions.map((v) => ({ v, s: parseSemver(v) })).filter((p) => p.s !== undefined);
    const releases = parsed.filter((p) => p.s!.prerelease.length === 0);
    const pool = releases.length > 0 ? releases : parsed;
    return pool.sort((a, b) => compareSemver(a.s!, b.s!)).at(-1)?.v;
  }

  /**
   * The package for one stored version, built once and then read from the cache. The caller must
   * be able to read every service it imports (the package carries their types), cached or not.
   */
  async build(service: PackageService, record: VersionRecord, mayRead: MayRead): Promise<BuiltPackage> {
    const { organization, application } = service;
    const ir = await this.registry.store.getServiceIr(organization, application, record.version);
    if (!ir) throw this.#missing(service);
    requireReadableImports(ir, mayRead);
    const name = packageName(service.organization, service.application);
    const version = npmVersion(record.version);
    const key = `npm:${GENERATED_CACHE_VERSION}:${record.contentHash}:${name}@${version}`;
    let pending = this.#building.get(key);
    if (!pending) {
      pending = this.#load(key, service, record, { name, version }, mayRead).finally(() =>
        this.#building.delete(key),
      );
      this.#building.set(key, pending);
    }
    return pending;
  }

  async #load(
    key: string,
    service: PackageService,
    record: VersionRecord,
    identity: { name: string; version: string },
    mayRead: MayRead,
  ): Promise<BuiltPackage> {
    const cached = await this.registry.store.getGenerated(key);
    if (cached !== undefined) {
      const { manifest, tarball } = JSON.parse(cached) as {
        manifest: Record<string, unknown>;
        tarball: string;
      };
      return { manifest, tarball: tarballOf(Buffer.from(tarball, 'base64')) };
    }
    const { organization, application } = service;
    const code = await this.registry.generate(
      organization,
      application,
      record.version,
      PACKAGED_GENERATOR,
      {},
      mayRead,
    );
    const ir = await this.registry.store.getServiceIr(organization, application, record.version);
    if (!ir) throw this.#missing(service);
    const files = await assembleOffThread(code.files, ir, identity);
    const manifest = JSON.parse(files.find((f) => f.path === 'package.json')!.contents) as Record<
      string,
      unknown
    >;
    const tarball = packTarball(files);
    await this.registry.store.putGenerated(
      key,
      JSON.stringify({ manifest, tarball: tarball.bytes.toString('base64') }),
    );
    return { manifest, tarball };
  }

  #missing({ organization, application }: PackageService) {
    return notFound(
      `The package ${packageName(organization, application)} (service ${organization}/${application})`,
      'Publish a version of the service first; its client is then served as this package.',
    );
  }
}
