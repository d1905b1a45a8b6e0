import type { Service } from '../../core/ir.js';
import type { SubjectStore } from '../subjects/subject-store.js';

/** How a service's new versions are checked against its earlier ones (docs/registry.md). */
export const POLICIES = ['backward', 'backward-transitive', 'none', 'major-may-break'] as const;
export type CompatibilityPolicy = (typeof POLICIES)[number];

/**
 * The policy a new service starts with: the registry's default (`settings.policy`, set with
 * `PUT /policy`), else `backward`. Both stores use it in the insert of a service's first publish,
 * so the default is read in the publish's own transaction.
 */
export const DEFAULT_POLICY_SQL = "COALESCE((SELECT value FROM settings WHERE key = 'policy'), 'backward')";

/** READONLY refuses publishes and deletes (of the whole registry, or of one service). */
export const MODES = ['READWRITE', 'READONLY'] as const;
export type Mode = (typeof MODES)[number];

export const ROLES = ['read', 'publish', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** One entry of a version's change log, as the diff engine classified it. */
export interface StoredChange {
  rule: string;
  level: 'breaking' | 'warning' | 'info';
  path: string;
  message: string;
}

export interface OrganizationRecord {
  key: string;
  /** Prefix of the default namespace of its api.json specs (`com.acme` → `com.acme.user.v1`). */
  namespace?: string;
  createdAt: string;
  createdBy: string;
}

export interface ServiceRecord {
  organization: string;
  application: string;
  /** The spec's `name` as of the latest publish. */
  name: string;
  policy: CompatibilityPolicy;
  latestVersion?: string;
  createdAt: string;
  createdBy: string;
}

/** A published version without its documents. */
export interface VersionRecord {
  organization: string;
  application: string;
  version: string;
  contentHash: string;
  format: string;
  publishedAt: string;
  publishedBy: string;
  /** The version this one's `changes` were computed against (its semver predecessor). */
  previousVersion?: string;
  changes: StoredChange[];
  /** Set when an admin forced a breaking publish; the reason they gave. */
  forcedReason?: string;
}

/** A stored document, ready to send: the exact bytes and a precomputed strong ETag. */
export interface StoredDocument {
  version: string;
  bytes: Buffer;
  etag: string;
  contentType: string;
}

/** A version as the publish gate sees it: its place in the history and its IR on demand. */
export interface HistoryEntry {
  version: string;
  contentHash: string;
  forcedReason?: string;
  /** The normalized IR (parsed lazily, cached by content hash: versions never change). */
  service(): Service;
}

/** What the gate decides about a new version, given the versions around it. */
export interface GateVerdict {
  /** The new version's change log against its predecessor. */
  changes: StoredChange[];
  /** The successor's change log recomputed against the new version, when one exists. */
  successorChanges?: StoredChange[];
  /** True when the publish passed only because an admin forced it (its reason is then stored). */
  forced?: boolean;
}

/**
 * The versions the gate diffs the new one against: every earlier and later version under
 * `backward-transitive`, else the nearest on each side. A store that loads IRs asynchronously
 * fetches exactly these before it calls the synchronous gate.
 */
export function gateReads(
  policy: CompatibilityPolicy,
  earlier: readonly HistoryEntry[],
  later: readonly HistoryEntry[],
): { before: HistoryEntry[]; after: HistoryEntry[] } {
  if (policy === 'backward-transitive') return { before: [...earlier], after: [...later] };
  const predecessor = earlier.at(-1);
  const successor = later[0];
  return { before: predecessor ? [predecessor] : [], after: successor ? [successor] : [] };
}

export interface GateInput {
  policy: CompatibilityPolicy;
  /** Every stored version of the service, oldest first (semver order). */
  earlier: HistoryEntry[];
  later: HistoryEntry[];
}

/**
 * Checks a new version against its neighbours; throws a RegistryError to refuse it. Synchronous
 * on purpose: it runs inside the store's publish transaction, between reading the history and
 * writing the version, so no other publish of the service can slip in between.
 */
export type Gate = (input: GateInput) => GateVerdict;

export interface PublishPlan {
  organization: string;
  application: string;
  name: string;
  version: string;
  sortKey: string;
  original: string;
  format: string;
  /** The normalized IR as JSON text (what `/service` serves). */
  normalized: string;
  contentHash: string;
  /** Names of the `*_event` unions this version defines; each may belong to one service only. */
  eventUnions: string[];
  /** The service versions this version imports (recorded for `importersOf`). */
  imports: Importer[];
  publishedBy: string;
  publishedAt: string;
  /** An admin's reason to accept breaking changes; stored only when the gate needed it. */
  forcedReason?: string;
  dryRun: boolean;
}

export interface PublishOutcome {
  /** `created`: stored now; `exists`: the same content was already stored; `dry-run`: nothing stored. */
  status: 'created' | 'exists' | 'dry-run';
  version: VersionRecord;
}

/** A version of another service that imports the one asked about. */
export interface Importer {
  organization: string;
  application: string;
  version: string;
}

/** A live version of another service whose recorded imports name the service asked about. */
export interface ImportingVersion extends Importer {
  /** True when it is that service's latest version (the one a delete is refused for). */
  latest: boolean;
}

/**
 * What a restore found: the soft-deleted version or service is live again (`restored`); it was
 * not deleted (`not-deleted`); there is none (`missing`: never published, or hard-deleted); or
 * the version's service is itself soft-deleted (`service-deleted`: restore the service first).
 */
export type RestoreOutcome = 'restored' | 'not-deleted' | 'missing' | 'service-deleted';

/** How to delete: soft (hidden from reads, kept) or hard (gone), always with a reason. */
export interface DeleteRequest {
  hard: boolean;
  reason: string;
  by: string;
  /**
   * Recomputes a change log when a hard delete relinks the version after the deleted one to the
   * version before it (`core/diff`); synchronous, as the gate, because it runs in the transaction.
   */
  diff: (before: Service, after: Service) => StoredChange[];
}

export interface TokenRecord {
  id: string;
  /** An organization key, or `*` for every organization. */
  organization: string;
  role: Role;
  description: string;
  createdAt: string;
  createdBy: string;
  /** When it stops working (ISO 8601); absent for the bootstrap admin token. */
  expiresAt?: string;
}

/** What `bootstrapToken` found or did. */
export type BootstrapOutcome = 'created' | 'active' | 'revoked' | 'skipped';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  target: string;
  detail?: string;
}

