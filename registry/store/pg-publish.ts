import { sha256 } from '../content-hash.js';
import type { IrCache } from './ir-cache.js';
import type { PgQueryable } from './pg-database.js';
import { refuseIfReadOnly, setLatest } from './pg-lifecycle.js';
import { eventUnionsOwned, serviceDeleted, versionDeleted, versionExists } from './publish-refusals.js';
import { SERVICE_COLUMNS, type ServiceRow, toVersion, VERSION_COLUMNS, type VersionRow } from './rows.js';
import { type Gate, gateReads, type HistoryEntry, type PublishOutcome, type PublishPlan } from './store.js';

interface HistoryRow {
  id: number;
  version: string;
  sort_key: string;
  content_hash: string;
  forced_reason: string | null;
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
  await tx.rows("SET LOCAL lock_timeout = '10s'");
  await tx.rows(
    'INSERT INTO organizations (key, created_at, created_by) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING',
    [plan.organization, plan.publishedAt, plan.publishedBy],
  );
  const orgId = (await tx.row<{ id: number }>('SELECT id FROM organizations WHERE key = $1', [
    plan.organization,
  ]))!.id;
  await tx.rows(
    `INSERT INTO services (organization_id, key, name, created_at, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (organization_id, key) DO NOTHING`,
    [orgId, plan.application, plan.name, plan.publishedAt, plan.publishedBy],
  );
  const service = (await tx.row<ServiceRow>(
    `SELECT ${SERVICE_COLUMNS} WHERE s.organization_id = $1 AND s.key = $2 FOR UPDATE OF s`,
    [orgId, plan.application],
  ))!;
  if (service.deleted_at !== null) throw serviceDeleted(plan);
  await refuseIfReadOnly(tx, service);
  const existing = await tx.row<VersionRow>(
    `SELECT ${VERSION_COLUMNS} WHERE v.service_id = $1 AND v.sort_key = $2`,
    [service.id, plan.sortKey],
  );
  if (existing) {
    if (existing.deleted_at !== null) throw versionDeleted(plan, existing.version);
    if (existing.content_hash === plan.contentHash) return { status: 'exists', version: toVersion(existing) };
    throw versionExists(plan, existing.version);
  }
  await claimEventUnions(tx, orgId, service.id, plan);

  const history = await tx.rows<HistoryRow>(
    'SELECT id, version, sort_key, content_hash, forced_reason FROM versions WHERE service_id = $1 ORDER BY sort_key',
    [service.id],
  );
  const loaded = new Map<string, ReturnType<IrCache['add']>>();
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
  const inserted = (await tx.row<{ id: number }>(
    `INSERT INTO versions (service_id, version, sort_key, content_hash, format, original, original_etag, normalized,
       normalized_etag, previous_version_id, changes, forced_reason, published_at, published_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
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
      JSON.stringify(verdict.changes),
      forcedReason ?? null,
      plan.publishedAt,
      plan.publishedBy,
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
  if ((await setLatest(tx, service.id)) === inserted.id) {
    await tx.rows('UPDATE services SET name = $1 WHERE id = $2', [plan.name, service.id]);
  }
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
  await tx.rows('INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5)', [
    new Date().toISOString(),
    plan.publishedBy,
    forcedReason ? 'publish-forced' : 'publish',
    `${plan.organization}/${plan.application}@${plan.version}`,
    forcedReason ?? null,
  ]);
  const stored = (await tx.row<VersionRow>(`SELECT ${VERSION_COLUMNS} WHERE v.id = $1`, [inserted.id]))!;
  return { status: plan.dryRun ? 'dry-run' : 'created', version: toVersion(stored) };
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

function historyEntry(row: HistoryRow, loaded: Map<string, ReturnType<IrCache['add']>>): HistoryEntry {
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
  loaded: Map<string, ReturnType<IrCache['add']>>,
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
