import type { Service } from '../../core/ir.js';
import { sha256 } from '../content-hash.js';
import type { IrCache } from './ir-cache.js';
import type { PgQueryable } from './pg-database.js';
import { refuseIfReadOnly } from './pg-lifecycle.js';
import { eventUnionsOwned, serviceDeleted, versionDeleted, versionExists } from './publish-refusals.js';
import { type ServiceRow, toVersion, VERSION_COLUMNS, type VersionRow } from './rows.js';
import {
  DEFAULT_POLICY_SQL,
  type Gate,
  gateReads,
  type HistoryEntry,
  type PublishOutcome,
  type PublishPlan,
} from './store.js';

interface HistoryRow {
  id: number;
  version: string;
  sort_key: string;
  content_hash: string;
  forced_reason: string | null;
  deleted_at: string | null;
}

/**
 * One publish inside the caller's transaction. `SELECT … FOR UPDATE` on the service row
 * serializes publishes of one service across every replica: the history read after the lock is
 * the true one, and the gate runs against it. Organization, service and event union rows are
 * claimed with `INSERT … ON CONFLICT`, so first publishes racing each other meet at the unique
 * constraints. A dry run does everything and the caller rolls it back.
 */
export async function publishInPgTransaction(
  tx: PgQueryable,
  irs: IrCache,
  plan: PublishPlan,
  gate: Gate,
): Promise<PublishOutcome> {
  // Round trips are most of what a publish costs over SQLite: statements are combined where
  // that stays readable (the benchmark in docs/benchmarks.md).
  const orgId = await organizationId(tx, plan);
  // The upsert locks the service row (DO UPDATE takes the row lock, as FOR UPDATE would).
  const claimed = (await tx.row<Omit<ServiceRow, 'organization' | 'latest'>>(
    `INSERT INTO services (organization_id, key, name, created_at, created_by, policy)
       VALUES ($1, $2, $3, $4, $5, ${DEFAULT_POLICY_SQL})
       ON CONFLICT (organization_id, key) DO UPDATE SET key = EXCLUDED.key
       RETURNING id, key, name, policy, created_at, created_by, deleted_at, mode`,
    [orgId, plan.application, plan.name, plan.publishedAt, plan.publishedBy],
  ))!;
  const service: ServiceRow = { ...claimed, organization: plan.organization, latest: null };
  if (service.deleted_at !== null) throw serviceDeleted(plan);
  await refuseIfReadOnly(tx, service);

  const history = await tx.rows<HistoryRow>(
    'SELECT id, version, sort_key, content_hash, forced_reason, deleted_at FROM versions WHERE service_id = $1 ORDER BY sort_key',
    [service.id],
  );
  const same = history.find((row) => row.sort_key === plan.sortKey);
  if (same) {
    if (same.deleted_at !== null) throw versionDeleted(plan, same.version);
    if (same.content_hash !== plan.contentHash) throw versionExists(plan, same.version);
    const existing = (await tx.row<VersionRow>(`SELECT ${VERSION_COLUMNS} WHERE v.id = $1`, [same.id]))!;
    return { status: 'exists', version: toVersion(existing) };
  }
  await claimEventUnions(tx, orgId, service.id, plan);

  const loaded = new Map<string, Service>();
  const entries = history.map((row) => ({ row, entry: historyEntry(row, loaded) }));
  const earlier = entries.filter((e) => e.row.sort_key < plan.sortKey);
  const later = entries.filter((e) => e.row.sort_key > plan.sortKey);
  const { before, after } = gateReads(
    service.policy,
    earlier.map((e) => e.entry),
    later.map((e) => e.entry),
  );
  await loadIrs(tx, irs, [...before, ...after], history, loaded);
  const verdict = gate({
    policy: service.policy,
    earlier: earlier.map((e) => e.entry),
    later: later.map((e) => e.entry),
  });

  const forcedReason = verdict.forced ? plan.forcedReason : undefined;
  const previous = earlier.at(-1)?.row;
  const changes = JSON.stringify(verdict.changes);
  const inserted = (await tx.row<{ id: number }>(
    `WITH stored AS (
       INSERT INTO versions (service_id, version, sort_key, content_hash, format, original, original_etag, normalized,
         normalized_etag, previous_version_id, changes, forced_reason, published_at, published_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id
     ), audited AS (
       INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($15, $14, $16, $17, $12)
     )
     SELECT id FROM stored`,
    [
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
      changes,
      forcedReason ?? null,
      plan.publishedAt,
      plan.publishedBy,
      new Date().toISOString(),
      forcedReason ? 'publish-forced' : 'publish',
      `${plan.organization}/${plan.application}@${plan.version}`,
    ],
  ))!;
  const successor = later[0]?.row;
  if (successor && verdict.successorChanges) {
    await tx.rows('UPDATE versions SET previous_version_id = $1, changes = $2 WHERE id = $3', [
      inserted.id,
      JSON.stringify(verdict.successorChanges),
      successor.id,
    ]);
  }
  // Latest is the highest live release (a prerelease only while there is none: a release's sort
  // key ends with '~'); the service takes its name from it.
  await tx.rows(
    `UPDATE services SET latest_version_id = top.id, name = CASE WHEN top.id = $2 THEN $3 ELSE services.name END
       FROM (SELECT id FROM versions WHERE service_id = $1 AND deleted_at IS NULL
             ORDER BY right(sort_key, 1) = '~' DESC, sort_key DESC LIMIT 1) top
       WHERE services.id = $1`,
    [service.id, inserted.id, plan.name],
  );
  if (plan.imports.length > 0) {
    await tx.rows(
      `INSERT INTO version_imports (version_id, organization, application, version)
         SELECT $1::int, * FROM unnest($2::text[], $3::text[], $4::text[]) ON CONFLICT DO NOTHING`,
      [
        inserted.id,
        plan.imports.map((i) => i.organization),
        plan.imports.map((i) => i.application),
        plan.imports.map((i) => i.version),
      ],
    );
  }
  const stored: VersionRow = {
    id: inserted.id,
    organization: plan.organization,
    application: plan.application,
    version: plan.version,
    sort_key: plan.sortKey,
    content_hash: plan.contentHash,
    format: plan.format,
    previous: previous?.version ?? null,
    changes,
    forced_reason: forcedReason ?? null,
    published_at: plan.publishedAt,
    published_by: plan.publishedBy,
    deleted_at: null,
  };
  return { status: plan.dryRun ? 'dry-run' : 'created', version: toVersion(stored) };
}