export interface EventUnionOwner {
  organization: string;
  union: string;
  application: string;
}

export interface ServiceQuery {
  /** Matches organization, application key or name (case-insensitive substring). */
  text?: string;
  organization?: string;
  limit: number;
  offset: number;
}

/** Everything a registry holds, as plain JSON: `canon registry export` writes it, import reads it. */
export interface RegistryDump {
  format: 'canon-registry-export';
  formatVersion: 1;
  tables: Record<string, Record<string, unknown>[]>;
}

/**
 * The registry's storage. Async so that a networked database (PostgreSQL) fits behind it; every
 * guarantee (one version per service and number, gated publishes, event union ownership) comes
 * from the database's transactions and unique constraints, never from process memory.
 */
export interface RegistryStore {
  /** JSON Schema subjects (the Confluent-compatible API), in the same database. */
  readonly subjects: SubjectStore;
  /** Touches the database; throws when it cannot answer. */
  healthcheck(): Promise<void>;
  close(): Promise<void>;

  getOrganization(key: string): Promise<OrganizationRecord | undefined>;
  /** Creates the organization if needed and sets its namespace. */
  setOrganizationNamespace(key: string, namespace: string, by: string): Promise<OrganizationRecord>;

  getService(organization: string, application: string): Promise<ServiceRecord | undefined>;
  searchServices(query: ServiceQuery): Promise<ServiceRecord[]>;
  setPolicy(
    organization: string,
    application: string,
    policy: CompatibilityPolicy,
    by: string,
  ): Promise<ServiceRecord | undefined>;

