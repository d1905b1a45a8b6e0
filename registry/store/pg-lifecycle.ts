import type { IrCache } from './ir-cache.js';
import type { PgQueryable } from './pg-database.js';
import { importedBy, readOnly } from './publish-refusals.js';
import type { ServiceRow } from './rows.js';
import type { DeleteRequest, Importer, ImportingVersion, Mode } from './store.js';

/**
 * The registry-wide mode (`settings.mode`), read fresh: replicas share it. `lock` (inside a write
 * transaction) takes a share lock on the row, so that switching to READONLY waits for the writes
 * in flight and every write after it sees the switch.
 */
export async function registryMode(db: PgQueryable, lock = false): Promise<Mode> {
  const sql = `SELECT value FROM settings WHERE key = 'mode'${lock ? ' FOR SHARE' : ''}`;
  return (await db.row<{ value: Mode }>(sql))?.value ?? 'READWRITE';
}

/** Throws 409 `read-only` when the registry or the service accepts no writes. */
export async function refuseIfReadOnly(tx: PgQueryable, service: ServiceRow): Promise<void> {
  if ((await registryMode(tx, true)) === 'READONLY') throw readOnly('registry');
  if (service.mode === 'READONLY')
    throw readOnly({ organization: service.organization, application: service.key });
}

/** Points the service at its highest live version (none: NULL) and returns that version's id. */
export async function setLatest(tx: PgQueryable, serviceId: number): Promise<number | undefined> {
  const latest = await tx.row<{ id: number }>(
    // Latest is the highest release; a prerelease only while the service has no release yet
    // (a release's sort key ends with '~', which no prerelease identifier contains).
    "SELECT id FROM versions WHERE service_id = $1 AND deleted_at IS NULL ORDER BY right(sort_key, 1) = '~' DESC, sort_key DESC LIMIT 1",
    [serviceId],
  );
  await tx.rows('UPDATE services SET latest_version_id = $1 WHERE id = $2', [latest?.id ?? null, serviceId]);
  return latest?.id;
}

/** Latest versions of other live services that import `organization/application` (at `version`). */
export function importersOf(
  db: PgQueryable,
  organization: string,
  application: string,
  version?: string,
): Promise<Importer[]> {
  return db.rows<Importer>(
    `SELECT * FROM (
       SELECT DISTINCT o.key AS organization, s.key AS application, v.version FROM version_imports i
         JOIN versions v ON v.id = i.version_id JOIN services s ON s.latest_version_id = v.id
         JOIN organizations o ON o.id = s.organization_id
       WHERE i.organization = $1 AND i.application = $2 AND ($3::text IS NULL OR i.version = $3)
         AND s.deleted_at IS NULL AND NOT (o.key = $1 AND s.key = $2)
     ) importers ORDER BY organization COLLATE "C", application COLLATE "C"`,
    [organization, application, version ?? null],
  );
}

/** Every live version of other live services that imports `organization/application` (see `RegistryStore`). */
export async function importingVersions(
  db: PgQueryable,
  organization: string,
  application: string,
): Promise<ImportingVersion[]> {
  const rows = await db.rows<ImportingVersion & { sort_key: string }>(
    `SELECT * FROM (
       SELECT DISTINCT o.key AS organization, s.key AS application, v.version, v.sort_key,
              s.latest_version_id IS NOT DISTINCT FROM v.id AS latest
       FROM version_imports i JOIN versions v ON v.id = i.version_id
         JOIN services s ON s.id = v.service_id JOIN organizations o ON o.id = s.organization_id
       WHERE i.organization = $1 AND i.application = $2 AND v.deleted_at IS NULL AND s.deleted_at IS NULL
         AND NOT (o.key = $1 AND s.key = $2)
     ) importing ORDER BY organization COLLATE "C", application COLLATE "C", sort_key`,
    [organization, application],
  );
  return rows.map(({ organization, application, version, latest }) => ({
    organization,
    application,
    version,
    latest,
  }));
}

