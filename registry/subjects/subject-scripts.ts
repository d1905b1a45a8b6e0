import type { CompatibilityPolicy, JsonSchema } from '../../core/json-schema-compat/index.js';
import { all, one, type Script } from './sql-script.js';
import {
  invalidSchema,
  notPermitted,
  referenceExists,
  subjectNotFound,
  subjectNotSoftDeleted,
  subjectSoftDeleted,
  versionNotFound,
  versionNotSoftDeleted,
  versionSoftDeleted,
} from './subject-error.js';
import type {
  CheckedVersion,
  RegistrationCheck,
  RegistrationOutcome,
  RegistrationPlan,
  RegistrationRules,
  SchemaRecord,
  SchemaReference,
  SubjectConfig,
  SubjectRecord,
  SubjectVersionRecord,
} from './subject-store.js';

/** Parses a stored schema's text; the store caches by id (an id's text never changes). */
export type ParseStored = (id: number, text: string) => JsonSchema;

interface VersionRow {
  subject: string;
  version: number;
  schema_id: number;
  deleted_at: string | null;
  schema_type: string;
  schema: string;
  schema_references: string;
  fingerprint: string;
}

const VERSION_SELECT = `SELECT v.subject, v.version, v.schema_id, v.deleted_at, c.schema_type, c.schema, c.schema_references, c.fingerprint
FROM subject_versions v JOIN schemas c ON c.id = v.schema_id`;

const toVersion = (row: VersionRow): SubjectVersionRecord => ({
  subject: row.subject,
  version: Number(row.version),
  id: Number(row.schema_id),
  schemaType: 'JSON',
  schema: row.schema,
  references: JSON.parse(row.schema_references) as SchemaReference[],
  deleted: row.deleted_at !== null,
});

/** Byte order, the same on both databases (PostgreSQL's collation may differ from SQLite's). */
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

export function* listSubjects(deleted: boolean, prefix = ''): Script<SubjectRecord[]> {
  const rows = yield* all<{ name: string; organization: string; live: number | string }>(
    `SELECT s.name, s.organization,
       (SELECT COUNT(*) FROM subject_versions v WHERE v.subject = s.name AND v.deleted_at IS NULL) AS live
     FROM subjects s`,
  );
  return rows
    .map((r) => ({ name: r.name, organization: r.organization, deleted: Number(r.live) === 0 }))
    .filter((s) => s.name.startsWith(prefix) && (deleted || !s.deleted))
    .sort(byName);
}

export function* getSubject(name: string): Script<SubjectRecord | undefined> {
  const row = yield* one<{ name: string; organization: string; live: number | string }>(
    `SELECT s.name, s.organization,
       (SELECT COUNT(*) FROM subject_versions v WHERE v.subject = s.name AND v.deleted_at IS NULL) AS live
     FROM subjects s WHERE s.name = ?`,
    name,
  );
  return row && { name: row.name, organization: row.organization, deleted: Number(row.live) === 0 };
}

export function* listVersions(
  subject: string,
  deleted: boolean,
): Script<{ version: number; id: number; deleted: boolean }[]> {
  const rows = yield* all<VersionRow>(`${VERSION_SELECT} WHERE v.subject = ? ORDER BY v.version`, subject);
  return rows
    .map(toVersion)
    .filter((v) => deleted || !v.deleted)
    .map((v) => ({ version: v.version, id: v.id, deleted: v.deleted }));
}

export function* getVersion(
  subject: string,
  version: number | 'latest',
  deleted: boolean,
): Script<SubjectVersionRecord | undefined> {
  const live = deleted ? '' : ' AND v.deleted_at IS NULL';
  const row =
    version === 'latest'
      ? yield* one<VersionRow>(
          `${VERSION_SELECT} WHERE v.subject = ?${live} ORDER BY v.version DESC LIMIT 1`,
          subject,
        )
      : yield* one<VersionRow>(
          `${VERSION_SELECT} WHERE v.subject = ? AND v.version = ?${live}`,
          subject,
          version,
        );
  return row && toVersion(row);
}

export function* getSchema(id: number): Script<SchemaRecord | undefined> {
  const row = yield* one<{ id: number; schema: string; schema_references: string }>(
    'SELECT id, schema, schema_references FROM schemas WHERE id = ?',
    id,
  );
  return (
    row && {
      id: Number(row.id),
      schemaType: 'JSON',
      schema: row.schema,
      references: JSON.parse(row.schema_references) as SchemaReference[],
    }
  );
}

