/**
 * A refusal on the Confluent-compatible API: Confluent's `error_code` (whose first three digits
 * are the HTTP status) and a message that says what to do. `http/confluent/` sends it as
 * `{"error_code": 40401, "message": "…"}`.
 */
export class SubjectError extends Error {
  override name = 'SubjectError';
  constructor(
    readonly errorCode: number,
    message: string,
  ) {
    super(message);
  }

  get status(): number {
    return Math.floor(this.errorCode / 100);
  }
}

const quoted = (name: string) => JSON.stringify(name.length > 120 ? `${name.slice(0, 120)}…` : name);

export const subjectNotFound = (subject: string) =>
  new SubjectError(40401, `Subject ${quoted(subject)} not found. List subjects with GET /subjects.`);
export const versionNotFound = (subject: string, version: string | number) =>
  new SubjectError(
    40402,
    `Version ${String(version).slice(0, 40)} of subject ${quoted(subject)} not found. List its versions with GET /subjects/{subject}/versions.`,
  );
export const schemaNotFound = (what: string) => new SubjectError(40403, `Schema ${what} not found.`);
export const subjectSoftDeleted = (subject: string) =>
  new SubjectError(
    40404,
    `Subject ${quoted(subject)} was soft deleted. Delete it with ?permanent=true, or register a schema to bring it back.`,
  );
export const subjectNotSoftDeleted = (subject: string) =>
  new SubjectError(
    40405,
    `Subject ${quoted(subject)} was not soft deleted: delete it without ?permanent=true first.`,
  );
export const versionSoftDeleted = (subject: string, version: number) =>
  new SubjectError(40406, `Version ${version} of subject ${quoted(subject)} was soft deleted already.`);
export const versionNotSoftDeleted = (subject: string, version: number) =>
  new SubjectError(
    40407,
    `Version ${version} of subject ${quoted(subject)} was not soft deleted: delete it without ?permanent=true first.`,
  );
export const invalidSchema = (message: string) => new SubjectError(42201, `Invalid schema: ${message}`);
export const invalidVersion = (version: string) =>
  new SubjectError(
    42202,
    `The version ${JSON.stringify(version.slice(0, 40))} is not valid: use a number from 1 to 2147483647, latest or -1.`,
  );
export const invalidCompatibility = (value: unknown) =>
  new SubjectError(
    42203,
    `Invalid compatibility level ${JSON.stringify(value)?.slice(0, 60)}: use NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL or FULL_TRANSITIVE.`,
  );
export const invalidMode = (value: unknown) =>
  new SubjectError(
    42204,
    `Invalid mode ${JSON.stringify(value)?.slice(0, 60)}: use READWRITE, READONLY or IMPORT.`,
  );
export const notPermitted = (message: string) => new SubjectError(42205, message);
export const referenceExists = (subject: string, version: number, ids: number[]) =>
  new SubjectError(
    42206,
    `Version ${version} of subject ${quoted(subject)} is referenced by schema ${ids.slice(0, 10).join(', ')}; delete those first.`,
  );
export const invalidSubject = (message: string) => new SubjectError(42208, `Invalid subject: ${message}`);
