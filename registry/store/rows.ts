import type {
  CompatibilityPolicy,
  Mode,
  Role,
  ServiceRecord,
  StoredDocument,
  TokenRecord,
  VersionRecord,
} from './store.js';

export interface ServiceRow {
  id: number;
  organization: string;
  key: string;
  name: string;
  policy: CompatibilityPolicy;
  latest: string | null;
  created_at: string;
  created_by: string;
  deleted_at: string | null;
  mode: Mode;
}

export interface VersionRow {
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
  deleted_at: string | null;
}

export const SERVICE_COLUMNS = `s.id, o.key AS organization, s.key, s.name, s.policy, lv.version AS latest, s.created_at, s.created_by,
  s.deleted_at, s.mode
  FROM services s JOIN organizations o ON o.id = s.organization_id LEFT JOIN versions lv ON lv.id = s.latest_version_id`;
export const VERSION_COLUMNS = `v.id, o.key AS organization, s.key AS application, v.version, v.sort_key, v.content_hash, v.format,
  pv.version AS previous, v.changes, v.forced_reason, v.published_at, v.published_by, v.deleted_at
  FROM versions v JOIN services s ON s.id = v.service_id JOIN organizations o ON o.id = s.organization_id
  LEFT JOIN versions pv ON pv.id = v.previous_version_id`;

/** Conditions that leave out deleted services (`LIVE_SERVICE`) and versions (`LIVE_VERSION`). */
export const LIVE_SERVICE = 's.deleted_at IS NULL';
export const LIVE_VERSION = 's.deleted_at IS NULL AND v.deleted_at IS NULL';

export function toService(row: ServiceRow): ServiceRecord {
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

export function toVersion(row: VersionRow): VersionRecord {
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

export interface TokenRow {
  id: string;
  organization: string;
  role: Role;
  description: string;
  created_at: string;
  created_by: string;
  expires_at: string | null;
}

export const TOKEN_COLUMNS = 'id, organization, role, description, created_at, created_by, expires_at';

export function toToken(row: TokenRow): TokenRecord {
  const record: TokenRecord = {
    id: row.id,
    organization: row.organization,
    role: row.role,
    description: row.description,
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
  if (row.expires_at !== null) record.expiresAt = row.expires_at;
  return record;
}

/** A document as stored, ready to send. Originals may be YAML (OpenAPI); JSON starts with `{` or `[`. */
export function toStoredDocument(
  version: string,
  text: string,
  etag: string,
  kind: 'original' | 'normalized',
): StoredDocument {
  return {
    version,
    bytes: Buffer.from(text, 'utf8'),
    etag,
    contentType:
      kind === 'original' && !/^\s*[[{]/.test(text.slice(0, 64))
        ? 'application/yaml; charset=utf-8'
        : 'application/json; charset=utf-8',
  };
}
