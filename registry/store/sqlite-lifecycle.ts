import { importedBy, readOnly } from './publish-refusals.js';
import type { ServiceRow } from './rows.js';
import type { SqliteAccess } from './sqlite-publish.js';
import type { DeleteRequest, Importer, ImportingVersion, Mode } from './store.js';

/** The registry-wide mode (`settings.mode`, READWRITE when unset). */
export function registryMode(db: SqliteAccess): Mode {
  return ((db.q("SELECT value FROM settings WHERE key = 'mode'").pluck().get() as Mode | undefined) ??
    'READWRITE') as Mode;
}

/** Throws 409 `read-only` when the registry or the service accepts no writes. */
export function refuseIfReadOnly(db: SqliteAccess, service: ServiceRow): void {
  if (registryMode(db) === 'READONLY') throw readOnly('registry');
  if (service.mode === 'READONLY')
    throw readOnly({ organization: service.organization, application: service.key });
}

/** Points the service at its highest live version (none: NULL) and returns that version's id. */
export function setLatest(db: SqliteAccess, serviceId: number): number | undefined {
  // Latest is the highest release; a prerelease only while the service has no release yet.
  // A release's sort key ends with '~', which no prerelease identifier contains.
  const latest = db
    .q(
      "SELECT id FROM versions WHERE service_id = ? AND deleted_at IS NULL ORDER BY substr(sort_key, -1) = '~' DESC, sort_key DESC LIMIT 1",
    )
    .pluck()
    .get(serviceId) as number | undefined;
  db.q('UPDATE services SET latest_version_id = ? WHERE id = ?').run(latest ?? null, serviceId);
  return latest;
}

/** Latest versions of other live services that import `organization/application` (at `version`). */
export function importersOf(
  db: SqliteAccess,
  organization: string,
  application: string,
  version?: string,
): Importer[] {
  return db
    .q(
      `SELECT DISTINCT o.key AS organization, s.key AS application, v.version FROM version_imports i
         JOIN versions v ON v.id = i.version_id JOIN services s ON s.latest_version_id = v.id
         JOIN organizations o ON o.id = s.organization_id
       WHERE i.organization = ? AND i.application = ? AND (? IS NULL OR i.version = ?) AND s.deleted_at IS NULL
         AND NOT (o.key = ? AND s.key = ?)
       ORDER BY o.key, s.key`,
    )
    .all(
      organization,
      application,
      version ?? null,
      version ?? null,
      organization,
      application,
    ) as Importer[];
}

/** Every live version of other live services that imports `organization/application` (see `RegistryStore`). */
export function importingVersions(
  db: SqliteAccess,
  organization: string,
  application: string,
): ImportingVersion[] {
  const rows = db
    .q(
      `SELECT DISTINCT o.key AS organization, s.key AS application, v.version, v.sort_key,
              s.latest_version_id = v.id AS latest
       FROM version_imports i JOIN versions v ON v.id = i.version_id
         JOIN services s ON s.id = v.service_id JOIN organizations o ON o.id = s.organization_id
       WHERE i.organization = ? AND i.application = ? AND v.deleted_at IS NULL AND s.deleted_at IS NULL
         AND NOT (o.key = ? AND s.key = ?)
       ORDER BY o.key, s.key, v.sort_key`,
    )
    .all(organization, application, organization, application) as (Importer & { latest: number })[];
  return rows.map((r) => ({
    organization: r.organization,
    application: r.application,
    version: r.version,
    latest: r.latest === 1,
  }));
}

/** One version's delete, inside the caller's `BEGIN IMMEDIATE` transaction (see `RegistryStore`). */
export function deleteVersionInTransaction(
  db: SqliteAccess,
  service: ServiceRow,
  version: string,
  request: DeleteRequest,
): boolean {
  const target = db
    .q(
      'SELECT id, sort_key, previous_version_id, deleted_at FROM versions WHERE service_id = ? AND version = ?',
    )
    .get(service.id, version) as
    | { id: number; sort_key: string; previous_version_id: number | null; deleted_at: string | null }
    | undefined;
  // A soft-deleted version may still be hard-deleted; deleting it softly again finds nothing.
  if (!target || (target.deleted_at !== null && !request.hard)) return false;
  refuseIfReadOnly(db, service);
  const name = `${service.organization}/${service.key}`;
  const importers = importersOf(db, service.organization, service.key, version);
  if (importers.length > 0) throw importedBy(`${name} ${version}`, importers);
  const now = new Date().toISOString();
  if (request.hard) {
    const successor = db
      .q(
        'SELECT id, content_hash FROM versions WHERE service_id = ? AND sort_key > ? ORDER BY sort_key LIMIT 1',
      )
      .get(service.id, target.sort_key) as { id: number; content_hash: string } | undefined;
    if (successor) {
      const previous = target.previous_version_id;
      const changes = previous === null ? [] : request.diff(db.irOf(previous), db.irOf(successor.id));
      db.q('UPDATE versions SET previous_version_id = ?, changes = ? WHERE id = ?').run(
        previous,
        JSON.stringify(changes),
        successor.id,
      );
    }
    db.q('UPDATE services SET latest_version_id = NULL WHERE id = ? AND latest_version_id = ?').run(
      service.id,
      target.id,
    );
    db.q('DELETE FROM version_imports WHERE version_id = ?').run(target.id);
    db.q('DELETE FROM versions WHERE id = ?').run(target.id);
  } else {
    db.q('UPDATE versions SET deleted_at = ?, deleted_by = ?, deleted_reason = ? WHERE id = ?').run(
      now,
      request.by,
      request.reason,
      target.id,
    );
  }
  setLatest(db, service.id);
  db.audit(
    request.by,
    request.hard ? 'delete-version-hard' : 'delete-version',
    `${name}@${version}`,
    request.reason,
  );
  return true;
}

/** A service's delete, inside the caller's transaction: soft marks it, hard removes every row. */
export function deleteServiceInTransaction(
  db: SqliteAccess,
  service: ServiceRow,
  request: DeleteRequest,
): boolean {
  if (service.deleted_at !== null && !request.hard) return false;
  refuseIfReadOnly(db, service);
  const name = `${service.organization}/${service.key}`;
  const importers = importersOf(db, service.organization, service.key);
  if (importers.length > 0) throw importedBy(name, importers);
  if (request.hard) {
    db.q('UPDATE services SET latest_version_id = NULL WHERE id = ?').run(service.id);
    db.q(
      'DELETE FROM version_imports WHERE version_id IN (SELECT id FROM versions WHERE service_id = ?)',
    ).run(service.id);
    db.q('DELETE FROM event_unions WHERE service_id = ?').run(service.id);
    db.q('DELETE FROM versions WHERE service_id = ?').run(service.id);
    db.q('DELETE FROM services WHERE id = ?').run(service.id);
  } else {
    db.q('UPDATE services SET deleted_at = ?, deleted_by = ?, deleted_reason = ? WHERE id = ?').run(
      new Date().toISOString(),
      request.by,
      request.reason,
      service.id,
    );
  }
  db.audit(request.by, request.hard ? 'delete-service-hard' : 'delete-service', name, request.reason);
  return true;
}