export function* usesOfSchema(id: number, deleted: boolean): Script<{ subject: string; version: number }[]> {
  const rows = yield* all<{ subject: string; version: number; deleted_at: string | null }>(
    'SELECT subject, version, deleted_at FROM subject_versions WHERE schema_id = ?',
    id,
  );
  return rows
    .filter((r) => deleted || r.deleted_at === null)
    .map((r) => ({ subject: r.subject, version: Number(r.version) }))
    .sort((a, b) => byName({ name: a.subject }, { name: b.subject }) || a.version - b.version);
}

export function* findVersion(subject: string, fingerprint: string): Script<SubjectVersionRecord | undefined> {
  const row = yield* one<VersionRow>(
    `${VERSION_SELECT} WHERE v.subject = ? AND c.fingerprint = ? AND v.deleted_at IS NULL ORDER BY v.version LIMIT 1`,
    subject,
    fingerprint,
  );
  return row && toVersion(row);
}

export function* referencedBy(subject: string, version: number): Script<number[]> {
  const rows = yield* all<{ schema_id: number }>(
    `SELECT DISTINCT r.schema_id FROM schema_references r
     WHERE r.subject = ? AND r.version = ?
       AND EXISTS (SELECT 1 FROM subject_versions v WHERE v.schema_id = r.schema_id AND v.deleted_at IS NULL)
     ORDER BY r.schema_id`,
    subject,
    version,
  );
  return rows.map((r) => Number(r.schema_id));
}

const MAX_REFERENCED = 1000;

/** The documents a schema's references name, transitively (a reference's own references too). */
function* resolveReferences(
  references: readonly SchemaReference[],
  parse: ParseStored,
): Script<Map<string, JsonSchema>> {
  const documents = new Map<string, JsonSchema>();
  const queue = [...references];
  while (queue.length > 0) {
    const reference = queue.shift()!;
    if (documents.has(reference.name)) continue;
    if (documents.size >= MAX_REFERENCED)
      throw invalidSchema(`more than ${MAX_REFERENCED} referenced schemas.`);
    const row = yield* one<{ schema_id: number; schema: string; schema_references: string }>(
      'SELECT v.schema_id, c.schema, c.schema_references FROM subject_versions v JOIN schemas c ON c.id = v.schema_id WHERE v.subject = ? AND v.version = ?',
      reference.subject,
      reference.version,
    );
    if (!row) {
      throw invalidSchema(
        `the reference ${JSON.stringify(reference.name.slice(0, 200))} names version ${reference.version} of subject ${JSON.stringify(reference.subject.slice(0, 200))}, which does not exist; register it first.`,
      );
    }
    documents.set(reference.name, parse(Number(row.schema_id), row.schema));
    queue.push(...(JSON.parse(row.schema_references) as SchemaReference[]));
  }
  return documents;
}

interface ConfigRow {
  subject: string;
  compatibility: string | null;
  policy: string | null;
  mode: string | null;
}

/** The subject's settings over the registry's (`''`); Canon's READONLY registry mode wins. */
function* effectiveConfig(
  subject: string,
): Script<{ compatibility: string; policy: CompatibilityPolicy; mode: string }> {
  const rows = yield* all<ConfigRow>(
    "SELECT subject, compatibility, policy, mode FROM subject_config WHERE subject IN (?, '')",
    subject,
  );
  const own = rows.find((r) => r.subject === subject && subject !== '');
  const global = rows.find((r) => r.subject === '');
  const registryMode = yield* one<{ value: string }>("SELECT value FROM settings WHERE key = 'mode'");
  const mode = registryMode?.value === 'READONLY' ? 'READONLY' : (own?.mode ?? global?.mode ?? 'READWRITE');
  return {
    compatibility: own?.compatibility ?? global?.compatibility ?? 'BACKWARD',
    policy: (own?.policy ?? global?.policy ?? 'STRICT') as CompatibilityPolicy,
    mode,
  };
}

function* history(subject: string, parse: ParseStored): Script<CheckedVersion[]> {
  const rows = yield* all<VersionRow>(
    `${VERSION_SELECT} WHERE v.subject = ? AND v.deleted_at IS NULL ORDER BY v.version`,
    subject,
  );
  const versions: CheckedVersion[] = [];
  for (const row of rows) {
    versions.push({
      version: Number(row.version),
      schema: parse(Number(row.schema_id), row.schema),
      references: yield* resolveReferences(JSON.parse(row.schema_references) as SchemaReference[], parse),
    });
  }
  return versions;
}

export function* loadForCheck(
  subject: string,
  references: SchemaReference[],
  parse: ParseStored,
): Script<RegistrationCheck> {
  const config = yield* effectiveConfig(subject);
  return {
    ...config,
    references: yield* resolveReferences(references, parse),
    history: yield* history(subject, parse),
  };
}

function* audit(by: string, at: string, action: string, target: string, detail?: string): Script<void> {
  yield* all(
    'INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)',
    at,
    by,
    action,
    target,
    detail ?? null,
  );
}