/** The organization's id, creating the row on its first publish (a race meets at its unique key). */
async function organizationId(tx: PgQueryable, plan: PublishPlan): Promise<number> {
  const find = () =>
    tx.row<{ id: number }>('SELECT id FROM organizations WHERE key = $1', [plan.organization]);
  const known = await find();
  if (known) return known.id;
  // A separate statement after the insert: it sees a row that a concurrent publish committed.
  await tx.rows(
    'INSERT INTO organizations (key, created_at, created_by) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING',
    [plan.organization, plan.publishedAt, plan.publishedBy],
  );
  return (await find())!.id;
}

/**
 * Claims this version's event unions for the service. The primary key decides a race: an
 * insert waits for a concurrent one to commit and then finds its row, so two services can never
 * both own a union.
 */
async function claimEventUnions(tx: PgQueryable, orgId: number, serviceId: number, plan: PublishPlan) {
  if (plan.eventUnions.length === 0) return;
  // One order for every publisher, so that two claiming the same unions cannot deadlock.
  const unions = [...plan.eventUnions].sort();
  await tx.rows(
    `INSERT INTO event_unions (organization_id, union_name, service_id)
       SELECT $1, u, $2 FROM unnest($3::text[]) AS u ON CONFLICT DO NOTHING`,
    [orgId, serviceId, unions],
  );
  const owned = await tx.rows<{ union: string; application: string }>(
    `SELECT e.union_name AS "union", s.key AS application FROM event_unions e JOIN services s ON s.id = e.service_id
       WHERE e.organization_id = $1 AND e.union_name = ANY($2::text[]) AND e.service_id <> $3 ORDER BY e.union_name`,
    [orgId, unions, serviceId],
  );
  if (owned.length > 0) throw eventUnionsOwned(plan, owned);
}

function historyEntry(row: HistoryRow, loaded: Map<string, Service>): HistoryEntry {
  const entry: HistoryEntry = {
    version: row.version,
    contentHash: row.content_hash,
    service: () => {
      const service = loaded.get(row.content_hash);
      if (!service) throw new Error(`The IR of ${row.version} was not loaded before the gate asked for it.`);
      return service;
    },
  };
  if (row.forced_reason !== null) entry.forcedReason = row.forced_reason;
  return entry;
}

/** Loads the IRs the gate will read: from the cache, else in one query. */
async function loadIrs(
  tx: PgQueryable,
  irs: IrCache,
  wanted: HistoryEntry[],
  history: HistoryRow[],
  loaded: Map<string, Service>,
): Promise<void> {
  const missing = new Set<string>();
  for (const { contentHash } of wanted) {
    const cached = irs.get(contentHash);
    if (cached) loaded.set(contentHash, cached);
    else missing.add(contentHash);
  }
  if (missing.size === 0) return;
  const ids = history.filter((row) => missing.has(row.content_hash)).map((row) => row.id);
  const rows = await tx.rows<{ content_hash: string; normalized: string }>(
    'SELECT content_hash, normalized FROM versions WHERE id = ANY($1::int[])',
    [ids],
  );
  for (const row of rows) loaded.set(row.content_hash, irs.add(row.content_hash, row.normalized));
}
