import { SUBJECT_TABLES_SQL } from '../subjects/subject-migrations.js';

/**
 * The SQLite schema, as numbered migrations applied in order at start (`schema_migrations`
 * records each). Never edit a shipped migration: add the next one.
 */
export const SQLITE_MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'organizations, services, versions, tokens, events, generated code, audit log',
    sql: `
CREATE TABLE organizations (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE TABLE services (
  id INTEGER PRIMARY KEY,
  organization_id INTEGER NOT NULL REFERENCES organizations(id),
  key TEXT NOT NULL,
  name TEXT NOT NULL,
  policy TEXT NOT NULL DEFAULT 'backward'
    CHECK (policy IN ('backward', 'backward-transitive', 'none', 'major-may-break')),
  latest_version_id INTEGER REFERENCES versions(id),
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  UNIQUE (organization_id, key)
);
CREATE TABLE versions (
  id INTEGER PRIMARY KEY,
  service_id INTEGER NOT NULL REFERENCES services(id),
  version TEXT NOT NULL,
  sort_key TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  format TEXT NOT NULL,
  original TEXT NOT NULL,
  original_etag TEXT NOT NULL,
  normalized TEXT NOT NULL,
  normalized_etag TEXT NOT NULL,
  previous_version_id INTEGER REFERENCES versions(id),
  changes TEXT NOT NULL,
  forced_reason TEXT,
  published_at TEXT NOT NULL,
  published_by TEXT NOT NULL,
  UNIQUE (service_id, version),
  UNIQUE (service_id, sort_key)
);
CREATE TABLE event_unions (
  organization_id INTEGER NOT NULL REFERENCES organizations(id),
  union_name TEXT NOT NULL,
  service_id INTEGER NOT NULL REFERENCES services(id),
  PRIMARY KEY (organization_id, union_name)
);
CREATE TABLE tokens (
  id TEXT PRIMARY KEY,
  secret_hash TEXT NOT NULL UNIQUE,
  organization TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('read', 'publish', 'admin')),
  description TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  revoked_at TEXT,
  revoked_by TEXT
);
CREATE TABLE generated_code (
  cache_key TEXT PRIMARY KEY,
  files TEXT NOT NULL
);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  detail TEXT
);
`,
  },
  {
    version: 2,
    name: 'organization namespaces',
    sql: 'ALTER TABLE organizations ADD COLUMN namespace TEXT;',
  },
  {
    version: 3,
    name: 'token expiry',
    sql: 'ALTER TABLE tokens ADD COLUMN expires_at TEXT;',
  },
  {
    version: 4,
    name: 'generated code sizes, for a bounded cache',
    sql: `ALTER TABLE generated_code ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
UPDATE generated_code SET bytes = length(CAST(files AS BLOB));`,
  },
  {
    version: 5,
    name: 'lifecycle: deletes, modes, imports, content hash index',
    sql: `
ALTER TABLE versions ADD COLUMN deleted_at TEXT;
ALTER TABLE versions ADD COLUMN deleted_by TEXT;
ALTER TABLE versions ADD COLUMN deleted_reason TEXT;
ALTER TABLE services ADD COLUMN deleted_at TEXT;
ALTER TABLE services ADD COLUMN deleted_by TEXT;
ALTER TABLE services ADD COLUMN deleted_reason TEXT;
ALTER TABLE services ADD COLUMN mode TEXT NOT NULL DEFAULT 'READWRITE' CHECK (mode IN ('READWRITE', 'READONLY'));
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO settings (key, value) VALUES ('mode', 'READWRITE');
CREATE TABLE version_imports (
  version_id INTEGER NOT NULL REFERENCES versions(id),
  organization TEXT NOT NULL,
  application TEXT NOT NULL,
  version TEXT NOT NULL,
  PRIMARY KEY (version_id, organization, application, version)
);
CREATE INDEX version_imports_target ON version_imports (organization, application, version);
CREATE INDEX versions_content_hash ON versions (content_hash);
INSERT OR IGNORE INTO version_imports (version_id, organization, application, version)
  SELECT v.id, json_extract(i.value, '$.organization.key'), json_extract(i.value, '$.application.key'),
         json_extract(i.value, '$.version')
  FROM versions v, json_each(v.normalized, '$.imports') i;
`,
  },
  {
    version: 6,
    name: 'subjects: JSON Schemas by registry-wide id, versions, references, config and modes',
    sql: SUBJECT_TABLES_SQL,
  },
];
