import type { PgQueryable } from './pg-database.js';
import { refuseIfReadOnly, setLatest } from './pg-lifecycle.js';
import type { ServiceRow } from './rows.js';
import type { RestoreOutcome } from './store.js';

/**
 * Undoes a soft delete inside the caller's transaction, with the service row locked: clears the
 * version's (or, without `version`, the service's) deleted marks and points `latest` at the
 * highest live version again. Nothing else changed when it was deleted (change logs, links,
 * imports and event unions were kept), so nothing needs recomputing.
 */
export async function restoreInPgTransaction(
  tx: PgQueryable,
  service: ServiceRow,
  version: string | undefined,
  by: string,
): Promise<RestoreOutcome> {
  const name = `${service.organization}/${service.key}`;
  if (version === undefined) {
    if (service.deleted_at === null) return 'not-deleted';
    await refuseIfReadOnly(tx, service);
    await tx.rows(
      'UPDATE services SET deleted_at = NULL, deleted_by = NULL, deleted_reason = NULL WHERE id = $1',
      [service.id],
    );
    await audit(tx, by, 'restore-service', name);
    return 'restored';
  }
  if (service.deleted_at !== null) return 'service-deleted';
  const target = await tx.row<{ id: number; deleted_at: string | null }>(
    'SELECT id, deleted_at FROM versions WHERE service_id = $1 AND version = $2',
    [service.id, version],
  );
  if (!target) return 'missing';
  if (target.deleted_at === null) return 'not-deleted';
  await refuseIfReadOnly(tx, service);
  await tx.rows(
    'UPDATE versions SET deleted_at = NULL, deleted_by = NULL, deleted_reason = NULL WHERE id = $1',
    [target.id],
  );
  await setLatest(tx, service.id);
  await audit(tx, by, 'restore-version', `${name}@${version}`);
  return 'restored';
}

function audit(tx: PgQueryable, by: string, action: string, target: string) {
  return tx.rows('INSERT INTO audit_log (at, actor, action, target, detail) VALUES ($1, $2, $3, $4, NULL)', [
    new Date().toISOString(),
    by,
    action,
    target,
  ]);
}
