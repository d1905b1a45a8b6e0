import type { Service } from '../../core/ir.js';
import { LruCache } from '../lru-cache.js';
import { pgSubjectStore } from '../subjects/sql-runners.js';
import type { SubjectStore } from '../subjects/subject-store.js';
import { IrCache } from './ir-cache.js';
import { PgDatabase, type PgQueryable, parsePgUrl } from './pg-database.js';
import { exportPgTables, importPgTables } from './pg-dump.js';
import {
  deleteServiceInTransaction,
  deleteVersionInTransaction,
  importersOf,
  importingVersions,
  registryMode,
} from './pg-lifecycle.js';
import { migratePg } from './pg-migrations.js';
import { publishInPgTransaction } from './pg-publish.js';
import { restoreInPgTransaction } from './pg-restore.js';
import {
  LIVE_SERVICE,
  LIVE_VERSION,
  SERVICE_COLUMNS,
  type ServiceRow,
  TOKEN_COLUMNS,
  type TokenRow,
  toService,
  toStoredDocument,
  toToken,
  toVersion,
  VERSION_COLUMNS,
  type VersionRow,
} from './rows.js';
import type {
  AuditEntry,
  BootstrapOutcome,
  CompatibilityPolicy,
  DeleteRequest,
  EventUnionOwner,
  Gate,
  Importer,
  ImportingVersion,
  Mode,
  OrganizationRecord,
  PublishOutcome,
  PublishPlan,
  RegistryDump,
  RegistryStore,
  RestoreOutcome,
  ServiceQuery,
  ServiceRecord,
  StoredDocument,
  TokenRecord,
  VersionRecord,
} from './store.js';
import { DEFAULT_POLICY_SQL } from './store.js';

export interface PgStoreOptions {
  /** Bytes of documents kept in memory for fast reads (default 64 MiB). */
  documentCacheBytes?: number;
  /** JSON size of the parsed IRs kept for the gate and generators (default 96 MiB). */
  irCacheBytes?: number;
  /** Connections per process for reads (default 8) and for write transactions (default 4). */
  connections?: { reads?: number; writes?: number };
  /** Bytes of generated code kept (default 256 MiB); the oldest entries go first. */
  generatedCacheBytes?: number;
}

/**
 * The registry store on PostgreSQL, for any number of `canon serve` replicas on one database.
 * Nothing a replica keeps in memory decides anything: its caches hold only what never changes
 * (document bytes by ETag, IRs by content hash); which version is latest, policies and tokens
 * are read from the database on each request; publishes are serialized by a row lock on the
 * service (see `pg-publish.ts`).
 *
 * @example const store = await PgStore.open('postgres://canon@db:5432/canon?schema=registry');
 */
export class PgStore implements RegistryStore {
  readonly db: PgDatabase;
  readonly subjects: SubjectStore;
  readonly #documents: LruCache<StoredDocument>;
  readonly #irs: IrCache;

  private constructor(db: PgDatabase, options: PgStoreOptions) {
    this.db = db;
    this.subjects = pgSubjectStore(db);
    this.#documents = new LruCache(options.documentCacheBytes ?? 64 * 1024 * 1024, (d) => d.bytes.length);
    this.#irs = new IrCache(options.irCacheBytes ?? 96 * 1024 * 1024);
    this.#generatedCacheBytes = options.generatedCacheBytes ?? 256 * 1024 * 1024;
  }

  readonly #generatedCacheBytes: number;

  /** Connects and applies pending migrations (under an advisory lock: replicas may start together). */
  static async open(url: string, options: PgStoreOptions = {}): Promise<PgStore> {
    const db = new PgDatabase(parsePgUrl(url), options.connections);
    try {
      await migratePg(db);
    } catch (error) {
      await db.close();
      throw error;
    }
    return new PgStore(db, options);
  }

  async healthcheck(): Promise<void> {
    await this.db.rows('SELECT 1 FROM schema_migrations LIMIT 1');
  }

  async close(): Promise<void> {
    await this.db.close();
  }

  async getOrganization(key: string): Promise<OrganizationRecord | undefined> {
    const row = await this.db.row<{
      key: string;
      namespace: string | null;
      created_at: string;
      created_by: string;
    }>('SELECT key, namespace, created_at, created_by FROM organizations WHERE key = $1', [key]);
    if (!row) return undefined;
    const record: OrganizationRecord = { key: row.key, createdAt: row.created_at, createdBy: row.created_by };
    if (row.namespace !== null) record.namespace = row.namespace;
    return record;
  }

