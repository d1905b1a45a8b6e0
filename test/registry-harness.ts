import { type RunningRegistry, type StartOptions, startRegistry } from '../registry/server.js';
import { type StoreKind, type TemporaryDatabase, temporaryDatabase } from './temporary-database.js';

export const ADMIN = 'test-admin-token';

export type RegistryOptions = Partial<StartOptions> & { store?: StoreKind };
export type TestRegistry = RunningRegistry & {
  http: Http;
  dir: string;
  store: StoreKind;
  database: TemporaryDatabase;
};

/**
 * A fresh registry on a temporary database (a SQLite file, or with `store: 'postgres'` a schema
 * of its own) and a real 127.0.0.1 port; removed afterwards.
 */
export async function withRegistry<T>(
  fn: (registry: TestRegistry) => Promise<T>,
  options: RegistryOptions = {},
): Promise<T> {
  const { store = 'sqlite', ...start } = options;
  const database = await temporaryDatabase(store);
  let running: RunningRegistry;
  try {
    running = await startRegistry({ db: database.db, adminToken: ADMIN, log: () => {}, ...start });
  } catch (error) {
    await database.dispose();
    throw error;
  }
  try {
    return await fn(
      Object.assign(running, { http: new Http(running.url), dir: database.dir, store, database }),
    );
  } finally {
    try {
      await running.close(1000);
    } finally {
      await database.dispose();
    }
  }
}

/** `withRegistry` on one backend: suites that run on each store bind it once per backend. */
export const registryOn =
  (store: StoreKind) =>
  <T>(fn: (registry: TestRegistry) => Promise<T>, options: RegistryOptions = {}): Promise<T> =>
    withRegistry(fn, { ...options, store });

export interface HttpAnswer {
  status: number;
  headers: Headers;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: test answers are inspected field by field
  json: any;
}

/** Raw HTTP against the registry, so tests see exactly what a client sees. */
export class Http {
  constructor(readonly url: string) {}

  async request(
    method: string,
    path: string,
    options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ): Promise<HttpAnswer> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await fetch(this.url + path, {
      method,
      headers,
      ...(body === undefined ? {} : { body }),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, headers: response.headers, text, json };
  }

  publish(
    org: string,
    app: string,
    version: string,
    original: string,
    extra: Record<string, unknown> = {},
    token = ADMIN,
  ) {
    return this.request('PUT', `/services/${org}/${app}/versions/${version}`, {
      token,
      body: { original, ...extra },
    });
  }
}

/** A small api.json document: one `user` model with the given fields, and a GET operation. */
export function userSpec(
  fields: Record<string, string | { type: string; required?: boolean }>,
  extra: Record<string, unknown> = {},
): string {
  return JSON.stringify({
    name: 'user',
    models: {
      user: {
        fields: Object.entries(fields).map(([name, f]) =>
          typeof f === 'string' ? { name, type: f } : { name, ...f },
        ),
      },
    },
    resources: { user: { operations: [{ method: 'GET', path: '/:id' }] } },
    ...extra,
  });
}
