import type { JsonObject, Service } from '../core/ir.js';
import type { GeneratedFile } from '../generators/contract.js';
import { checkCompatibility } from './compatibility-check.js';
import { canonicalJson, contentHash, sha256 } from './content-hash.js';
import { noSuchService, notFound, problem, RegistryError } from './errors.js';
import { type DiffFunction, publishGate } from './gate.js';
import { importTarget, intakeSpec, storeResolver } from './intake.js';
import { IR_INTERNER } from './json-interner.js';
import { checkKey } from './keys.js';
import { semverSortKey } from './semver.js';
import { maxSatisfying, parseRange } from './semver-range.js';
import type { PublishOutcome, RegistryStore, StoredChange } from './store/store.js';
import { mirrorEventSubjects } from './subjects/event-subjects.js';
import { dependentsOf, withDependents } from './trace/reached-dependents.js';
import { checkVersion } from './version-key.js';

/** The generators the registry can run, by name (`generators/` provides the real one). */
export interface GeneratorCatalog {
  list(): { name: string; description: string }[];
  run(
    name: string,
    input: { service: Service; imports: Service[]; options: JsonObject },
  ): Promise<GeneratedFile[] | undefined>;
}

/** Part of every generated-code cache key: bump it when the generators' output changes. */
export const GENERATED_CACHE_VERSION = 'canon-0.1.0';

export interface RegistryOptions {
  store: RegistryStore;
  diff: DiffFunction;
  generators?: GeneratorCatalog;
  /** Largest spec accepted, in bytes (default 16 MiB). */
  maxSpecBytes?: number;
  /** Whether requests without a token may read (default true: a local registry). */
  anonymousReads?: boolean;
  /** Where internal failures are written (default stderr). */
  log?: (line: string) => void;
}

/**
 * Whether the caller may read an organization's services. Every read the registry makes for a
 * caller (an import while loading a spec, the imports of generated code) asks it first, so that
 * an import reaches exactly what a direct read would.
 */
export type MayRead = (organization: string) => boolean;

/** For operators (`canon up` seeding its own specs): every organization. */
export const READS_EVERYTHING: MayRead = () => true;

export interface PublishInput {
  organization: string;
  application: string;
  version: string;
  original: string;
  file?: string;
  forceReason?: string;
  dryRun?: boolean;
  actor: string;
  mayRead: MayRead;
}

export interface PublishResult extends PublishOutcome {
  warnings: { code: string; path: string; message: string }[];
}

/**
 * The registry's operations, independent of HTTP: the Express layer and `canon up` both call
 * these. Access checks happen in the caller; this layer validates, gates and stores.
 */
export class Registry {
  readonly store: RegistryStore;
  readonly diff: DiffFunction;
  readonly generators: GeneratorCatalog | undefined;
  readonly maxSpecBytes: number;
  readonly anonymousReads: boolean;
  readonly log: (line: string) => void;

  constructor(options: RegistryOptions) {
    this.store = options.store;
    this.diff = options.diff;
    this.generators = options.generators;
    this.maxSpecBytes = options.maxSpecBytes ?? 16 * 1024 * 1024;
    this.anonymousReads = options.anonymousReads ?? true;
    this.log = options.log ?? ((line) => process.stderr.write(`${line}\n`));
  }

  /** Validates, gates and stores one version (or, with `dryRun`, answers what would happen). */
  async publish(input: PublishInput): Promise<PublishResult> {
    checkKey('organization', input.organization);
    checkKey('application', input.application);
    const semver = checkVersion(input.version);
    const intake = await intakeSpec(input.original, {
      ...(await this.#intakeOptions(input.mayRead, input.file, input.organization)),
      version: input.version,
    });
    const stamped = this.#stamp(intake.service, input);
    const normalized = JSON.stringify(stamped);
    const hash = contentHash(stamped);
    // Shares every subtree it has in common with the stored versions (see json-interner.ts).
    const service = IR_INTERNER.intern(JSON.parse(normalized) as Service);
    const outcome = await this.#refusingWithDependents(input, () =>
      this.store.publish(
        {
          organization: input.organization,
          application: input.application,
          name: service.name,
          version: input.version,
          sortKey: semverSortKey(semver),
          original: input.original,
          format: intake.format,
          normalized,
          contentHash: hash,
          eventUnions: service.unions.map((u) => u.name).filter((name) => name.endsWith('_event')),
          imports: service.imports.map((i) => ({
            organization: i.organization.key,
            application: i.application.key,
            version: i.version,
          })),
          publishedBy: input.actor,
          publishedAt: new Date().toISOString(),
          dryRun: input.dryRun ?? false,
          ...(input.forceReason === undefined ? {} : { forcedReason: input.forceReason }),
        },
        publishGate({
          version: input.version,
          service,
          contentHash: hash,
          diff: this.diff,
          ...(input.forceReason === undefined ? {} : { forceReason: input.forceReason }),
        }),
      ),
    );
    if (outcome.status === 'created') await this.#mirrorEvents(service, input.actor);
    return { ...outcome, warnings: intake.warnings };
  }

