import { closeSync, openSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { Service } from '../../core/ir.js';
import { LruCache } from '../lru-cache.js';
import { sqliteSubjectStore } from '../subjects/sql-runners.js';
import type { SubjectStore } from '../subjects/subject-store.js';
import { databaseBusy, isDatabaseBusy } from './contention.js';
import { IrCache } from './ir-cache.js';
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
import { exportTables, importTables } from './sqlite-dump.js';
import {
  deleteServiceInTransaction,
  deleteVersionInTransaction,
  importersOf,
  importingVersions,
  registryMode,
} from './sqlite-lifecycle.js';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';
import { DryRunDone, publishInTransaction, type SqliteAccess } from './sqlite-publish.js';
import { restoreInTransaction } from './sqlite-restore.js';
import type {
  AuditEntry,
  CompatibilityPolicy,
  DeleteRequest,
  EventUnionOwner,
  Gate,
  HistoryEntry,
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

export interface SqliteStoreOptions {
  /** Bytes of documents kept in memory for fast reads (default 64 MiB). */
  documentCacheBytes?: number;
  /** JSON size of the parsed IRs kept for the gate and generators (default 96 MiB). */
  irCacheBytes?: number;
  /**
   * How long a write waits for another connection's lock before it is refused with 503 (default
   * 5 s). The wait is asynchronous: other requests are answered meanwhile.
   */
  lockWaitMs?: number;
  /** Bytes of generated code kept (default 256 MiB); the oldest entries go first. */
  generatedCacheBytes?: number;
}

/**
 * The registry store on one SQLite file (better-sqlite3): WAL, foreign keys, migrations applied at
 * open, each publish in one `BEGIN IMMEDIATE` transaction so that concurrent publishers (even in
 * other processes) are serialized by the database itself.
 */
export class SqliteStore implements RegistryStore {
  readonly db: Database.Database;
  readonly subjects: SubjectStore;
  readonly #documents: LruCache<StoredDocument>;
  readonly #irs: IrCache;
  /** What the publish transaction (`sqlite-publish.ts`) may use of this store. */
  readonly #access: SqliteAccess = {
    q: (sql) => this.#q(sql),
    serviceRow: (organization, application) => this.#serviceRow(organization, application),
    ensureOrganization: (key, by) => this.#ensureOrganization(key, by),
    historyEntry: (row) => this.#historyEntry(row),
    audit: (actor, action, target, detail) => this.#audit(actor, action, target, detail),
    irOf: (id) =>
      this.#ir(id, this.#q('SELECT content_hash FROM versions WHERE id = ?').pluck().get(id) as string),
  };

  readonly #lockWaitMs: number;
  readonly #generatedCacheBytes: number;

  constructor(file: string, options: SqliteStoreOptions = {}) {
    createPrivately(file);
    this.db = new Database(file);
    // Opening may wait for another process that is opening or migrating the same file (several
    // registries starting at once): block then, before any request is served.
    this.db.pragma('busy_timeout = 30000');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('synchronous = FULL');
    this.#documents = new LruCache(options.documentCacheBytes ?? 64 * 1024 * 1024, (d) => d.bytes.length);
    this.#irs = new IrCache(options.irCacheBytes ?? 96 * 1024 * 1024);
    this.#lockWaitMs = options.lockWaitMs ?? 5000;
    this.#generatedCacheBytes = options.generatedCacheBytes ?? 256 * 1024 * 1024;
    this.#migrate();
    this.subjects = sqliteSubjectStore(this.db, (work) => this.#write(work));
    // Serving: SQLite's busy handler would sleep inside the (synchronous) driver call and stall
    // every request; writes wait for the lock asynchronously instead (`#write`).
    this.db.pragma('busy_timeout = 0');
  }

  /**
   * Runs `work` in a `BEGIN IMMEDIATE` transaction. While another connection (another process)
   * holds the write lock, it retries after short, growing pauses that leave the event loop free,
   * and after `lockWaitMs` refuses with `503 database-busy` and `Retry-After`.
   */
  async #write<T>(work: () => T): Promise<T> {
    const deadline = Date.now() + this.#lockWaitMs;
    for (let attempt = 0; ; attempt++) {
      try {
        return this.db.transaction(work).immediate();
      } catch (error) {
        if (!isDatabaseBusy(error)) throw error;
        if (Date.now() >= deadline) throw databaseBusy();
        await new Promise((resolve) => setTimeout(resolve, Math.min(2 ** attempt, 50)));
      }
    }
  }

  #migrate(): void {
    const run = this.db.transaction(() => {
      this.db.exec(
        'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
      );
      const applied = new Set(
        this.db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[],
      );
      for (const migration of SQLITE_MIGRATIONS) {
        if (applied.has(migration.version)) continue;
        this.db.exec(migration.sql);
        this.db
          .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(migration.version, migration.name, new Date().toISOString());
      }
    });
    run.immediate();
  }

  readonly #statements = new Map<string, Database.Statement>();

  /** A prepared statement, compiled once per SQL text. */
  #q(sql: string): Database.Statement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.#statements.set(sql, statement);
    }
    return statement;
  }

  async healthcheck(): Promise<void> {
    this.#q('SELECT count(*) FROM schema_migrations').get();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async getOrganization(key: string): Promise<OrganizationRecord | undefined> {
    const row = this.#q('SELECT key, namespace, created_at, created_by FROM organizations WHERE key = ?').get(
      key,
    ) as { key: string; namespace: string | null; created_at: string; created_by: string } | undefined;
    if (!row) return undefined;
    const record: OrganizationRecord = { key: row.key, createdAt: row.created_at, createdBy: row.created_by };
    if (row.namespace !== null) record.namespace = row.namespace;
    return record;
  }

  async setOrganizationNamespace(key: string, namespace: string, by: string): Promise<OrganizationRecord> {
    await this.#write(() => {
      const id = this.#ensureOrganization(key, by);
      this.#q('UPDATE organizations SET namespace = ? WHERE id = ?').run(namespace, id);
      this.#audit(by, 'set-namespace', key, namespace);
    });
    return (await this.getOrganization(key))!;
  }

  async getService(organization: string, application: string): Promise<ServiceRecord | undefined> {
    const row = this.#serviceRow(organization, application);
    return row && row.deleted_at === null ? toService(row) : undefined;
  }

  #serviceRow(organization: string, application: string): ServiceRow | undefined {
    return this.#q(`SELECT ${SERVICE_COLUMNS} WHERE o.key = ? AND s.key = ?`).get(
      organization,
      application,
    ) as ServiceRow | undefined;
  }

  async searchServices(query: ServiceQuery): Promise<ServiceRecord[]> {
    const where: string[] = [LIVE_SERVICE];
    const params: unknown[] = [];
    if (query.organization !== undefined) {
      where.push('o.key = ?');
      params.push(query.organization);
    }
    if (query.text) {
      where.push('(instr(lower(o.key), ?) > 0 OR instr(lower(s.key), ?) > 0 OR instr(lower(s.name), ?) > 0)');
      const text = query.text.toLowerCase();
      params.push(text, text, text);
    }
    const sql = `SELECT ${SERVICE_COLUMNS} WHERE ${where.join(' AND ')}
      ORDER BY o.key, s.key LIMIT ? OFFSET ?`;
    const rows = this.#q(sql).all(...params, query.limit, query.offset) as ServiceRow[];
    return rows.map(toService);
  }

  async setPolicy(organization: string, application: string, policy: CompatibilityPolicy, by: string) {
    return this.#write(() => {
      const row = this.#serviceRow(organization, application);
      if (!row || row.deleted_at !== null) return undefined;
      this.#q('UPDATE services SET policy = ? WHERE id = ?').run(policy, row.id);
      this.#audit(by, 'set-policy', `${organization}/${application}`, policy);
      return toService({ ...row, policy });
    });
  }

  async listVersions(organization: string, application: string): Promise<VersionRecord[] | undefined> {
    const service = this.#serviceRow(organization, application);
    if (!service || service.deleted_at !== null) return undefined;
    const rows = this.#q(
      `SELECT ${VERSION_COLUMNS} WHERE v.service_id = ? AND ${LIVE_VERSION} ORDER BY v.sort_key`,
    ).all(service.id) as VersionRow[];
    return rows.map(toVersion);
  }

  async getVersion(
    organization: string,
    application: string,
    version: string,
  ): Promise<VersionRecord | undefined> {
    const row = this.#versionRow(organization, application, version);
    return row && toVersion(row);
  }

  #versionRow(organization: string, application: string, version: string): VersionRow | undefined {
    const sql =
      version === 'latest'
        ? `SELECT ${VERSION_COLUMNS} WHERE ${LIVE_VERSION} AND v.id = (SELECT s2.latest_version_id FROM services s2
             JOIN organizations o2 ON o2.id = s2.organization_id WHERE o2.key = ? AND s2.key = ?)`
        : `SELECT ${VERSION_COLUMNS} WHERE ${LIVE_VERSION} AND o.key = ? AND s.key = ? AND v.version = ?`;
    const params = version === 'latest' ? [organization, application] : [organization, application, version];
    return this.#q(sql).get(...params) as VersionRow | undefined;
  }

  async getDocument(
    organization: string,
    application: string,
    version: string,
    kind: 'original' | 'normalized',
  ) {
    const etagColumn = kind === 'original' ? 'original_etag' : 'normalized_etag';
    const match =
      version === 'latest' ? 'v.id = s.latest_version_id' : 'v.service_id = s.id AND v.version = ?';
    const head = this.#q(
      `SELECT v.id, v.version, v.format, v.${etagColumn} AS etag FROM services s
         JOIN organizations o ON o.id = s.organization_id JOIN versions v ON ${match}
         WHERE o.key = ? AND s.key = ? AND ${LIVE_VERSION}`,
    ).get(...(version === 'latest' ? [] : [version]), organization, application) as
      | { id: number; version: string; format: string; etag: string }
      | undefined;
    if (!head) return undefined;
    const cached = this.#documents.get(head.etag);
    if (cached) return { ...cached, version: head.version };
    const text = this.#q(`SELECT ${kind} FROM versions WHERE id = ?`).pluck().get(head.id) as string;
    const document = toStoredDocument(head.version, text, head.etag, kind);
    this.#documents.set(head.etag, document);
    return document;
  }

  async getServiceIr(
    organization: string,
    application: string,
    version: string,
  ): Promise<Service | undefined> {
    const row = this.#versionRow(organization, application, version);
    return row && this.#ir(row.id, row.content_hash);
  }

  #ir(versionId: number, hash: string): Service {
    const cached = this.#irs.get(hash);
    if (cached) return cached;
    const text = this.#q('SELECT normalized FROM versions WHERE id = ?').pluck().get(versionId) as string;
    return this.#irs.add(hash, text);
  }

  async publish(plan: PublishPlan, gate: Gate): Promise<PublishOutcome> {
    try {
      return await this.#write(() => publishInTransaction(this.#access, plan, gate));
    } catch (error) {
      if (error instanceof DryRunDone) return error.outcome;
      throw error;
    }
  }

  #ensureOrganization(key: string, by: string): number {
    const id = this.#q('SELECT id FROM organizations WHERE key = ?').pluck().get(key) as number | undefined;
    if (id !== undefined) return id;
    const now = new Date().toISOString();
    const result = this.#q('INSERT INTO organizations (key, created_at, created_by) VALUES (?, ?, ?)').run(
      key,
      now,
      by,
    );
    return Number(result.lastInsertRowid);
  }

  #historyEntry(row: {
    id: number;
    version: string;
    content_hash: string;
    forced_reason: string | null;
  }): HistoryEntry {
    const entry: HistoryEntry = {
      version: row.version,
      contentHash: row.content_hash,
      service: () => this.#ir(row.id, row.content_hash),
    };
    if (row.forced_reason !== null) entry.forcedReason = row.forced_reason;
    return entry;
  }

  #audit(actor: string, action: string, target: string, detail: string | null): void {
    this.#q('INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)').run(
      new Date().toISOString(),
      actor,
      action,
      target,
      detail,
    );
  }

  async deleteVersion(organization: string, application: string, version: string, request: DeleteRequest) {
    const remove = this.db.transaction(() => {
      const service = this.#serviceRow(organization, application);
      if (!service || service.deleted_at !== null) return false;
      return deleteVersionInTransaction(this.#access, service, version, request);
    });
    return remove.immediate();
  }

  async deleteService(organization: string, application: string, request: DeleteRequest) {
    const remove = this.db.transaction(() => {
      const service = this.#serviceRow(organization, application);
      return service ? deleteServiceInTransaction(this.#access, service, request) : false;
    });
    return remove.immediate();
  }

  async restore(organization: string, application: string, version: string | undefined, by: string) {
    const restore = this.db.transaction((): RestoreOutcome => {
      const service = this.#serviceRow(organization, application);
      return service ? restoreInTransaction(this.#access, service, version, by) : 'missing';
    });
    return restore.immediate();
  }

  async importersOf(organization: string, application: string, version?: string): Promise<Importer[]> {
    return importersOf(this.#access, organization, application, version);
  }

  async importingVersions(organization: string, application: string): Promise<ImportingVersion[]> {
    return importingVersions(this.#access, organization, application);
  }

  async getMode(scope?: { organization: string; application: string }): Promise<Mode | undefined> {
    if (!scope) return registryMode(this.#access);
    const service = this.#serviceRow(scope.organization, scope.application);
    return service && service.deleted_at === null ? service.mode : undefined;
  }

  async getDefaultPolicy(): Promise<CompatibilityPolicy> {
    return this.#q(`SELECT ${DEFAULT_POLICY_SQL}`).pluck().get() as CompatibilityPolicy;
  }

  async setDefaultPolicy(policy: CompatibilityPolicy, by: string): Promise<void> {
    const update = this.db.transaction(() => {
      this.#q(
        "INSERT INTO settings (key, value) VALUES ('policy', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
      ).run(policy);
      this.#audit(by, 'set-default-policy', '*', policy);
    });
    update.immediate();
  }

  async setMode(scope: { organization: string; application: string } | undefined, mode: Mode, by: string) {
    const update = this.db.transaction(() => {
      if (scope) {
        const service = this.#serviceRow(scope.organization, scope.application);
        if (!service || service.deleted_at !== null) return false;
        this.#q('UPDATE services SET mode = ? WHERE id = ?').run(mode, service.id);
      } else {
        this.#q(
          "INSERT INTO settings (key, value) VALUES ('mode', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        ).run(mode);
      }
      this.#audit(by, 'set-mode', scope ? `${scope.organization}/${scope.application}` : '*', mode);
      return true;
    });
    return update.immediate();
  }

  async findByContentHash(hash: string): Promise<VersionRecord[]> {
    const rows = this.#q(
      `SELECT ${VERSION_COLUMNS} WHERE v.content_hash = ? AND ${LIVE_VERSION} ORDER BY o.key, s.key, v.sort_key`,
    ).all(hash) as VersionRow[];
    return rows.map(toVersion);
  }

  async eventUnionOwners(organization?: string): Promise<EventUnionOwner[]> {
    const rows = this.#q(
      `SELECT o.key AS organization, e.union_name AS "union", s.key AS application FROM event_unions e
         JOIN organizations o ON o.id = e.organization_id JOIN services s ON s.id = e.service_id
         ${organization === undefined ? '' : 'WHERE o.key = ?'} ORDER BY o.key, e.union_name`,
    ).all(...(organization === undefined ? [] : [organization]));
    return rows as EventUnionOwner[];
  }

  async auditLog(limit: number, offset: number): Promise<AuditEntry[]> {
    const rows = this.#q(
      'SELECT id, at, actor, action, target, detail FROM audit_log ORDER BY id DESC LIMIT ? OFFSET ?',
    ).all(limit, offset) as (Omit<AuditEntry, 'detail'> & { detail: string | null })[];
    return rows.map(({ detail, ...entry }) => (detail === null ? entry : { ...entry, detail }));
  }

  async createToken(token: TokenRecord, secretHash: string): Promise<void> {
    await this.#write(() => this.#insertToken(token, secretHash));
  }

  #insertToken(token: TokenRecord, secretHash: string): void {
    this.#q(
      'INSERT INTO tokens (id, secret_hash, organization, role, description, created_at, created_by, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ).run(
      token.id,
      secretHash,
      token.organization,
      token.role,
      token.description,
      token.createdAt,
      token.createdBy,
      token.expiresAt ?? null,
    );
    this.#audit(token.createdBy, 'create-token', token.id, `${token.organization}:${token.role}`);
  }

  async bootstrapToken(token: TokenRecord, secretHash: string, firstOnly: boolean) {
    return this.#write(() => {
      const known = this.#q('SELECT revoked_at FROM tokens WHERE secret_hash = ?').get(secretHash) as
        | { revoked_at: string | null }
        | undefined;
      if (known) return known.revoked_at === null ? 'active' : 'revoked';
      if (firstOnly && this.#q('SELECT 1 FROM tokens LIMIT 1').get()) return 'skipped';
      this.#insertToken(token, secretHash);
      return 'created';
    });
  }

  async findToken(secretHash: string): Promise<TokenRecord | undefined> {
    const row = this.#q(
      `SELECT ${TOKEN_COLUMNS} FROM tokens WHERE secret_hash = ? AND revoked_at IS NULL`,
    ).get(secretHash) as TokenRow | undefined;
    return row && toToken(row);
  }

  async listTokens(organization?: string): Promise<TokenRecord[]> {
    const rows = this.#q(
      `SELECT ${TOKEN_COLUMNS} FROM tokens WHERE revoked_at IS NULL ${organization === undefined ? '' : 'AND organization = ?'} ORDER BY created_at, id`,
    ).all(...(organization === undefined ? [] : [organization])) as TokenRow[];
    return rows.map(toToken);
  }

  async revokeToken(id: string, by: string, organization?: string): Promise<boolean> {
    return this.#write(() => {
      const result = this.#q(
        `UPDATE tokens SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL ${organization === undefined ? '' : 'AND organization = ?'}`,
      ).run(new Date().toISOString(), by, id, ...(organization === undefined ? [] : [organization]));
      if (result.changes > 0) this.#audit(by, 'revoke-token', id, null);
      return result.changes > 0;
    });
  }

  async getGenerated(cacheKey: string): Promise<string | undefined> {
    return this.#q('SELECT files FROM generated_code WHERE cache_key = ?').pluck().get(cacheKey) as
      | string
      | undefined;
  }

  async putGenerated(cacheKey: string, files: string): Promise<void> {
    await this.#write(() => {
      this.#q(
        'INSERT INTO generated_code (cache_key, files, bytes) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      ).run(cacheKey, files, Buffer.byteLength(files));
      // Anyone who may read a version may ask for its code with any options: without a bound,
      // the cache would grow with every variant. Newest entries are kept up to the limit.
      this.#q(
        `DELETE FROM generated_code WHERE rowid <= (SELECT rowid FROM (SELECT rowid,
           sum(bytes) OVER (ORDER BY rowid DESC) AS kept FROM generated_code)
         WHERE kept > ? ORDER BY rowid DESC LIMIT 1)`,
      ).run(this.#generatedCacheBytes);
    });
  }

  async exportAll(): Promise<RegistryDump> {
    return exportTables(this.db);
  }

  async importAll(dump: RegistryDump): Promise<void> {
    importTables(this.db, dump);
  }
}

/**
 * Creates a missing database file readable by its owner only (0600): it holds token hashes and
 * every private spec. SQLite gives its -wal and -shm files the same permissions. An existing file
 * (or one another process creates first) is left as it is.
 */
function createPrivately(file: string): void {
  if (file === ':memory:' || file === '') return;
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
