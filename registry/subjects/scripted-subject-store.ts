import type { JsonSchema } from '../../core/json-schema-compat/index.js';
import { LruCache } from '../lru-cache.js';
import type { Script } from './sql-script.js';
import * as scripts from './subject-scripts.js';
import type {
  RegistrationCheck,
  RegistrationOutcome,
  RegistrationPlan,
  RegistrationRules,
  SchemaRecord,
  SchemaReference,
  SubjectConfig,
  SubjectStore,
} from './subject-store.js';

/** How long a schema read by id is served from memory before its existence is read again. */
export const SCHEMA_CACHE_MS = 1000;
const SCHEMA_CACHE_ENTRIES = 10_000;

/** How a store runs a script: as a read, or as one write transaction. */
export interface ScriptRunner {
  read<T>(script: () => Script<T>): Promise<T>;
  /** A fresh script per attempt: a store may retry a transaction that could not start. */
  write<T>(script: () => Script<T>): Promise<T>;
}

/**
 * `SubjectStore` over either database: the statements are the scripts' (`subject-scripts.ts`),
 * the transactions the runner's. Parsed schemas are cached by id, which never names other text.
 */
export class ScriptedSubjectStore implements SubjectStore {
  readonly #run: ScriptRunner;
  readonly #parsed = new LruCache<{ schema: JsonSchema; bytes: number }>(32 * 1024 * 1024, (e) => e.bytes);
  readonly #parse = (id: number, text: string): JsonSchema => {
    const key = String(id);
    const cached = this.#parsed.get(key);
    if (cached) return cached.schema;
    const schema = JSON.parse(text) as JsonSchema;
    this.#parsed.set(key, { schema, bytes: text.length * 2 });
    return schema;
  };

  /**
   * Schemas by id, for `GET /schemas/ids/{id}` (what every consumer asks on deserializing). An
   * id's text never changes, only whether it still exists: a hard delete through this process
   * clears the cache at once, one through another process (a replica) is seen within
   * `SCHEMA_CACHE_MS`.
   */
  readonly #byId = new Map<number, { record: SchemaRecord | undefined; until: number }>();

  constructor(runner: ScriptRunner) {
    this.#run = runner;
  }

  listSubjects(options: { deleted: boolean; prefix?: string }) {
    return this.#run.read(() => scripts.listSubjects(options.deleted, options.prefix));
  }
  getSubject(name: string) {
    return this.#run.read(() => scripts.getSubject(name));
  }
  listVersions(subject: string, deleted: boolean) {
    return this.#run.read(() => scripts.listVersions(subject, deleted));
  }
  getVersion(subject: string, version: number | 'latest', deleted: boolean) {
    return this.#run.read(() => scripts.getVersion(subject, version, deleted));
  }
  async getSchema(id: number): Promise<SchemaRecord | undefined> {
    const now = Date.now();
    const cached = this.#byId.get(id);
    if (cached && cached.until > now && cached.record) return cached.record;
    const record = await this.#run.read(() => scripts.getSchema(id));
    if (record) {
      if (this.#byId.size >= SCHEMA_CACHE_ENTRIES) this.#byId.delete(this.#byId.keys().next().value!);
      this.#byId.set(id, { record, until: now + SCHEMA_CACHE_MS });
    }
    return record;
  }
  usesOfSchema(id: number, deleted: boolean) {
    return this.#run.read(() => scripts.usesOfSchema(id, deleted));
  }
  findVersion(subject: string, fingerprint: string) {
    return this.#run.read(() => scripts.findVersion(subject, fingerprint));
  }
  referencedBy(subject: string, version: number) {
    return this.#run.read(() => scripts.referencedBy(subject, version));
  }
  register(plan: RegistrationPlan, rules: RegistrationRules): Promise<RegistrationOutcome> {
    return this.#run.write(() => scripts.register(plan, rules, this.#parse));
  }
  loadForCheck(subject: string, references: SchemaReference[]): Promise<RegistrationCheck> {
    return this.#run.read(() => scripts.loadForCheck(subject, references, this.#parse));
  }
  deleteVersions(
    subject: string,
    version: number | undefined,
    permanent: boolean,
    by: string,
    admit: (organization: string, mode: string) => void,
  ) {
    return this.#run
      .write(() => scripts.deleteVersions(subject, version, permanent, by, new Date().toISOString(), admit))
      .finally(() => {
        if (permanent) this.#byId.clear();
      });
  }
  getConfig(subject: string) {
    return this.#run.read(() => scripts.getConfig(subject));
  }
  setConfig(subject: string, config: SubjectConfig, by: string) {
    return this.#run.write(() => scripts.setConfig(subject, config, by, new Date().toISOString()));
  }
  deleteConfig(subject: string, field: 'compatibility' | 'mode', by: string) {
    return this.#run.write(() => scripts.deleteConfig(subject, field, by, new Date().toISOString()));
  }
}