/** One version's delete, inside the caller's transaction, with the service row locked. */
export async function deleteVersionInTransaction(
  tx: PgQueryable,
  irs: IrCache,
  service: ServiceRow,
  version: string,
  request: DeleteRequest,
): Promise<boolean> {
  const target = await tx.row<{
    id: number;
    sort_key: string;
    previous_version_id: number | null;
    deleted_at: string | null;
  }>(
    'SELECT id, sort_key, previous_version_id, deleted_at FROM versions WHERE service_id = $1 AND version = $2',
    [service.id, version],
  );
  if (!target || (target.deleted_at !== null && !request.hard)) return false;
  await refuseIfReadOnly(tx, service);
  const name = `${service.organization}/${service.key}`;
  const importers = await importersOf(tx, service.organization, service.key, version);
  if (importers.length > 0) throw importedBy(`${name} ${version}`, importers);
  if (request.hard) {
    const successor = await tx.row<{ id: number }>(
      'SELECT id FROM versions WHERE service_id = $1 AND sort_key > $2 ORDER BY sort_key LIMIT 1',
      [service.id, target.sort_key],
    );
    if (successor) {
      const previous = target.previous_version_id;
      const changes =
        previous === null
          ? []
          : request.diff(await irOf(tx, irs, previous), await irOf(tx, irs, successor.id));
      await tx.rows('UPDATE versions SET previous_version_id = $1, changes = $2 WHERE id = $3', [
        previous,
        JSON.stringify(changes),
        successor.id,
      ]);
    }
    await tx.rows('UPDATE services SET latest_version_id = NULL WHERE id = $1 AND latest_version_id = $2', [
      service.id,
      target.id,
    ]);
    await tx.rows('DELETE FROM version_imports WHERE version_id = $1', [target.id]);
    await tx.rows('DELETE FROM versions WHERE id = $1', [target.id]);
  } else {
    await tx.rows('UPDATE versions SET deleted_at = $1, deleted_by = $2, deleted_reason = $3 WHERE id = $4', [
      new Date().toISOString(),
      request.by,
      request.reason,
      target.id,
    ]);
  }
  await setLatest(tx, service.id);
  await audit(tx, request, request.hard ? 'delete-version-hard' : 'delete-version', `${name}@${version}`);
  return true;
}

/** A service's delete, inside the caller's transaction: soft marks it, hard removes every row. */
export async function deleteServiceInTransaction(
  tx: PgQueryable,
  service: ServiceRow,
  request: DeleteRequest,
): Promise<boolean> {
  if (service.deleted_at !== null && !request.hard) return false;
  await refuseIfReadOnly(tx, service);
  const name = `${service.organization}/${service.key}`;
  const importers = await importersOf(tx, service.organization, service.key);
  if (importers.length > 0) throw importedBy(name, importers);
  if (request.hard) {
    await tx.rows('UPDATE services SET latest_version_id = NULL WHERE id = $1', [service.id]);
    await tx.rows(
      'DELETE FROM version_imports WHERE version_id IN (SELECT id FROM versions WHERE service_id = $1)',
      [service.id],
    );
    await tx.rows('DELETE FROM event_unions WHERE service_id = $1', [service.id]);
    await tx.rows('DELETE FROM versions WHERE service_id = $1', [service.id]);
    await tx.rows('DELETE FROM services WHERE id = $1', [service.id]);
  } else {
    await tx.rows('UPDATE services SET deleted_at = $1, deleted_by = $2, deleted_reason = $3 WHERE id = $4', [
      new Date().toISOString(),
      request.by,
      request.reason,
      service.id,
    ]);
  }
  await audit(tx, request, request.hard ? 'delete-service-hard' : 'delete-service', name);
  return true;
}

async function irOf(tx: PgQueryable, irs: IrCache, versionId: number) {
  const row = (await tx.row<{ content_hash: string; normalized: string }>(
    'SELECT content_hash, normalized FROM versions WHERE id = $1',
    [versionId],
  ))!;
  return irs.get(row.content_hash) ?? irs.add(row.content_hash, row.normalized);
}

function audit(tx: PgQueryable, request: DeleteRequest, action: string, target: string) {
  return tx.rows('INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, $5)', [
    new Date().toISOString(),
    request.by,
    action,
    target,
    request.reason,
  ]);
}
