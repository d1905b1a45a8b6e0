import type { ServiceRow } from './rows.js';
import { refuseIfReadOnly, setLatest } from './sqlite-lifecycle.js';
import type { SqliteAccess } from './sqlite-publish.js';
import type { RestoreOutcome } from './store.js';

/**
 * Undoes a soft delete inside the caller's `BEGIN IMMEDIATE` transaction: clears the version's
 * (or, without `version`, the service's) deleted marks and points `latest` at the highest live
 * version again. Nothing else changed when it was deleted: its change log, its successor's link to
 * it, its imports and its event unions were kept, so nothing needs recomputing.
 */
export function restoreInTransaction(
  db: SqliteAccess,
  service: ServiceRow,
  version: string | undefined,
  by: string,
): RestoreOutcome {
  const name = `${service.organization}/${service.key}`;
  if (version === undefined) {
    if (service.deleted_at === null) return 'not-deleted';
    refuseIfReadOnly(db, service);
    db.q('UPDATE services SET deleted_at = NULL, deleted_by = NULL, deleted_reason = NULL WHERE id = ?').run(
      service.id,
    );
    db.audit(by, 'restore-service', name, null);
    return 'restored';
  }
  if (service.deleted_at !== null) return 'service-deleted';
  const target = db
    .q('SELECT id, deleted_at FROM versions WHERE service_id = ? AND version = ?')
    .get(service.id, version) as { id: number; deleted_at: string | null } | undefined;
  if (!target) return 'missing';
  if (target.deleted_at === null) return 'not-deleted';
  refuseIfReadOnly(db, service);
  db.q('UPDATE versions SET deleted_at = NULL, deleted_by = NULL, deleted_reason = NULL WHERE id = ?').run(
    target.id,
  );
  setLatest(db, service.id);
  db.audit(by, 'restore-version', `${name}@${version}`, null);
  return 'restored';
}
