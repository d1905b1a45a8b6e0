import type * as Api from './api-types.js';

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

type Query = Record<string, string | number | undefined>;

/**
 * A typed client for the registry API (`specs/registry.json`), used by the CLI. Written by hand
 * over the wire types until the typescript-client generator can produce it from the spec.
 *
 * @example
 * const client = new RegistryClient('http://127.0.0.1:7411', process.env.CANON_TOKEN);
 * const latest = await client.getVersion('acme', 'user', 'latest');
 */
export class RegistryClient {
  readonly baseUrl: string;
  constructor(
    baseUrl: string,
    readonly token?: string,
  ) {
    this.baseUrl = baseUrl.replace(/\/+$/, '');
  }

  healthcheck = () => this.#call<Api.Healthcheck>('GET', '/_internal_/healthcheck');
  searchServices = (query: { q?: string; organization?: string; limit?: number; offset?: number } = {}) =>
    this.#call<Api.Service[]>('GET', '/services', undefined, query);
  getService = (org: string, app: string) => this.#call<Api.Service>('GET', `/services/${p(org)}/${p(app)}`);
  setPolicy = (org: string, app: string, form: Api.PolicyForm) =>
    this.#call<Api.Service>('PUT', `/services/${p(org)}/${p(app)}/policy`, form);
  listVersions = (org: string, app: string) =>
    this.#call<Api.Version[]>('GET', `/services/${p(org)}/${p(app)}/versions`);
  publish = (org: string, app: string, version: string, form: Api.PublishForm) =>
    this.#call<Api.PublishResult>('PUT', `/services/${p(org)}/${p(app)}/versions/${p(version)}`, form);
  getVersion = (org: string, app: string, version: string) =>
    this.#call<Api.Version>('GET', `/services/${p(org)}/${p(app)}/versions/${p(version)}`);
  getOriginal = (org: string, app: string, version: string) =>
    this.#call<unknown>('GET', `/services/${p(org)}/${p(app)}/versions/${p(version)}/original`);
  getNormalized = (org: string, app: string, version: string) =>
    this.#call<unknown>('GET', `/services/${p(org)}/${p(app)}/versions/${p(version)}/service`);
  changes = (org: string, app: string, from: string, to = 'latest') =>
    this.#call<Api.ChangeLog>('GET', `/services/${p(org)}/${p(app)}/changes`, undefined, { from, to });
  check = (org: string, app: string, form: Api.DocumentForm) =>
    this.#call<Api.CheckResult>('POST', `/services/${p(org)}/${p(app)}/checks`, form);
  validate = (form: Api.DocumentForm) => this.#call<Api.Validation>('POST', '/validations', form);
  events = (organization?: string) =>
    this.#call<Api.EventUnionOwner[]>('GET', '/events', undefined, { organization });
  generators = () => this.#call<Api.Generator[]>('GET', '/generators');
  generate = (org: string, app: string, version: string, generator: string, form: Api.CodeForm = {}) =>
    this.#call<Api.Code>(
      'POST',
      `/services/${p(org)}/${p(app)}/versions/${p(version)}/code/${p(generator)}`,
      form,
    );
  listTokens = () => this.#call<Api.Token[]>('GET', '/tokens');
  createToken = (form: Api.TokenForm) => this.#call<Api.TokenCreated>('POST', '/tokens', form);
  revokeToken = (id: string) => this.#call<undefined>('DELETE', `/tokens/${p(id)}`);

  async #call<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {}))
      if (value !== undefined) search.set(key, String(value));
    const url = `${this.baseUrl}${path}${search.size > 0 ? `?${search}` : ''}`;
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new RegistryConnectionError(
        `cannot reach the registry at ${this.baseUrl} (${cause?.code ?? cause?.message ?? String(error)}). Is it running? Start one with 'canon serve' or 'canon up'.`,
      );
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new RegistryConnectionError(
        `${method} ${url} answered ${response.status} with a body that is not JSON; is ${this.baseUrl} a Canon registry?`,
      );
    }
    if (!response.ok) {
      const errors = (parsed as Api.ErrorResponse)?.errors;
      if (!Array.isArray(errors))
        throw new RegistryConnectionError(
          `${method} ${url} answered ${response.status} without an error list; is ${this.baseUrl} a Canon registry?`,
        );
      throw new RegistryApiError(response.status, parsed as Api.ErrorResponse);
    }
    return parsed as T;
  }
}

const p = encodeURIComponent;
