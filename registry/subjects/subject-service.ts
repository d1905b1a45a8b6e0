import {
  type CompatibilityLevel,
  type CompatibilityPolicy,
  checkCompatibility,
  checkReferences,
  type Incompatibility,
  isCompatibilityLevel,
  type PriorVersion,
  SchemaReferenceError,
  toChange,
} from '../../core/json-schema-compat/index.js';
import type { Principal } from '../access.js';
import type { RegistryStore } from '../store/store.js';
import type { SchemaIntake } from './schema-intake.js';
import { mayRead, ownerFor, requireSubjectRole } from './subject-access.js';
import {
  invalidCompatibility,
  invalidMode,
  invalidSchema,
  notPermitted,
  SubjectError,
  schemaNotFound,
  subjectNotFound,
  versionNotFound,
} from './subject-error.js';
import type {
  RegistrationCheck,
  SchemaRecord,
  SubjectConfig,
  SubjectVersionRecord,
} from './subject-store.js';

export const SUBJECT_MODES = ['READWRITE', 'READONLY', 'IMPORT'] as const;

/** One incompatibility as the API reports it: Canon's change (rule, level, path, message) and the version it breaks. */
export interface ReportedIncompatibility {
  rule: string;
  level: 'breaking' | 'warning' | 'info';
  path: string;
  message: string;
  against: number;
  direction: 'backward' | 'forward';
}

export interface CompatibilityAnswer {
  compatible: boolean;
  level: CompatibilityLevel;
  policy: CompatibilityPolicy;
  checked: number[];
  incompatibilities: ReportedIncompatibility[];
}

/**
 * Subjects as the Confluent-compatible API and the CLI use them: who may do what, the checks a
 * registration passes (references resolve, no `$ref` cycles, the compatibility level), and the
 * lookups. Storage and its transactions are the store's (`SubjectStore`).
 */
export class SubjectService {
  constructor(
    readonly store: RegistryStore,
    readonly anonymousReads: boolean,
  ) {}

