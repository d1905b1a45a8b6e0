import type * as Api from '../../registry/api-types.js';
import {
  type Client,
  createClient,
  ResponseError,
  TimeoutError,
  UnexpectedStatusError,
} from '../../registry/generated/client.js';

/** The registry answered with an error (`{ errors }`, status 4xx/5xx). */
export class RegistryApiError extends Error {
  override name = 'RegistryApiError';
  constructor(
    readonly status: number,
    readonly body: Api.ErrorResponse,
  ) {
    super(body.errors.map((e) => e.message).join('; ') || `The registry answered ${status}.`);
  }
}

/** The registry could not be reached, or answered something that is not its API. */
export class RegistryConnectionError extends Error {
  override name = 'RegistryConnectionError';
}

/**
 * The CLI's view of the registry: the client generated from `specs/registry.json`
 * (`registry/generated/client.ts`), with its failures turned into the two errors the CLI reports.
 *
 * @example
 * const client = new RegistryClient('http://127.0.0.1:7411', process.env.CANON_TOKEN);
 * const latest = await client.getVersion('acme', 'user', 'latest');
 */
export class RegistryClient {
  readonly baseUrl: string;
  readonly #client: Client;

  constructor(baseUrl: string, token?: string) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
    this.#client = createClient({
      baseUrl: this.baseUrl,
      ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
    });
  }

  publish(
    organization: string,
    application: string,
    version: string,
    form: Api.PublishForm,
  ): Promise<Api.PublishResult> {
    return this.#call(() => this.#client.versions.putByVersion(form, { organization, application, version }));
  }

  getVersion(organization: string, application: string, version: string): Promise<Api.Version> {
    return this.#call(() => this.#client.versions.getByVersion({ organization, application, version }));
  }

  getOrganization(organization: string): Promise<Api.Organization> {
    return this.#call(() => this.#client.organizations.getByOrganization({ organization }));
  }

  /** The normalized service (the IR) of a version, or `latest`. */
  getService(organization: string, application: string, version: string): Promise<unknown> {
    return this.#call(() =>
      this.#client.versions.getServiceByVersion({ organization, application, version }),
    );
  }

  /** Every field, type, operation and event stream that carries or reaches `annotation`. */
  trace(annotation: string): Promise<Api.Trace> {
    return this.#call(() => this.#client.traces.getByAnnotation({ annotation }));
  }

  /** Every live version of another service that imports `organization/application`. */
  referencedBy(organization: string, application: string): Promise<Api.ImportingVersion[]> {
    return this.#call(() => this.#client.importingVersions.get({ organization, application }));
  }

  check(organization: string, application: string, form: Api.DocumentForm): Promise<Api.CheckResult> {
    return this.#call(() => this.#client.checkResults.post(form, { organization, application }));
  }

  generate(
    organization: string,
    application: string,
    version: string,
    generator: string,
    form: Api.CodeForm = {},
  ): Promise<Api.Code> {
    return this.#call(() =>
      this.#client.codes.postByGenerator(form, { organization, application, version, generator }),
    );
  }

  /** The service record: name, policy, latest version. */
  getServiceRecord(organization: string, application: string): Promise<Api.Service> {
    return this.#call(() =>
      this.#client.services.getByOrganizationAndApplication({ organization, application }),
    );
  }

  setPolicy(organization: string, application: string, policy: Api.Policy): Promise<Api.Service> {
    return this.#call(() =>
      this.#client.services.putPolicyByOrganizationAndApplication({ policy }, { organization, application }),
    );
  }

  /** The policy new services start with. */
  getDefaultPolicy(): Promise<Api.DefaultPolicy> {
    return this.#call(() => this.#client.defaultPolicies.get());
  }

  setDefaultPolicy(policy: Api.Policy): Promise<Api.DefaultPolicy> {
    return this.#call(() => this.#client.defaultPolicies.put({ policy }));
  }

  /** Every live version, oldest first, each with its change log. */
  listVersions(organization: string, application: string): Promise<Api.Version[]> {
    return this.#call(() => this.#client.versions.get({ organization, application }));
  }

  /** The changes between two versions (`to` defaults to latest). */
  changes(organization: string, application: string, from: string, to?: string): Promise<Api.ChangeLog> {
    return this.#call(() =>
      this.#client.changeLogs.get({ organization, application, from, ...(to === undefined ? {} : { to }) }),
    );
  }

  /** Deletes one version, or the service with every version when `version` is undefined. */
  async delete(
    organization: string,
    application: string,
    version: string | undefined,
    how: { reason: string; hard: boolean },
  ): Promise<void> {
    await this.#call(() =>
      version === undefined
        ? this.#client.services.deleteByOrganizationAndApplication({ organization, application, ...how })
        : this.#client.versions.deleteByVersion({ organization, application, version, ...how }),
    );
  }

  /** Undoes a soft delete of one version, or of the service when `version` is undefined. */
  restore(
    organization: string,
    application: string,
    version: string | undefined,
  ): Promise<Api.Version | Api.Service> {
    return this.#call(
      (): Promise<Api.Version | Api.Service> =>
        version === undefined
          ? this.#client.services.postRestoreByOrganizationAndApplication({ organization, application })
          : this.#client.versions.postRestoreByVersion({ organization, application, version }),
    );
  }

  /** The registry's mode, or one service's. */
  getMode(service?: { organization: string; application: string }): Promise<Api.ModeSetting> {
    return this.#call(() =>
      service
        ? this.#client.services.getModeByOrganizationAndApplication(service)
        : this.#client.modeSettings.get(),
    );
  }

  setMode(mode: Api.Mode, service?: { organization: string; application: string }): Promise<Api.ModeSetting> {
    return this.#call(() =>
      service
        ? this.#client.services.putModeByOrganizationAndApplication({ mode }, service)
        : this.#client.modeSettings.put({ mode }),
    );
  }

  listTokens(organization?: string): Promise<Api.Token[]> {
    return this.#call(() => this.#client.tokens.get(organization === undefined ? {} : { organization }));
  }

  createToken(form: Api.TokenForm): Promise<Api.TokenCreated> {
    return this.#call(() => this.#client.tokens.post(form));
  }

  async revokeToken(id: string): Promise<void> {
    await this.#call(() => this.#client.tokens.deleteById({ id }));
  }

  /** The organization's services and every import from or to one of them (latest versions). */
  dependencyGraph(organization: string): Promise<Api.DependencyGraph> {
    return this.#call(() => this.#client.dependencyGraphs.get({ organization }));
  }

  setNamespace(organization: string, namespace: string): Promise<Api.Organization> {
    return this.#call(() => this.#client.organizations.putByOrganization({ namespace }, { organization }));
  }

  /** The audit log, newest first. */
  audit(limit: number, offset = 0): Promise<Api.AuditEntry[]> {
    return this.#call(() => this.#client.auditEntries.get({ limit, offset }));
  }

  /** The generated client itself, for everything else. */
  get api(): Client {
    return this.#client;
  }

  async #call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw this.#translate(error);
    }
  }

  #translate(error: unknown): Error {
    if (error instanceof ResponseError || error instanceof UnexpectedStatusError) {
      const body = error.body as Partial<Api.ErrorResponse> | undefined;
      if (Array.isArray(body?.errors)) return new RegistryApiError(error.status, body as Api.ErrorResponse);
      return new RegistryConnectionError(
        `${error.operation} answered ${error.status} without an error list; is ${this.baseUrl} a Canon registry?`,
      );
    }
    if (error instanceof TimeoutError)
      return new RegistryConnectionError(
        `the registry at ${this.baseUrl} did not answer within ${error.timeoutMs} ms.`,
      );
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    const reason = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
    return new RegistryConnectionError(
      `cannot reach the registry at ${this.baseUrl} (${reason}). Is it running? Start one with 'canon serve' or 'canon up'.`,
    );
  }
}
