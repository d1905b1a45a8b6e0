import Database from 'better-sqlite3';
import type { Service } from '../../core/ir.js';
import { sha256 } from '../content-hash.js';
import { problem, RegistryError } from '../errors.js';
import { LruCache } from '../lru-cache.js';
import { exportTables, importTables } from './sqlite-dump.js';
import { SQLITE_MIGRATIONS } from './sqlite-migrations.js';
import type {
  CompatibilityPolicy,
  EventUnionOwner,
  Gate,
  HistoryEntry,
  OrganizationRecord,
  PublishOutcome,
  PublishPlan,
  RegistryDump,
  RegistryStore,
  ServiceQuery,
  ServiceRecord,
  StoredDocument,
  TokenRecord,
  VersionRecord,
} from './store.js';

interface ServiceRow {
  id: number;
  organization: string;
  key: string;
  name: string;
  policy: CompatibilityPolicy;
  latest: string | null;
  created_at: string;
  created_by: string;
}

interface VersionRow {
  id: number;
  organization: string;
  application: string;
  version: string;
  sort_key: string;
  content_hash: string;
  format: string;
  previous: string | null;
  changes: string;
  forced_reason: string | null;
  published_at: string;
  published_by: string;
}

const SERVICE_COLUMNS = `s.id, o.key AS organization, s.key, s.name, s.policy, lv.version AS latest, s.created_at, s.created_by
  FROM services s JOIN organizations o ON o.id = s.organization_id LEFT JOIN versions lv ON lv.id = s.latest_version_id`;
const VERSION_COLUMNS = `v.id, o.key AS organization, s.key AS application, v.version, v.sort_key, v.content_hash, v.format,
  pv.version AS previous, v.changes, v.forced_reason, v.published_at, v.published_by
  FROM versions v JOIN services s ON s.id = v.service_id JOIN organizations o ON o.id = s.organization_id
  LEFT JOIN versions pv ON pv.id = v.previous_version_id`;

/** Signals the end of a dry run: the transaction rolls back and the outcome is returned. */
class DryRunDone {
  constructor(readonly outcome: PublishOutcome) {}
}

export interface SqliteStoreOptions {
  /** Bytes of documents kept in memory for fast reads (default 64 MiB). */
  documentCacheBytes?: number;
}

/**
 * The registry store on one SQLite file (better-sqlite3): WAL, foreign keys, migrations applied at
 * open, each publish in one `BEGIN IMMEDIATE` transaction so that concurrent publishers (even in
 * other processes) are serialized by the database itself.
 */
export class SqliteStore implements RegistryStore {
  readonly db: Database.Database;
  readonly #documents: LruCache<StoredDocument>;
  readonly #irs = new LruCache<Service>(256);