  /** All versions of a service, oldest first; undefined when the service does not exist. */
  listVersions(organization: string, application: string): Promise<VersionRecord[] | undefined>;
  /** One version, or the latest with `version = 'latest'`. */
  getVersion(organization: string, application: string, version: string): Promise<VersionRecord | undefined>;
  getDocument(
    organization: string,
    application: string,
    version: string,
    kind: 'original' | 'normalized',
  ): Promise<StoredDocument | undefined>;
  /** The normalized IR of one version (or `latest`). */
  getServiceIr(organization: string, application: string, version: string): Promise<Service | undefined>;

  /** Checks and stores a version in one transaction (see `Gate`). */
  publish(plan: PublishPlan, gate: Gate): Promise<PublishOutcome>;

  /**
   * Deletes one version: refused (409 `imported`) while another service's latest version imports
   * it, and under READONLY. A hard delete relinks the next version's change log to the previous
   * one. False when there is no such version.
   */
  deleteVersion(
    organization: string,
    application: string,
    version: string,
    request: DeleteRequest,
  ): Promise<boolean>;
  /** Deletes a service and its versions, with the same refusals; false when it does not exist. */
  deleteService(organization: string, application: string, request: DeleteRequest): Promise<boolean>;
  /**
   * Brings back a soft-deleted version (`latest` moves to it when it is the highest), or with
   * `version` undefined a soft-deleted service with the versions it had. Refused under READONLY.
   */
  restore(
    organization: string,
    application: string,
    version: string | undefined,
    by: string,
  ): Promise<RestoreOutcome>;
  /**
   * The latest versions of other services that import this one (any of its versions, or the one
   * given). The reverse of every version's imports, recorded at publish.
   */
  importersOf(organization: string, application: string, version?: string): Promise<Importer[]>;
  /**
   * Every live version of other live services that imports `organization/application`, at any
   * version: what `GET …/referenced-by` answers. Sorted by organization, application, then semver.
   */
  importingVersions(organization: string, application: string): Promise<ImportingVersion[]>;
  /** The policy new services start with (`backward` until one is set). */
  getDefaultPolicy(): Promise<CompatibilityPolicy>;
  /** Sets the policy new services start with; services that exist keep theirs. */
  setDefaultPolicy(policy: CompatibilityPolicy, by: string): Promise<void>;
  /** The registry's mode, and the service's when one is named (undefined: no such service). */
  getMode(scope?: { organization: string; application: string }): Promise<Mode | undefined>;
  /** Sets the registry's mode, or one service's; false when the service does not exist. */
  setMode(
    scope: { organization: string; application: string } | undefined,
    mode: Mode,
    by: string,
  ): Promise<boolean>;
  /** Every live version, in any service, whose content hash is `hash`. */
  findByContentHash(hash: string): Promise<VersionRecord[]>;

  eventUnionOwners(organization?: string): Promise<EventUnionOwner[]>;
  /** Every write, newest first. */
  auditLog(limit: number, offset: number): Promise<AuditEntry[]>;

  createToken(token: TokenRecord, secretHash: string): Promise<void>;
  /**
   * A start-up token, atomically (several processes may start at once): `active` or `revoked`
   * when its secret is already known (nothing is written), else `skipped` when `firstOnly` and the
   * store holds any token, else it is created (`created`).
   */
  bootstrapToken(token: TokenRecord, secretHash: string, firstOnly: boolean): Promise<BootstrapOutcome>;
  /** The token with this secret, unless revoked (expired ones too: the caller says why it fails). */
  findToken(secretHash: string): Promise<TokenRecord | undefined>;
  /** Tokens not revoked, oldest first; only those of `organization` when given. */
  listTokens(organization?: string): Promise<TokenRecord[]>;
  /** Revokes a token (only one of `organization`, when given); false when there is none to revoke. */
  revokeToken(id: string, by: string, organization?: string): Promise<boolean>;

  getGenerated(cacheKey: string): Promise<string | undefined>;
  putGenerated(cacheKey: string, files: string): Promise<void>;

  exportAll(): Promise<RegistryDump>;
  /** Loads a dump into an empty store; refuses a store that holds anything. */
  importAll(dump: RegistryDump): Promise<void>;
}