  get #subjects() {
    return this.store.subjects;
  }

  /** The subject, if the caller may read it; 40401 otherwise (a private subject is not confirmed to exist). */
  async readable(principal: Principal, name: string) {
    const subject = await this.#subjects.getSubject(name);
    if (!subject || !mayRead(principal, subject.organization, this.anonymousReads)) {
      if (subject && !principal.token && !this.anonymousReads)
        requireSubjectRole(principal, subject.organization, 'read', false);
      throw subjectNotFound(name);
    }
    return subject;
  }

  async listSubjects(
    principal: Principal,
    options: { deleted: boolean; prefix?: string },
  ): Promise<string[]> {
    const all = await this.#subjects.listSubjects(options);
    return all.filter((s) => mayRead(principal, s.organization, this.anonymousReads)).map((s) => s.name);
  }

  async getVersion(
    principal: Principal,
    subject: string,
    version: number | 'latest',
    deleted: boolean,
  ): Promise<SubjectVersionRecord> {
    await this.readable(principal, subject);
    const found = await this.#subjects.getVersion(subject, version, deleted);
    if (!found) throw versionNotFound(subject, version);
    return found;
  }

  /** A schema by id, if the caller may read a subject that uses it. */
  async getSchema(principal: Principal, id: number, subject?: string): Promise<SchemaRecord> {
    const schema = await this.#subjects.getSchema(id);
    if (!schema) throw schemaNotFound(`with id ${id}`);
    if (!this.anonymousReads || subject !== undefined) {
      const uses = await this.#subjects.usesOfSchema(id, true);
      const names = new Set(uses.map((u) => u.subject));
      if (subject !== undefined && !names.has(subject))
        throw schemaNotFound(`with id ${id} under subject ${JSON.stringify(subject.slice(0, 120))}`);
      if (!this.anonymousReads) {
        const subjects = await Promise.all([...names].map((n) => this.#subjects.getSubject(n)));
        if (!subjects.some((s) => s && mayRead(principal, s.organization, false))) {
          if (!principal.token) requireSubjectRole(principal, '*', 'read', false);
          throw schemaNotFound(`with id ${id}`);
        }
      }
    }
    return schema;
  }

  async usesOfSchema(principal: Principal, id: number, deleted: boolean) {
    await this.getSchema(principal, id);
    const uses = await this.#subjects.usesOfSchema(id, deleted);
    const readable = await Promise.all(
      uses.map(async (u) => {
        const s = await this.#subjects.getSubject(u.subject);
        return s !== undefined && mayRead(principal, s.organization, this.anonymousReads);
      }),
    );
    return uses.filter((_, i) => readable[i]);
  }

  async register(
    principal: Principal,
    subject: string,
    intake: SchemaIntake,
    by: string,
  ): Promise<{ id: number; version: number; status: 'created' | 'exists' }> {
    const organization = ownerFor(principal);
    const plan = {
      subject,
      organization,
      schema: intake.text,
      parsed: intake.parsed,
      fingerprint: intake.fingerprint,
      references: intake.references,
      by,
      at: new Date().toISOString(),
      ...(intake.id === undefined ? {} : { id: intake.id }),
      ...(intake.version === undefined ? {} : { version: intake.version }),
    };
    return this.#subjects.register(plan, {
      admit: (owner, mode) => {
        requireSubjectRole(principal, owner, 'publish', this.anonymousReads);
        if (mode === 'READONLY')
          throw notPermitted(
            `Subject ${JSON.stringify(subject.slice(0, 120))} is in READONLY mode; switch it with PUT /mode/{subject} {"mode": "READWRITE"}.`,
          );
        if ((intake.id !== undefined || intake.version !== undefined) && mode !== 'IMPORT') {
          throw notPermitted(
            'An id or version can be given only in IMPORT mode (PUT /mode/{subject} {"mode": "IMPORT"}); leave them out to have them assigned.',
          );
        }
      },
      check: (input) => {
        resolvable(intake, input);
        if (input.mode === 'IMPORT') return;
        const answer = judge(intake, input, undefined);
        if (!answer.compatible) throw incompatible(subject, answer);
      },
    });
  }

  /** The live version of the subject holding this schema (Confluent's `POST /subjects/{s}`). */
  async lookup(principal: Principal, subject: string, intake: SchemaIntake): Promise<SubjectVersionRecord> {
    await this.readable(principal, subject);
    const found = await this.#subjects.findVersion(subject, intake.fingerprint);
    if (found) return found;
    throw new SubjectError(
      40403,
      `Schema not found under subject ${JSON.stringify(subject.slice(0, 120))}: register it with POST /subjects/{subject}/versions.`,
    );
  }

  /**
   * A dry run: would this schema be accepted? Against one version (`version`), or (`undefined`)
   * against every version the subject's level requires.
   */
  async check(
    principal: Principal,
    subject: string,
    intake: SchemaIntake,
    version: number | 'latest' | undefined,
  ): Promise<CompatibilityAnswer> {
    const record = await this.#subjects.getSubject(subject);
    if (record && !mayRead(principal, record.organization, this.anonymousReads))
      await this.readable(principal, subject);
    const input = await this.#subjects.loadForCheck(subject, intake.references);
    resolvable(intake, input);
    if (version !== undefined) {
      if (!record) throw subjectNotFound(subject);
      const target =
        version === 'latest' ? input.history.at(-1) : input.history.find((h) => h.version === version);
      if (!target) throw versionNotFound(subject, version);
      return judge(intake, { ...input, history: [target] }, target.version);
    }
    return judge(intake, input, undefined);
  }

  async deleteVersions(
    principal: Principal,
    subject: string,
    version: number | undefined,
    permanent: boolean,
    by: string,
  ): Promise<number[]> {
    await this.readable(principal, subject);
    return this.#subjects.deleteVersions(subject, version, permanent, by, (owner, mode) => {
      requireSubjectRole(principal, owner, 'admin', this.anonymousReads);
      if (mode === 'READONLY')
        throw notPermitted(
          `Subject ${JSON.stringify(subject.slice(0, 120))} is in READONLY mode; nothing was deleted.`,
        );
    });
  }

  async referencedBy(principal: Principal, subject: string, version: number | 'latest'): Promise<number[]> {
    const record = await this.getVersion(principal, subject, version, false);
    return this.#subjects.referencedBy(subject, record.version);
  }

  /** The effective or own config of a subject, or the registry's with `subject` ''. */
  async getConfig(
    principal: Principal,
    subject: string,
    defaultToGlobal: boolean,
  ): Promise<{ compatibilityLevel: string; compatibilityPolicy?: string } | undefined> {
    if (subject !== '') {
      const record = await this.#subjects.getSubject(subject);
      if (record) await this.readable(principal, subject);
    }
    const own = await this.#subjects.getConfig(subject);
    if (own?.compatibility) return withPolicy(own.compatibility, own.policy);
    if (subject !== '' && !defaultToGlobal) return undefined;
    const global = await this.#subjects.getConfig('');
    return withPolicy(global?.compatibility ?? 'BACKWARD', global?.policy);
  }

  async setConfig(
    principal: Principal,
    subject: string,
    body: unknown,
    by: string,
  ): Promise<{ compatibility: string; compatibilityPolicy?: string }> {
    await this.#requireAdmin(principal, subject);
    const request = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    const level = request.compatibility ?? request.compatibilityLevel;
    if (!isCompatibilityLevel(level)) throw invalidCompatibility(level);
    const policy = request.compatibilityPolicy;
    if (policy !== undefined && policy !== 'STRICT' && policy !== 'LENIENT') {
      throw new SubjectError(
        42203,
        `Invalid compatibilityPolicy ${JSON.stringify(policy)?.slice(0, 40)}: use STRICT or LENIENT.`,
      );
    }
    const config: SubjectConfig = { compatibility: level };
    if (policy !== undefined) config.policy = policy;
    await this.#subjects.setConfig(subject, config, by);
    return policy === undefined
      ? { compatibility: level }
      : { compatibility: level, compatibilityPolicy: policy };
  }

  async deleteConfig(
    principal: Principal,
    subject: string,
    by: string,
  ): Promise<{ compatibilityLevel: string } | undefined> {
    await this.#requireAdmin(principal, subject);
    const before = await this.#subjects.deleteConfig(subject, 'compatibility', by);
    return before?.compatibility
      ? { compatibilityLevel: before.compatibility }
      : subject === ''
        ? { compatibilityLevel: 'BACKWARD' }
        : undefined;
  }

  async getMode(
    principal: Principal,
    subject: string,
    defaultToGlobal: boolean,
  ): Promise<string | undefined> {
    if (subject !== '' && (await this.#subjects.getSubject(subject))) await this.readable(principal, subject);
    const own = await this.#subjects.getConfig(subject);
    if (own?.mode) return own.mode;
    if (subject !== '' && !defaultToGlobal) return undefined;
    return (await this.#subjects.getConfig(''))?.mode ?? 'READWRITE';
  }

  async setMode(
    principal: Principal,
    subject: string,
    body: unknown,
    force: boolean,
    by: string,
  ): Promise<string> {
    await this.#requireAdmin(principal, subject);
    const mode = (body as { mode?: unknown } | null)?.mode;
    if (!SUBJECT_MODES.includes(mode as never)) throw invalidMode(mode);
    if (mode === 'IMPORT' && !force) {
      const existing =
        subject === ''
          ? await this.#subjects.listSubjects({ deleted: false })
          : (await this.#subjects.listVersions(subject, false)).map(String);
      if (existing.length > 0)
        throw notPermitted(
          'Cannot import since found existing subjects; add ?force=true to switch to IMPORT anyway.',
        );
    }
    await this.#subjects.setConfig(subject, { mode: mode as string }, by);
    return mode as string;
  }

  async deleteMode(principal: Principal, subject: string, by: string): Promise<string | undefined> {
    await this.#requireAdmin(principal, subject);
    return (await this.#subjects.deleteConfig(subject, 'mode', by))?.mode;
  }

  async #requireAdmin(principal: Principal, subject: string): Promise<void> {
    const record = subject === '' ? undefined : await this.#subjects.getSubject(subject);
    // Settings of a subject that does not exist yet belong to whoever may create it.
    const owner = record?.organization ?? (subject === '' ? '*' : (principal.token?.organization ?? '*'));
    requireSubjectRole(principal, owner, 'admin', this.anonymousReads);
  }
}

function withPolicy(level: string, policy: string | undefined) {
  return policy === undefined
    ? { compatibilityLevel: level }
    : { compatibilityLevel: level, compatibilityPolicy: policy };
}

/** Every `$ref` of the candidate resolves, and none loops on itself. */
function resolvable(intake: SchemaIntake, input: RegistrationCheck): void {
  try {
    checkReferences(intake.parsed, input.references);
  } catch (error) {
    if (error instanceof SchemaReferenceError) throw invalidSchema(error.message);
    throw error;
  }
}

function judge(
  intake: SchemaIntake,
  input: RegistrationCheck,
  against: number | undefined,
): CompatibilityAnswer {
  const level = (
    isCompatibilityLevel(input.compatibility) ? input.compatibility : 'BACKWARD'
  ) as CompatibilityLevel;
  // Against one named version, the level's direction applies to that version alone.
  const effective = against !== undefined ? (level.replace('_TRANSITIVE', '') as CompatibilityLevel) : level;
  const history: PriorVersion[] = input.history.map((h) => ({
    version: h.version,
    schema: { schema: h.schema, references: h.references },
  }));
  let found: Incompatibility[];
  try {
    found = checkCompatibility(
      effective,
      input.policy,
      { schema: intake.parsed, references: input.references },
      history,
    );
  } catch (error) {
    if (error instanceof SchemaReferenceError) throw invalidSchema(error.message);
    throw error;
  }
  const checked =
    effective === 'NONE'
      ? []
      : effective.endsWith('_TRANSITIVE')
        ? history.map((h) => h.version)
        : history.slice(-1).map((h) => h.version);
  return {
    compatible: found.length === 0,
    level,
    policy: input.policy,
    checked,
    incompatibilities: found.map((i) => ({
      ...toChange(i.difference, input.policy),
      against: i.againstVersion,
      direction: i.direction,
    })),
  };
}

/** Confluent's 409 for an incompatible registration, naming each difference and the version it breaks. */
export class IncompatibleSchemaError extends SubjectError {
  constructor(
    message: string,
    readonly incompatibilities: ReportedIncompatibility[],
  ) {
    super(409, message);
  }
  override get status(): number {
    return 409;
  }
}

function incompatible(subject: string, answer: CompatibilityAnswer): IncompatibleSchemaError {
  const details = answer.incompatibilities
    .slice(0, 20)
    .map(
      (i) =>
        `{rule: ${i.rule}, path: '${i.path}', ${i.direction === 'backward' ? 'cannot read data of' : 'data unreadable by'} version ${i.against}}`,
    )
    .join(', ');
  return new IncompatibleSchemaError(
    `Schema being registered is incompatible with an earlier schema for subject ${JSON.stringify(subject.slice(0, 120))} (${answer.level}, ${answer.policy}), details: [${details}]`,
    answer.incompatibilities,
  );
}

/** Messages for `POST /compatibility/...?verbose=true`. */
export function verboseMessages(answer: CompatibilityAnswer): string[] {
  return answer.incompatibilities.map((i) => `${i.message} (against version ${i.against}, ${i.direction})`);
}