export function* register(
  plan: RegistrationPlan,
  rules: RegistrationRules,
  parse: ParseStored,
): Script<RegistrationOutcome> {
  // Creating or touching the subject row first: on PostgreSQL its row lock serializes registrations of one subject.
  const subject = yield* one<{ organization: string }>(
    `INSERT INTO subjects (name, organization, created_at, created_by) VALUES (?, ?, ?, ?)
     ON CONFLICT (name) DO UPDATE SET name = excluded.name RETURNING organization`,
    plan.subject,
    plan.organization,
    plan.at,
    plan.by,
  );
  const config = yield* effectiveConfig(plan.subject);
  rules.admit(subject!.organization, config.mode);
  if (plan.id === undefined && plan.version === undefined) {
    const existing = yield* findVersion(plan.subject, plan.fingerprint);
    if (existing) return { status: 'exists', id: existing.id, version: existing.version };
  }
  const references = yield* resolveReferences(plan.references, parse);
  rules.check({ ...config, references, history: yield* history(plan.subject, parse) });

  const id = yield* schemaId(plan);
  const last = yield* one<{ last: number | string | null }>(
    'SELECT MAX(version) AS last FROM subject_versions WHERE subject = ?',
    plan.subject,
  );
  const version = plan.version ?? Number(last?.last ?? 0) + 1;
  if (plan.version !== undefined) {
    const taken = yield* one<{ schema_id: number }>(
      'SELECT schema_id FROM subject_versions WHERE subject = ? AND version = ?',
      plan.subject,
      version,
    );
    if (taken && Number(taken.schema_id) === id) return { status: 'exists', id, version };
    if (taken)
      throw notPermitted(
        `Version ${version} of subject ${JSON.stringify(plan.subject.slice(0, 120))} already holds schema ${taken.schema_id}; import it under another version.`,
      );
  }
  yield* all(
    'INSERT INTO subject_versions (subject, version, schema_id, deleted_at, registered_at, registered_by) VALUES (?, ?, ?, NULL, ?, ?)',
    plan.subject,
    version,
    id,
    plan.at,
    plan.by,
  );
  yield* audit(
    plan.by,
    plan.at,
    'register-schema',
    `subjects/${plan.subject}/versions/${version}`,
    `schema ${id}`,
  );
  return { status: 'created', id, version };
}

/** The id for the plan's schema: the one its fingerprint already has, the one IMPORT names, or a new one. */
function* schemaId(plan: RegistrationPlan): Script<number> {
  const known = yield* one<{ id: number }>('SELECT id FROM schemas WHERE fingerprint = ?', plan.fingerprint);
  if (plan.id !== undefined) {
    if (known && Number(known.id) !== plan.id) {
      throw notPermitted(
        `This schema is registered already, under id ${known.id}; import it with that id or without one.`,
      );
    }
    if (known) return plan.id;
    const holder = yield* one<{ id: number }>('SELECT id FROM schemas WHERE id = ?', plan.id);
    if (holder)
      throw notPermitted(`Schema id ${plan.id} is taken by another schema; an id is never overwritten.`);
    yield* all(
      "UPDATE subject_sequences SET next_value = CASE WHEN next_value > ? THEN next_value ELSE ? END WHERE name = 'schema_id'",
      plan.id,
      plan.id + 1,
    );
    yield* insertSchema(plan, plan.id);
    return plan.id;
  }
  if (known) return Number(known.id);
  const next = yield* one<{ id: number | string }>(
    "UPDATE subject_sequences SET next_value = next_value + 1 WHERE name = 'schema_id' RETURNING next_value - 1 AS id",
  );
  const id = Number(next!.id);
  const inserted = yield* insertSchema(plan, id);
  if (inserted) return id;
  // Another subject registered the same schema meanwhile (PostgreSQL): use its id.
  const theirs = yield* one<{ id: number }>('SELECT id FROM schemas WHERE fingerprint = ?', plan.fingerprint);
  return Number(theirs!.id);
}

function* insertSchema(plan: RegistrationPlan, id: number): Script<boolean> {
  const rows = yield* all(
    `INSERT INTO schemas (id, schema_type, fingerprint, schema, schema_references, created_at) VALUES (?, 'JSON', ?, ?, ?, ?)
     ON CONFLICT (fingerprint) DO NOTHING RETURNING id`,
    id,
    plan.fingerprint,
    plan.schema,
    JSON.stringify(plan.references),
    plan.at,
  );
  if (rows.length === 0) return false;
  for (const reference of plan.references) {
    yield* all(
      'INSERT INTO schema_references (schema_id, name, subject, version) VALUES (?, ?, ?, ?) ON CONFLICT (schema_id, name) DO NOTHING',
      id,
      reference.name,
      reference.subject,
      reference.version,
    );
  }
  return true;
}