  constructor(file: string, options: SqliteStoreOptions = {}) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 30000');
    this.db.pragma('synchronous = FULL');
    this.#documents = new LruCache(options.documentCacheBytes ?? 64 * 1024 * 1024, (d) => d.bytes.length);
    this.#migrate();
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
    this.db
      .transaction(() => {
        const id = this.#ensureOrganization(key, by);
        this.#q('UPDATE organizations SET namespace = ? WHERE id = ?').run(namespace, id);
        this.#audit(by, 'set-namespace', key, namespace);
      })
      .immediate();
    return (await this.getOrganization(key))!;
  }

  async getService(organization: string, application: string): Promise<ServiceRecord | undefined> {
    const row = this.#serviceRow(organization, application);
    return row && toService(row);
  }

  #serviceRow(organization: string, application: string): ServiceRow | undefined {
    return this.#q(`SELECT ${SERVICE_COLUMNS} WHERE o.key = ? AND s.key = ?`).get(
      organization,
      application,
    ) as ServiceRow | undefined;
  }

  async searchServices(query: ServiceQuery): Promise<ServiceRecord[]> {
    const where: string[] = [];
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
    const sql = `SELECT ${SERVICE_COLUMNS} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY o.key, s.key LIMIT ? OFFSET ?`;
    const rows = this.#q(sql).all(...params, query.limit, query.offset) as ServiceRow[];
    return rows.map(toService);
  }

  async setPolicy(organization: string, application: string, policy: CompatibilityPolicy, by: string) {
    const update = this.db.transaction(() => {
      const row = this.#serviceRow(organization, application);
      if (!row) return undefined;
      this.#q('UPDATE services SET policy = ? WHERE id = ?').run(policy, row.id);
      this.#audit(by, 'set-policy', `${organization}/${application}`, policy);
      return toService({ ...row, policy });
    });
    return update.immediate();
  }

  async listVersions(organization: string, application: string): Promise<VersionRecord[] | undefined> {
    const service = this.#serviceRow(organization, application);
    if (!service) return undefined;
    const rows = this.#q(`SELECT ${VERSION_COLUMNS} WHERE v.service_id = ? ORDER BY v.sort_key`).all(
      service.id,
    ) as VersionRow[];
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
        ? `SELECT ${VERSION_COLUMNS} WHERE v.id = (SELECT s2.latest_version_id FROM services s2 JOIN organizations o2
             ON o2.id = s2.organization_id WHERE o2.key = ? AND s2.key = ?)`
        : `SELECT ${VERSION_COLUMNS} WHERE o.key = ? AND s.key = ? AND v.version = ?`;
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
         WHERE o.key = ? AND s.key = ?`,
    ).get(...(version === 'latest' ? [] : [version]), organization, application) as
      | { id: number; version: string; format: string; etag: string }
      | undefined;
    if (!head) return undefined;
    const cached = this.#documents.get(head.etag);
    if (cached) return { ...cached, version: head.version };
    const text = this.#q(`SELECT ${kind} FROM versions WHERE id = ?`).pluck().get(head.id) as string;
    const document: StoredDocument = {
      version: head.version,
      bytes: Buffer.from(text, 'utf8'),
      etag: head.etag,
      contentType:
        kind === 'original' && /yaml/i.test(head.format)
          ? 'application/yaml'
          : 'application/json; charset=utf-8',
    };
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
    const service = JSON.parse(text) as Service;
    this.#irs.set(hash, service);
    return service;
  }

  async publish(plan: PublishPlan, gate: Gate): Promise<PublishOutcome> {
    try {
      return this.db.transaction(() => this.#publishInTransaction(plan, gate)).immediate();
    } catch (error) {
      if (error instanceof DryRunDone) return error.outcome;
      throw error;
    }
  }

  #publishInTransaction(plan: PublishPlan, gate: Gate): PublishOutcome {
    const orgId = this.#ensureOrganization(plan.organization, plan.publishedBy);
    let service = this.#serviceRow(plan.organization, plan.application);
    if (!service) {
      this.#q(
        'INSERT INTO services (organization_id, key, name, created_at, created_by) VALUES (?, ?, ?, ?, ?)',
      ).run(orgId, plan.application, plan.name, plan.publishedAt, plan.publishedBy);
      service = this.#serviceRow(plan.organization, plan.application)!;
    }
    const existing = this.#q(`SELECT ${VERSION_COLUMNS} WHERE v.service_id = ? AND v.sort_key = ?`).get(
      service.id,
      plan.sortKey,
    ) as VersionRow | undefined;
    if (existing) {
      if (existing.content_hash === plan.contentHash)
        return { status: 'exists', version: toVersion(existing) };
      throw problem(
        409,
        'version-exists',
        `${plan.organization}/${plan.application} ${existing.version} is already published with different content. Published versions never change: publish this as a new version.`,
      );
    }
    this.#checkEventUnions(orgId, service.id, plan);
    const history = this.#q(
      'SELECT id, version, sort_key, content_hash, forced_reason FROM versions WHERE service_id = ? ORDER BY sort_key',
    ).all(service.id) as {
      id: number;
      version: string;
      sort_key: string;
      content_hash: string;
      forced_reason: string | null;
    }[];
    const entries = history.map((row) => ({ row, entry: this.#historyEntry(row) }));
    const earlier = entries.filter((e) => e.row.sort_key < plan.sortKey);
    const later = entries.filter((e) => e.row.sort_key > plan.sortKey);
    const verdict = gate({
      policy: service.policy,
      earlier: earlier.map((e) => e.entry),
      later: later.map((e) => e.entry),
    });
    const previous = earlier.at(-1)?.row;
    const inserted = this.#q(
      `INSERT INTO versions (service_id, version, sort_key, content_hash, format, original, original_etag, normalized,
           normalized_etag, previous_version_id, changes, forced_reason, published_at, published_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      service.id,
      plan.version,
      plan.sortKey,
      plan.contentHash,
      plan.format,
      plan.original,
      `"${sha256(plan.original)}"`,
      plan.normalized,
      `"${sha256(plan.normalized)}"`,
      previous?.id ?? null,
      JSON.stringify(verdict.changes),
      plan.forcedReason ?? null,
      plan.publishedAt,
      plan.publishedBy,
    );
    const versionId = Number(inserted.lastInsertRowid);
    const successor = later[0]?.row;
    if (successor && verdict.successorChanges) {
      this.#q('UPDATE versions SET previous_version_id = ?, changes = ? WHERE id = ?').run(
        versionId,
        JSON.stringify(verdict.successorChanges),
        successor.id,
      );
    }
    if (!successor) {
      this.#q('UPDATE services SET latest_version_id = ?, name = ? WHERE id = ?').run(
        versionId,
        plan.name,
        service.id,
      );
    }
    const own = this.#q(
      'INSERT INTO event_unions (organization_id, union_name, service_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    );
    for (const union of plan.eventUnions) own.run(orgId, union, service.id);
    this.#audit(
      plan.publishedBy,
      plan.forcedReason ? 'publish-forced' : 'publish',
      `${plan.organization}/${plan.application}@${plan.version}`,
      plan.forcedReason ?? null,
    );
    const stored = this.#q(`SELECT ${VERSION_COLUMNS} WHERE v.id = ?`).get(versionId) as VersionRow;
    const outcome: PublishOutcome = {
      status: plan.dryRun ? 'dry-run' : 'created',
      version: toVersion(stored),
    };
    if (plan.dryRun) throw new DryRunDone(outcome);
    return outcome;
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

  #checkEventUnions(orgId: number, serviceId: number, plan: PublishPlan): void {
    const owner = this.#q(
      'SELECT s.key FROM event_unions e JOIN services s ON s.id = e.service_id WHERE e.organization_id = ? AND e.union_name = ? AND e.service_id <> ?',
    );
    const errors = plan.eventUnions.flatMap((union) => {
      const app = owner.pluck().get(orgId, union, serviceId) as string | undefined;
      return app === undefined
        ? []
        : [
            {
              code: 'event-union-owned',
              path: `/unions/${union}`,
              message: `The event union ${union} belongs to ${plan.organization}/${app}; each event stream has one owner. Rename the union (events of ${plan.application} go in ${plan.application.replaceAll('-', '_')}_event) or publish it from ${app}.`,
            },
          ];
    });
    if (errors.length > 0) throw new RegistryError(409, errors);
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

  async eventUnionOwners(organization?: string): Promise<EventUnionOwner[]> {
    const rows = this.#q(
      `SELECT o.key AS organization, e.union_name AS "union", s.key AS application FROM event_unions e
         JOIN organizations o ON o.id = e.organization_id JOIN services s ON s.id = e.service_id
         ${organization === undefined ? '' : 'WHERE o.key = ?'} ORDER BY o.key, e.union_name`,
    ).all(...(organization === undefined ? [] : [organization]));
    return rows as EventUnionOwner[];
  }

  async createToken(token: TokenRecord, secretHash: string): Promise<void> {
    this.db.transaction(() => {
      this.#q(
        'INSERT INTO tokens (id, secret_hash, organization, role, description, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ).run(
        token.id,
        secretHash,
        token.organization,
        token.role,
        token.description,
        token.createdAt,
        token.createdBy,
      );
      this.#audit(token.createdBy, 'create-token', token.id, `${token.organization}:${token.role}`);
    })();
  }

  async findToken(secretHash: string): Promise<TokenRecord | undefined> {
    const row = this.#q(
      'SELECT id, organization, role, description, created_at AS createdAt, created_by AS createdBy FROM tokens WHERE secret_hash = ? AND revoked_at IS NULL',
    ).get(secretHash);
    return row as TokenRecord | undefined;
  }

  async listTokens(): Promise<TokenRecord[]> {
    return this.#q(
      'SELECT id, organization, role, description, created_at AS createdAt, created_by AS createdBy FROM tokens WHERE revoked_at IS NULL ORDER BY created_at, id',
    ).all() as TokenRecord[];
  }

  async revokeToken(id: string, by: string): Promise<boolean> {
    return this.db.transaction(() => {
      const result = this.#q(
        'UPDATE tokens SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL',
      ).run(new Date().toISOString(), by, id);
      if (result.changes > 0) this.#audit(by, 'revoke-token', id, null);
      return result.changes > 0;
    })();
  }

  async getGenerated(cacheKey: string): Promise<string | undefined> {
    return this.#q('SELECT files FROM generated_code WHERE cache_key = ?').pluck().get(cacheKey) as
      | string
      | undefined;
  }

  async putGenerated(cacheKey: string, files: string): Promise<void> {
    this.#q('INSERT INTO generated_code (cache_key, files) VALUES (?, ?) ON CONFLICT DO NOTHING').run(
      cacheKey,
      files,
    );
  }

  async exportAll(): Promise<RegistryDump> {
    return exportTables(this.db);
  }

  async importAll(dump: RegistryDump): Promise<void> {
    importTables(this.db, dump);
  }
}

function toService(row: ServiceRow): ServiceRecord {
  const record: ServiceRecord = {
    organization: row.organization,
    application: row.key,
    name: row.name,
    policy: row.policy,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
  if (row.latest !== null) record.latestVersion = row.latest;
  return record;
}

function toVersion(row: VersionRow): VersionRecord {
  const record: VersionRecord = {
    organization: row.organization,
    application: row.application,
    version: row.version,
    contentHash: row.content_hash,
    format: row.format,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
    changes: JSON.parse(row.changes),
  };
  if (row.previous !== null) record.previousVersion = row.previous;
  if (row.forced_reason !== null) record.forcedReason = row.forced_reason;
  return record;
}
