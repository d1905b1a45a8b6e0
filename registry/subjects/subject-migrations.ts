/**
 * The subject tables, the same on SQLite and PostgreSQL (appended to each store's migrations).
 * Schema ids come from `subject_sequences`, which only grows: an id is never handed out twice,
 * not even after a hard delete removed the schema it named.
 */
export const SUBJECT_TABLES_SQL = `
CREATE TABLE schemas (
  id INTEGER PRIMARY KEY,
  schema_type TEXT NOT NULL,
  fingerprint TEXT NOT NULL UNIQUE,
  schema TEXT NOT NULL,
  schema_references TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE subjects (
  name TEXT PRIMARY KEY,
  organization TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL
);
CREATE TABLE subject_versions (
  subject TEXT NOT NULL REFERENCES subjects(name),
  version INTEGER NOT NULL,
  schema_id INTEGER NOT NULL REFERENCES schemas(id),
  deleted_at TEXT,
  registered_at TEXT NOT NULL,
  registered_by TEXT NOT NULL,
  PRIMARY KEY (subject, version)
);
CREATE INDEX subject_versions_schema ON subject_versions (schema_id);
CREATE TABLE schema_references (
  schema_id INTEGER NOT NULL REFERENCES schemas(id),
  name TEXT NOT NULL,
  subject TEXT NOT NULL,
  version INTEGER NOT NULL,
  PRIMARY KEY (schema_id, name)
);
CREATE INDEX schema_references_target ON schema_references (subject, version);
CREATE TABLE subject_config (
  subject TEXT PRIMARY KEY,
  compatibility TEXT,
  policy TEXT,
  mode TEXT
);
CREATE TABLE subject_sequences (
  name TEXT PRIMARY KEY,
  next_value INTEGER NOT NULL
);
INSERT INTO subject_sequences (name, next_value) VALUES ('schema_id', 1);
`;

/** Subject tables in the order a backup loads them, with a stable (byte) order for each on PostgreSQL. */
export const SUBJECT_DUMP_TABLES: readonly [table: string, order: string][] = [
  ['schemas', 'id'],
  ['subjects', 'name COLLATE "C"'],
  ['subject_versions', 'subject COLLATE "C", version'],
  ['schema_references', 'schema_id, name COLLATE "C"'],
  ['subject_config', 'subject COLLATE "C"'],
  ['subject_sequences', 'name COLLATE "C"'],
];