/**
 * Soft deletes hide versions (their ids stay reserved and readable by id); a hard delete
 * (`permanent`) removes what was soft deleted before, and the schemas no version uses any more.
 */
export function* deleteVersions(
  subject: string,
  version: number | undefined,
  permanent: boolean,
  by: string,
  at: string,
  admit: (organization: string, mode: string) => void,
): Script<number[]> {
  const owner = yield* one<{ organization: string }>(
    'UPDATE subjects SET name = name WHERE name = ? RETURNING organization',
    subject,
  );
  if (!owner) throw subjectNotFound(subject);
  const config = yield* effectiveConfig(subject);
  admit(owner.organization, config.mode);
  const rows = (yield* all<VersionRow>(
    `${VERSION_SELECT} WHERE v.subject = ? ORDER BY v.version`,
    subject,
  )).map(toVersion);
  let targets: SubjectVersionRecord[];
  if (version === undefined) {
    const live = rows.filter((r) => !r.deleted);
    if (!permanent && live.length === 0) throw subjectSoftDeleted(subject);
    if (permanent && live.length > 0) throw subjectNotSoftDeleted(subject);
    targets = permanent ? rows : live;
  } else {
    const row = rows.find((r) => r.version === version);
    if (!row) throw versionNotFound(subject, version);
    if (!permanent && row.deleted) throw versionSoftDeleted(subject, version);
    if (permanent && !row.deleted) throw versionNotSoftDeleted(subject, version);
    targets = [row];
  }
  for (const target of targets) {
    const users = yield* referencedBy(subject, target.version);
    if (users.length > 0) throw referenceExists(subject, target.version, users);
  }
  for (const target of targets) {
    if (!permanent) {
      yield* all(
        'UPDATE subject_versions SET deleted_at = ? WHERE subject = ? AND version = ?',
        at,
        subject,
        target.version,
      );
      continue;
    }
    yield* all('DELETE FROM subject_versions WHERE subject = ? AND version = ?', subject, target.version);
    const used = yield* one('SELECT 1 AS used FROM subject_versions WHERE schema_id = ? LIMIT 1', target.id);
    if (!used) {
      yield* all('DELETE FROM schema_references WHERE schema_id = ?', target.id);
      yield* all('DELETE FROM schemas WHERE id = ?', target.id);
    }
  }
  if (permanent && rows.length === targets.length) yield* all('DELETE FROM subjects WHERE name = ?', subject);
  const what = version === undefined ? `subjects/${subject}` : `subjects/${subject}/versions/${version}`;
  yield* audit(by, at, permanent ? 'delete-permanently' : 'delete-soft', what);
  return targets.map((t) => t.version);
}

export function* getConfig(subject: string): Script<SubjectConfig | undefined> {
  const row = yield* one<ConfigRow>(
    'SELECT subject, compatibility, policy, mode FROM subject_config WHERE subject = ?',
    subject,
  );
  if (!row) return undefined;
  const config: SubjectConfig = {};
  if (row.compatibility !== null) config.compatibility = row.compatibility;
  if (row.policy !== null) config.policy = row.policy as CompatibilityPolicy;
  if (row.mode !== null) config.mode = row.mode;
  return config;
}

export function* setConfig(subject: string, config: SubjectConfig, by: string, at: string): Script<void> {
  yield* all(
    `INSERT INTO subject_config (subject, compatibility, policy, mode) VALUES (?, ?, ?, ?)
     ON CONFLICT (subject) DO UPDATE SET
       compatibility = COALESCE(excluded.compatibility, subject_config.compatibility),
       policy = COALESCE(excluded.policy, subject_config.policy),
       mode = COALESCE(excluded.mode, subject_config.mode)`,
    subject,
    config.compatibility ?? null,
    config.policy ?? null,
    config.mode ?? null,
  );
  yield* audit(
    by,
    at,
    'set-subject-config',
    subject === '' ? 'config' : `config/${subject}`,
    JSON.stringify(config),
  );
}

export function* deleteConfig(
  subject: string,
  field: 'compatibility' | 'mode',
  by: string,
  at: string,
): Script<SubjectConfig | undefined> {
  const before = yield* getConfig(subject);
  if (field === 'compatibility')
    yield* all('UPDATE subject_config SET compatibility = NULL, policy = NULL WHERE subject = ?', subject);
  else yield* all('UPDATE subject_config SET mode = NULL WHERE subject = ?', subject);
  yield* audit(by, at, `delete-subject-${field}`, subject === '' ? field : `${field}/${subject}`);
  return before;
}
