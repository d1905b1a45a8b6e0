/**
 * The registry API's wire types, as `specs/registry.json` defines them (snake_case, as on the
 * wire). Written by hand until the typescript-types generator can produce them from the spec;
 * `api-types.test.ts` checks that every model of the spec has a type here with the same fields.
 */

export type Policy = 'backward' | 'backward-transitive' | 'none' | 'major-may-break';
export type Role = 'read' | 'publish' | 'admin';
export type ChangeLevel = 'breaking' | 'warning' | 'info';
export type PublishStatus = 'created' | 'exists' | 'dry-run';

export interface Healthcheck {
  status: string;
}

export interface Error {
  code: string;
  path?: string;
  message: string;
}

export interface ErrorResponse {
  errors: Error[];
  changes?: Change[];
}

export interface Change {
  rule: string;
  level: ChangeLevel;
  path: string;
  message: string;
  /** The version the change was found against (refusals only). */
  against?: string;
}

export interface Service {
  organization: string;
  application: string;
  name: string;
  policy: Policy;
  latest_version?: string;
  created_at: string;
  created_by: string;
}

export interface Version {
  organization: string;
  application: string;
  version: string;
  content_hash: string;
  format: string;
  published_at: string;
  published_by: string;
  previous_version?: string;
  forced_reason?: string;
  changes: Change[];
}

export interface PublishForm {
  /** The spec document's text, exactly as it should be stored. */
  original: string;
  /** The file name, used to recognise the format (e.g. `api.yaml`). */
  file?: string;
  /** Admins only: accept breaking changes, for this reason (stored in the change log). */
  force_reason?: string;
  dry_run?: boolean;
}

export interface PublishResult {
  status: PublishStatus;
  version: Version;
  warnings: Error[];
}

export interface DocumentForm {
  original: string;
  file?: string;
}

export interface Validation {
  valid: boolean;
  format?: string;
  errors: Error[];
  warnings: Error[];
}

export interface CheckResult {
  compatible: boolean;
  policy: Policy;
  against?: string;
  changes: Change[];
}

export interface ChangeLog {
  from: string;
  to: string;
  changes: Change[];
}

export interface PolicyForm {
  policy: Policy;
}

export interface EventUnionOwner {
  organization: string;
  union: string;
  application: string;
}

export interface Generator {
  name: string;
  description: string;
}

export interface CodeForm {
  options?: Record<string, unknown>;
}

export interface File {
  path: string;
  contents: string;
  scaffolding?: boolean;
}

export interface Code {
  version: string;
  generator: string;
  files: File[];
}

export interface Token {
  id: string;
  organization: string;
  role: Role;
  description: string;
  created_at: string;
  created_by: string;
}

export interface TokenForm {
  organization: string;
  role: Role;
  description: string;
}

export interface TokenCreated extends Token {
  /** The secret, shown this once; only its hash is stored. */
  secret: string;
}
