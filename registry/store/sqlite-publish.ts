import type Database from 'better-sqlite3';
import type { Service } from '../../core/ir.js';
import { sha256 } from '../content-hash.js';
import { eventUnionsOwned, serviceDeleted, versionDeleted, versionExists } from './publish-refusals.js';
import { type ServiceRow, toVersion, VERSION_COLUMNS, type VersionRow } from './rows.js';
import { refuseIfReadOnly, setLatest } from './sqlite-lifecycle.js';
import {
  DEFAULT_POLICY_SQL,
  type Gate,
  type HistoryEntry,
  type PublishOutcome,
  type PublishPlan,
} from './store.js';

/** What the publish transaction needs from the store it runs in. */
export interface SqliteAccess {
  q(sql: string): Database.Statement;
  serviceRow(organization: string, application: string): ServiceRow | undefined;
  ensureOrganization(key: string, by: string): number;
  historyEntry(row: {
    id: number;
    version: string;
    content_hash: string;
    forced_reason: string | null;
  }): HistoryEntry;
  audit(actor: string, action: string, target: string, detail: string | null): void;
  /** The IR of a stored version, by row id. */
  irOf(versionId: number): Service;
}

/** Signals the end of a dry run: the transaction rolls back and the outcome is returned. */
export class DryRunDone {
  constructor(readonly outcome: PublishOutcome) {}
}

/**
 * One publish, inside the caller's `BEGIN IMMEDIATE` transaction: organization and service rows,
 * the idempotence and conflict check, event union ownership, the gate over the history, the
 * insert, the successor's change log, the latest pointer, the audit entry. A dry run throws
 * `DryRunDone` at the end so that the transaction rolls back.
 */
export function publishInTransaction(db: SqliteAccess, plan: PublishPlan, gate: Gate): PublishOutcome {
  const orgId = db.ensureOrganization(plan.organization, plan.publishedBy);
  let service = db.serviceRow(plan.organization, plan.application);
  if (!service) {
    db.q(
      `INSERT INTO services (organization_id, key, name, created_at, created_by, policy) VALUES (?, ?, ?, ?, ?, ${DEFAULT_POLICY_SQL})`,
    ).run(orgId, plan.application, plan.name, plan.publishedAt, plan.publishedBy);
    service = db.serviceRow(plan.organization, plan.application)!;
  }
  if (service.deleted_at !== null) throw serviceDeleted(plan);
  refuseIfReadOnly(db, service);
  const existing = db
    .q(`SELECT ${VERSION_COLUMNS} WHERE v.service_id = ? AND v.sort_key = ?`)
    .get(service.id, plan.sortKey) as VersionRow | undefined;
  if (existing) {
    if (existing.deleted_at !== null) throw versionDeleted(plan, existing.version);
    if (existing.content_hash === plan.contentHash) return { status: 'exists', version: toVersion(existing) };
    throw versionExists(plan, existing.version);
  }
  checkEventUnions(db, orgId, service.id, plan);
  const history = db
    .q(
      'SELECT id, version, sort_key, content_hash, forced_reason FROM versions WHERE service_id = ? ORDER BY sort_key',
    )
    .all(service.id) as {
    id: number;
    version: string;
    sort_key: string;
    content_hash: string;
    forced_reason: string | null;
  }[];
  const entries = history.map((row) => ({ row, entry: db.historyEntry(row) }));
  const earlier = entries.filter((e) => e.row.sort_key < plan.sortKey);
  const later = entries.filter((e) => e.row.sort_key > plan.sortKey);
  const verdict = gate({
    policy: service.policy,
    earlier: earlier.map((e) => e.entry),
    later: later.map((e) => e.entry),
  });
  const forcedReason = verdict.forced ? plan.forcedReason : undefined;
  const previous = earlier.at(-1)?.row;
  const inserted = db
    .q(
      `INSERT INTO versions (service_id, version, sort_key, content_hash, format, original, original_etag, normalized,
         normalized_etag, previous_version_id, changes, forced_reason, published_at, published_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
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
      forcedReason ?? null,
      plan.publishedAt,
      plan.publishedBy,
    );
  const versionId = Number(inserted.lastInsertRowid);
  const successor = later[0]?.row;
  if (successor && verdict.successorChanges) {
    db.q('UPDATE versions SET previous_version_id = ?, changes = ? WHERE id = ?').run(
      versionId,
      JSON.stringify(verdict.successorChanges),
      successor.id,
    );
  }
  if (setLatest(db, service.id) === versionId) {
    db.q('UPDATE services SET name = ? WHERE id = ?').run(plan.name, service.id);
  }
  const imported = db.q(
    'INSERT INTO version_imports (version_id, organization, application, version) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
  );
  for (const i of plan.imports) imported.run(versionId, i.organization, i.application, i.version);
  const own = db.q(
    'INSERT INTO event_unions (organization_id, union_name, service_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  );
  for (const union of plan.eventUnions) own.run(orgId, union, service.id);
  db.audit(
    plan.publishedBy,
    forcedReason ? 'publish-forced' : 'publish',
    `${plan.organization}/${plan.application}@${plan.version}`,
    forcedReason ?? null,
  );
  const stored = db.q(`SELECT ${VERSION_COLUMNS} WHERE v.id = ?`).get(versionId) as VersionRow;
  const outcome: PublishOutcome = {
    status: plan.dryRun ? 'dry-run' : 'created',
    version: toVersion(stored),
  };
  if (plan.dryRun) throw new DryRunDone(outcome);
  return outcome;
}

function checkEventUnions(db: SqliteAccess, orgId: number, serviceId: number, plan: PublishPlan): void {
  const owner = db.q(
    'SELECT s.key FROM event_unions e JOIN services s ON s.id = e.service_id WHERE e.organization_id = ? AND e.union_name = ? AND e.service_id <> ?',
  );
  const owned = plan.eventUnions.flatMap((union) => {
    const application = owner.pluck().get(orgId, union, serviceId) as string | undefined;
    return application === undefined ? [] : [{ union, application }];
  });
  if (owned.length > 0) throw eventUnionsOwned(plan, owned);
}