  async setOrganizationNamespace(key: string, namespace: string, by: string): Promise<OrganizationRecord> {
    await this.db.transaction(async (tx) => {
      await tx.rows(
        `INSERT INTO organizations (key, namespace, created_at, created_by) VALUES ($1, $2, $3, $4)
           ON CONFLICT (key) DO UPDATE SET namespace = EXCLUDED.namespace`,
        [key, namespace, new Date().toISOString(), by],
      );
      await audit(tx, by, 'set-namespace', key, namespace);
    });
    return (await this.getOrganization(key))!;
  }

  async getService(organization: string, application: string): Promise<ServiceRecord | undefined> {
    const row = await this.db.row<ServiceRow>(
      `SELECT ${SERVICE_COLUMNS} WHERE o.key = $1 AND s.key = $2 AND ${LIVE_SERVICE}`,
      [organization, application],
    );
    return row && toService(row);
  }

  async searchServices(query: ServiceQuery): Promise<ServiceRecord[]> {
    const where: string[] = [LIVE_SERVICE];
    const params: unknown[] = [];
    if (query.organization !== undefined) {
      params.push(query.organization);
      where.push(`o.key = $${params.length}`);
    }
    if (query.text) {
      params.push(query.text.toLowerCase());
      const p = `$${params.length}`;
      where.push(
        `(strpos(lower(o.key), ${p}) > 0 OR strpos(lower(s.key), ${p}) > 0 OR strpos(lower(s.name), ${p}) > 0)`,
      );
    }
    params.push(query.limit, query.offset);
    const rows = await this.db.rows<ServiceRow>(
      `SELECT ${SERVICE_COLUMNS} WHERE ${where.join(' AND ')}
        ORDER BY o.key COLLATE "C", s.key COLLATE "C" LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return rows.map(toService);
  }

  async setPolicy(organization: string, application: string, policy: CompatibilityPolicy, by: string) {
    return this.db.transaction(async (tx) => {
      const row = await tx.row<ServiceRow>(
        `SELECT ${SERVICE_COLUMNS} WHERE o.key = $1 AND s.key = $2 AND ${LIVE_SERVICE} FOR UPDATE OF s`,
        [organization, application],
      );
      if (!row) return undefined;
      await tx.rows('UPDATE services SET policy = $1 WHERE id = $2', [policy, row.id]);
      await audit(tx, by, 'set-policy', `${organization}/${application}`, policy);
      return toService({ ...row, policy });
    });
  }

  async listVersions(organization: string, application: string): Promise<VersionRecord[] | undefined> {
    const service = await this.getService(organization, application);
    if (!service) return undefined;
    const rows = await this.db.rows<VersionRow>(
      `SELECT ${VERSION_COLUMNS} WHERE o.key = $1 AND s.key = $2 AND ${LIVE_VERSION} ORDER BY v.sort_key`,
      [organization, application],
    );
    return rows.map(toVersion);
  }

  async getVersion(
    organization: string,
    application: string,
    version: string,
  ): Promise<VersionRecord | undefined> {
    const row = await this.#versionRow(organization, application, version);
    return row && toVersion(row);
  }

  #versionRow(organization: string, application: string, version: string): Promise<VersionRow | undefined> {
    return version === 'latest'
      ? this.db.row<VersionRow>(
          `SELECT ${VERSION_COLUMNS} WHERE o.key = $1 AND s.key = $2 AND v.id = s.latest_version_id AND ${LIVE_VERSION}`,
          [organization, application],
        )
      : this.db.row<VersionRow>(
          `SELECT ${VERSION_COLUMNS} WHERE o.key = $1 AND s.key = $2 AND v.version = $3 AND ${LIVE_VERSION}`,
          [organization, application, version],
        );
  }

  async getDocument(
    organization: string,
    application: string,
    version: string,
    kind: 'original' | 'normalized',
  ) {
    const etagColumn = kind === 'original' ? 'original_etag' : 'normalized_etag';
    const match =
      version === 'latest' ? 'v.id = s.latest_version_id' : 'v.service_id = s.id AND v.version = $3';
    const head = await this.db.row<{ id: number; version: string; etag: string }>(
      `SELECT v.id, v.version, v.${etagColumn} AS etag FROM services s
         JOIN organizations o ON o.id = s.organization_id JOIN versions v ON ${match}
         WHERE o.key = $1 AND s.key = $2 AND ${LIVE_VERSION}`,
      version === 'latest' ? [organization, application] : [organization, application, version],
    );
    if (!head) return undefined;
    const cached = this.#documents.get(head.etag);
    if (cached) return { ...cached, version: head.version };
    const text = (await this.db.row<{ text: string }>(`SELECT ${kind} AS text FROM versions WHERE id = $1`, [
      head.id,
    ]))!.text;
    const document = toStoredDocument(head.version, text, head.etag, kind);
    this.#documents.set(head.etag, document);
    return document;
  }

  async getServiceIr(
    organization: string,
    application: string,
    version: string,
  ): Promise<Service | undefined> {
    const row = await this.#versionRow(organization, application, version);
    if (!row) return undefined;
    const cached = this.#irs.get(row.content_hash);
    if (cached) return cached;
    const text = (await this.db.row<{ normalized: string }>('SELECT normalized FROM versions WHERE id = $1', [
      row.id,
    ]))!.normalized;
    return this.#irs.add(row.content_hash, text);
  }

  async publish(plan: PublishPlan, gate: Gate): Promise<PublishOutcome> {
    return this.db.transaction((tx) => publishInPgTransaction(tx, this.#irs, plan, gate), {
      // A publish waiting longer than this for its service's lock answers 503 database-busy.
      begin: "BEGIN; SET LOCAL lock_timeout = '10s'",
      rollback: (outcome) => outcome.status === 'dry-run',
    });
  }

  async deleteVersion(organization: string, application: string, version: string, request: DeleteRequest) {
    return this.db.transaction(async (tx) => {
      const service = await this.#lockService(tx, organization, application);
      if (!service || service.deleted_at !== null) return false;
      return deleteVersionInTransaction(tx, this.#irs, service, version, request);
    });
  }

  async deleteService(organization: string, application: string, request: DeleteRequest) {
    return this.db.transaction(async (tx) => {
      const service = await this.#lockService(tx, organization, application);
      return service ? deleteServiceInTransaction(tx, service, request) : false;
    });
  }

  async restore(organization: string, application: string, version: string | undefined, by: string) {
    return this.db.transaction(async (tx): Promise<RestoreOutcome> => {
      const service = await this.#lockService(tx, organization, application);
      return service ? restoreInPgTransaction(tx, service, version, by) : 'missing';
    });
  }

  /** The service row, locked against concurrent publishes and deletes until the transaction ends. */
  #lockService(tx: PgQueryable, organization: string, application: string) {
    return tx.row<ServiceRow>(`SELECT ${SERVICE_COLUMNS} WHERE o.key = $1 AND s.key = $2 FOR UPDATE OF s`, [
      organization,
      application,
    ]);
  }

  async importersOf(organization: string, application: string, version?: string): Promise<Importer[]> {
    return importersOf(this.db, organization, application, version);
  }

  async importingVersions(organization: string, application: string): Promise<ImportingVersion[]> {
    return importingVersions(this.db, organization, application);
  }

  async getMode(scope?: { organization: string; application: string }): Promise<Mode | undefined> {
    if (!scope) return registryMode(this.db);
    return (
      await this.db.row<ServiceRow>(
        `SELECT ${SERVICE_COLUMNS} WHERE o.key = $1 AND s.key = $2 AND ${LIVE_SERVICE}`,
        [scope.organization, scope.application],
      )
    )?.mode;
  }

  async getDefaultPolicy(): Promise<CompatibilityPolicy> {
    return (await this.db.row<{ policy: CompatibilityPolicy }>(`SELECT ${DEFAULT_POLICY_SQL} AS policy`))!
      .policy;
  }

  async setDefaultPolicy(policy: CompatibilityPolicy, by: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.rows(
        "INSERT INTO settings (key, value) VALUES ('policy', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        [policy],
      );
      await audit(tx, by, 'set-default-policy', '*', policy);
    });
  }

  async setMode(scope: { organization: string; application: string } | undefined, mode: Mode, by: string) {
    return this.db.transaction(async (tx) => {
      if (scope) {
        const service = await this.#lockService(tx, scope.organization, scope.application);
        if (!service || service.deleted_at !== null) return false;
        await tx.rows('UPDATE services SET mode = $1 WHERE id = $2', [mode, service.id]);
      } else {
        await tx.rows(
          "INSERT INTO settings (key, value) VALUES ('mode', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
          [mode],
        );
      }
      await audit(tx, by, 'set-mode', scope ? `${scope.organization}/${scope.application}` : '*', mode);
      return true;
    });
  }

  async findByContentHash(hash: string): Promise<VersionRecord[]> {
    const rows = await this.db.rows<VersionRow>(
      `SELECT ${VERSION_COLUMNS} WHERE v.content_hash = $1 AND ${LIVE_VERSION}
         ORDER BY o.key COLLATE "C", s.key COLLATE "C", v.sort_key`,
      [hash],
    );
    return rows.map(toVersion);
  }

  async eventUnionOwners(organization?: string): Promise<EventUnionOwner[]> {
    return this.db.rows<EventUnionOwner>(
      `SELECT o.key AS organization, e.union_name AS "union", s.key AS application FROM event_unions e
         JOIN organizations o ON o.id = e.organization_id JOIN services s ON s.id = e.service_id
         ${organization === undefined ? '' : 'WHERE o.key = $1'} ORDER BY o.key COLLATE "C", e.union_name COLLATE "C"`,
      organization === undefined ? [] : [organization],
    );
  }

  async auditLog(limit: number, offset: number): Promise<AuditEntry[]> {
    const rows = await this.db.rows<Omit<AuditEntry, 'detail'> & { detail: string | null }>(
      'SELECT id, at, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT $1 OFFSET $2',
      [limit, offset],
    );
    return rows.map(({ detail, ...entry }) => (detail === null ? entry : { ...entry, detail }));
  }

  async createToken(token: TokenRecord, secretHash: string): Promise<void> {
    await this.db.transaction((tx) => insertToken(tx, token, secretHash));
  }

  async bootstrapToken(
    token: TokenRecord,
    secretHash: string,
    firstOnly: boolean,
  ): Promise<BootstrapOutcome> {
    return this.db.transaction(async (tx) => {
      // Self-conflicting lock: replicas starting together on a new database take turns here.
      await tx.rows('LOCK TABLE tokens IN SHARE ROW EXCLUSIVE MODE');
      const known = await tx.row<{ revoked_at: string | null }>(
        'SELECT revoked_at FROM tokens WHERE secret_hash = $1',
        [secretHash],
      );
      if (known) return known.revoked_at === null ? 'active' : 'revoked';
      if (firstOnly && (await tx.row('SELECT 1 FROM tokens LIMIT 1'))) return 'skipped';
      await insertToken(tx, token, secretHash);
      return 'created';
    });
  }

  async findToken(secretHash: string): Promise<TokenRecord | undefined> {
    const row = await this.db.row<TokenRow>(
      `SELECT ${TOKEN_COLUMNS} FROM tokens WHERE secret_hash = $1 AND revoked_at IS NULL`,
      [secretHash],
    );
    return row && toToken(row);
  }

  async listTokens(organization?: string): Promise<TokenRecord[]> {
    const rows = await this.db.rows<TokenRow>(
      `SELECT ${TOKEN_COLUMNS} FROM tokens WHERE revoked_at IS NULL ${organization === undefined ? '' : 'AND organization = $1'} ORDER BY created_at COLLATE "C", id COLLATE "C"`,
      organization === undefined ? [] : [organization],
    );
    return rows.map(toToken);
  }

  async revokeToken(id: string, by: string, organization?: string): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      const revoked = await tx.rows(
        `UPDATE tokens SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND revoked_at IS NULL ${organization === undefined ? '' : 'AND organization = $4'} RETURNING id`,
        [new Date().toISOString(), by, id, ...(organization === undefined ? [] : [organization])],
      );
      if (revoked.length > 0) await audit(tx, by, 'revoke-token', id, null);
      return revoked.length > 0;
    });
  }

  async getGenerated(cacheKey: string): Promise<string | undefined> {
    return (
      await this.db.row<{ files: string }>('SELECT files FROM generated_code WHERE cache_key = $1', [
        cacheKey,
      ])
    )?.files;
  }

  async putGenerated(cacheKey: string, files: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.rows(
        'INSERT INTO generated_code (cache_key, files, bytes) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [cacheKey, files, Buffer.byteLength(files)],
      );
      // Anyone who may read a version may ask for its code with any options: without a bound,
      // the cache would grow with every variant. Newest entries are kept up to the limit.
      await tx.rows(
        `DELETE FROM generated_code WHERE seq <= (SELECT seq FROM (SELECT seq,
           sum(bytes) OVER (ORDER BY seq DESC) AS kept FROM generated_code) sized
         WHERE kept > $1 ORDER BY seq DESC LIMIT 1)`,
        [this.#generatedCacheBytes],
      );
    });
  }

  async exportAll(): Promise<RegistryDump> {
    return exportPgTables(this.db);
  }

  async importAll(dump: RegistryDump): Promise<void> {
    await importPgTables(this.db, dump);
  }
}

async function insertToken(tx: PgQueryable, token: TokenRecord, secretHash: string): Promise<void> {
  await tx.rows(
    'INSERT INTO tokens (id, secret_hash, organization, role, description, created_at, created_by, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [
      token.id,
      secretHash,
      token.organization,
      token.role,
      token.description,
      token.createdAt,
      token.createdBy,
      token.expiresAt ?? null,
    ],
  );
  await audit(tx, token.createdBy, 'create-token', token.id, `${token.organization}:${token.role}`);
}

function audit(tx: PgQueryable, actor: string, action: string, target: string, detail: string | null) {
  return tx.rows('INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5)', [
    new Date().toISOString(),
    actor,
    action,
    target,
    detail,
  ]);
}