  /**
   * Event unions are subjects too (`subjects/event-subjects.ts`). The version is stored already:
   * a failure here is logged, and the next publish of the service registers the schema.
   */
  async #mirrorEvents(service: Service, actor: string): Promise<void> {
    try {
      await mirrorEventSubjects(this.store, service, actor);
    } catch (error) {
      this.log(
        `event subjects of ${service.organization.key}/${service.application.key}: ${(error as Error).message}`,
      );
    }
  }

  /** Runs a publish; a refusal for breaking changes also names the dependents they would reach. */
  async #refusingWithDependents<T>(input: PublishInput, publish: () => Promise<T>): Promise<T> {
    try {
      return await publish();
    } catch (error) {
      if (!(error instanceof RegistryError) || error.status !== 409) throw error;
      throw withDependents(
        error,
        await dependentsOf(this.store, input.mayRead, input.organization, input.application),
      );
    }
  }

  /** The registry's view of a spec: organization, application and version are the registry's. */
  #stamp(service: Service, input: Pick<PublishInput, 'organization' | 'application' | 'version'>): Service {
    return {
      ...service,
      organization: { key: input.organization },
      application: { key: input.application },
      version: input.version,
    };
  }

  /** How the loader reads a document for an organization: its namespace prefix applies to api.json. */
  async #intakeOptions(mayRead: MayRead, file: string | undefined, organization?: string) {
    const namespace =
      organization === undefined ? undefined : (await this.store.getOrganization(organization))?.namespace;
    return {
      store: this.store,
      mayRead,
      maxBytes: this.maxSpecBytes,
      log: this.log,
      ...(file === undefined ? {} : { file }),
      ...(organization === undefined ? {} : { organization }),
      ...(namespace === undefined ? {} : { organizationNamespace: namespace }),
    };
  }

  /** Validates a document without storing anything. */
  async validate(original: string, mayRead: MayRead, file?: string) {
    try {
      const intake = await intakeSpec(original, await this.#intakeOptions(mayRead, file));
      return { valid: true, format: intake.format, errors: [], warnings: intake.warnings };
    } catch (error) {
      if (error instanceof RegistryError && error.status === 422) {
        return { valid: false, errors: error.errors, warnings: [] };
      }
      throw error;
    }
  }

  /**
   * Checks a document against the latest version without storing it: the changes and whether
   * the service's policy would accept them as the next version of the same major.
   */
  async check(organization: string, application: string, original: string, mayRead: MayRead, file?: string) {
    const record = await this.store.getService(organization, application);
    const intake = await intakeSpec(original, {
      ...(await this.#intakeOptions(mayRead, file, organization)),
      ...(record?.latestVersion === undefined ? {} : { version: record.latestVersion }),
    });
    const latest = await this.store.getServiceIr(organization, application, 'latest');
    if (!record || !latest) {
      const policy = record?.policy ?? (await this.store.getDefaultPolicy());
      return { compatible: true, policy, changes: [] as StoredChange[] };
    }
    const next = this.#stamp(intake.service, { organization, application, version: latest.version });
    const verdict = await checkCompatibility({
      store: this.store,
      diff: this.diff,
      organization,
      application,
      policy: record.policy,
      latest,
      next,
    });
    if (verdict.compatible) return verdict;
    const dependents = await dependentsOf(this.store, mayRead, organization, application);
    return dependents.length === 0 ? verdict : { ...verdict, dependents };
  }

  /** What changed from one version to another (any two, either order), computed from the IRs. */
  async changesBetween(organization: string, application: string, from: string, to: string) {
    const [before, after] = await Promise.all([
      this.store.getServiceIr(organization, application, from),
      this.store.getServiceIr(organization, application, to),
    ]);
    if (!before)
      throw notFound(
        `Version ${from} of ${organization}/${application}`,
        'List the versions with GET /services/{org}/{app}/versions.',
      );
    if (!after)
      throw notFound(
        `Version ${to} of ${organization}/${application}`,
        'List the versions with GET /services/{org}/{app}/versions.',
      );
    return { from: before.version, to: after.version, changes: this.diff(before, after) };
  }

  /**
   * What a version in a read path names: itself, `latest` (moving), or the highest release in a
   * range such as `^1.2`, `~1.2` or `1.x` (moving: the answer changes as versions are published).
   */
  async resolveVersion(organization: string, application: string, text: string) {
    const range = parseRange(text);
    if (!range) return { version: text, moving: text === 'latest' };
    const versions = await this.store.listVersions(organization, application);
    if (!versions) throw noSuchService(organization, application);
    const version = maxSatisfying(
      versions.map((v) => v.version),
      range,
    );
    if (version === undefined) {
      throw notFound(
        `A release of ${organization}/${application} in the range ${text}`,
        `Its versions: ${versions.map((v) => v.version).join(', ') || 'none'}.`,
      );
    }
    return { version, moving: true };
  }

  /** Soft or hard delete of one version or (without `version`) of a whole service; 404 when missing. */
  async delete(
    target: { organization: string; application: string; version?: string },
    request: { hard: boolean; reason: string; actor: string },
  ): Promise<void> {
    const { organization, application, version } = target;
    const how = { hard: request.hard, reason: request.reason, by: request.actor, diff: this.diff };
    const deleted =
      version === undefined
        ? await this.store.deleteService(organization, application, how)
        : await this.store.deleteVersion(organization, application, version, how);
    if (deleted) return;
    if (version === undefined || !(await this.store.getService(organization, application))) {
      throw noSuchService(organization, application);
    }
    throw notFound(
      `Version ${version.slice(0, 100)} of ${organization}/${application}`,
      `List its versions with GET /services/${organization}/${application}/versions.`,
    );
  }

  /**
   * Undoes a soft delete of a version, or of the service when `version` is undefined (admins; the
   * route checks the role). A hard delete cannot be undone: there is nothing left to restore.
   */
  async restore(
    target: { organization: string; application: string; version?: string },
    actor: string,
  ): Promise<void> {
    const { organization, application, version } = target;
    const name = `${organization}/${application}`;
    const outcome = await this.store.restore(organization, application, version, actor);
    if (outcome === 'restored') return;
    if (outcome === 'service-deleted') {
      throw problem(
        409,
        'service-deleted',
        `${name} is deleted: restore the service first (POST /services/${name}/restore), then its versions.`,
      );
    }
    const what = version === undefined ? name : `${name} ${version.slice(0, 100)}`;
    if (outcome === 'not-deleted')
      throw problem(409, 'not-deleted', `${what} is not deleted: there is nothing to restore.`);
    if (version === undefined || !(await this.store.getService(organization, application))) {
      throw notFound(
        `The service ${name}`,
        'Only a soft delete can be undone: a hard-deleted service is gone.',
      );
    }
    throw notFound(
      `Version ${version.slice(0, 100)} of ${name}`,
      'Only a soft delete can be undone: a hard-deleted version is gone.',
    );
  }

  /** Runs a generator over a stored version; results are cached by content hash and options. */
  async generate(
    organization: string,
    application: string,
    version: string,
    generator: string,
    options: JsonObject,
    mayRead: MayRead,
  ) {
    const catalog = this.generators;
    if (!catalog?.list().some((g) => g.name === generator)) {
      throw notFound(
        `The generator '${generator.slice(0, 100)}'`,
        'List the generators with GET /generators.',
      );
    }
    const record = await this.store.getVersion(organization, application, version);
    if (!record)
      throw notFound(
        `Version ${version} of ${organization}/${application}`,
        'List the versions with GET /services/{org}/{app}/versions.',
      );
    const service = (await this.store.getServiceIr(organization, application, record.version))!;
    // Checked before the cache: the imports' code is in the cached files too.
    requireReadableImports(service, mayRead);
    const key = `${GENERATED_CACHE_VERSION}:${record.contentHash}:${generator}:${sha256(canonicalJson(options))}`;
    const cached = await this.store.getGenerated(key);
    if (cached !== undefined)
      return { version: record.version, generator, files: JSON.parse(cached) as GeneratedFile[] };
    const resolver = storeResolver(this.store, mayRead);
    const imports = (await Promise.all(service.imports.map((i) => resolver.resolve(i.uri)))).filter(
      (s): s is Service => s !== undefined,
    );
    const files = await catalog.run(generator, { service, imports, options });
    if (!files) throw notFound(`The generator '${generator}'`, 'List the generators with GET /generators.');
    await this.store.putGenerated(key, JSON.stringify(files));
    return { version: record.version, generator, files };
  }
}

/**
 * Refuses (403) a version that imports a service of an organization the caller may not read,
 * whether or not that service exists: its generated code would carry the import's types. Both
 * the organization the import record names and the one its URI points to are checked (in a
 * service.json document the author writes both).
 */
export function requireReadableImports(service: Service, mayRead: MayRead): void {
  for (const i of service.imports) {
    const organizations = [i.organization.key, importTarget(i.uri)?.organization];
    const hidden = organizations.find((org) => org !== undefined && !mayRead(org));
    if (hidden === undefined) continue;
    throw problem(
      403,
      'forbidden-import',
      `This version imports ${i.uri.slice(0, 300)}, from the organization ${hidden.slice(0, 100)}, which your token may not read. Ask an admin for a token that reads ${hidden.slice(0, 100)}.`,
    );
  }
}
