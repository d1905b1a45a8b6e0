import type { CompatibilityPolicy } from '../../core/json-schema-compat/index.js';
import type { JsonSchema, ReferencedDocuments } from '../../core/json-schema-compat/schema-refs.js';

/** What decides a registration, in its transaction: who may write the subject, then compatibility. */
export interface RegistrationRules {
  /** Throws unless the caller may write a subject of `organization` in `mode`. */
  admit(organization: string, mode: string): void;
  check(input: RegistrationCheck): void;
}

/** Confluent's `{name, subject, version}`: `$ref: name` means that version of that subject. */
export interface SchemaReference {
  name: string;
  subject: string;
  version: number;
}

/** A schema by its registry-wide id. */
export interface SchemaRecord {
  id: number;
  schemaType: 'JSON';
  /** The text as first registered. */
  schema: string;
  references: SchemaReference[];
}

export interface SubjectVersionRecord extends SchemaRecord {
  subject: string;
  version: number;
  deleted: boolean;
}

export interface SubjectRecord {
  name: string;
  /** Who may write it: the organization of the token that created it (or of the service it mirrors). */
  organization: string;
  deleted: boolean;
}

/** Compatibility, policy and mode set for one subject, or for the registry ('' as the subject). */
export interface SubjectConfig {
  compatibility?: string;
  policy?: CompatibilityPolicy;
  mode?: string;
}

/** A version as the compatibility check sees it: parsed, with its references resolved. */
export interface CheckedVersion {
  version: number;
  schema: JsonSchema;
  references: ReferencedDocuments;
}

/** What a registration asks the check to decide, inside the registration's transaction. */
export interface RegistrationCheck {
  /** The candidate's references, resolved (every referenced version exists). */
  references: ReferencedDocuments;
  /** Live versions, oldest first. */
  history: CheckedVersion[];
  compatibility: string;
  policy: CompatibilityPolicy;
  mode: string;
}

export interface RegistrationPlan {
  subject: string;
  /** Owner when the registration creates the subject. */
  organization: string;
  schema: string;
  parsed: JsonSchema;
  /** sha256 of the canonical schema and references: equal for equal normalized schemas. */
  fingerprint: string;
  references: SchemaReference[];
  /** Only in IMPORT mode: the id and version to store it under. */
  id?: number;
  version?: number;
  by: string;
  at: string;
}

export interface RegistrationOutcome {
  status: 'created' | 'exists';
  id: number;
  version: number;
}

/**
 * Storage of subjects (named, versioned histories of JSON Schemas) beside the services; both
 * stores implement it with the same statements (`subject-scripts.ts`), in their own transactions.
 */
export interface SubjectStore {
  listSubjects(options: { deleted: boolean; prefix?: string }): Promise<SubjectRecord[]>;
  getSubject(name: string): Promise<SubjectRecord | undefined>;
  listVersions(
    subject: string,
    deleted: boolean,
  ): Promise<{ version: number; id: number; deleted: boolean }[]>;
  /** One version (a number, or the latest live one with `latest`). */
  getVersion(
    subject: string,
    version: number | 'latest',
    deleted: boolean,
  ): Promise<SubjectVersionRecord | undefined>;
  getSchema(id: number): Promise<SchemaRecord | undefined>;
  /** Every (subject, version) that carries schema `id`. */
  usesOfSchema(id: number, deleted: boolean): Promise<{ subject: string; version: number }[]>;
  /** The live version of `subject` whose schema has this fingerprint. */
  findVersion(subject: string, fingerprint: string): Promise<SubjectVersionRecord | undefined>;
  /** Ids of schemas whose references name this version. */
  referencedBy(subject: string, version: number): Promise<number[]>;
  /**
   * Registers in one transaction: `admit` decides who may write (and in which mode); a live equal
   * schema is answered as it is (idempotent); else `check` decides compatibility.
   */
  register(plan: RegistrationPlan, rules: RegistrationRules): Promise<RegistrationOutcome>;
  /** What a compatibility check needs: the subject's live history and the candidate's references. */
  loadForCheck(subject: string, references: SchemaReference[]): Promise<RegistrationCheck>;
  /** Deletes versions (every live one, for `version` undefined); returns the versions deleted. */
  deleteVersions(
    subject: string,
    version: number | undefined,
    permanent: boolean,
    by: string,
    admit: (organization: string, mode: string) => void,
  ): Promise<number[]>;
  getConfig(subject: string): Promise<SubjectConfig | undefined>;
  /** Sets (or with `undefined` fields, clears) the config of a subject or of the registry (''). */
  setConfig(subject: string, config: SubjectConfig, by: string): Promise<void>;
  deleteConfig(
    subject: string,
    field: 'compatibility' | 'mode',
    by: string,
  ): Promise<SubjectConfig | undefined>;
}
