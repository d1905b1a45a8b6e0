/*
 * Canon's runtime for generated code, shared by the generated modules of this directory.
 * Do not edit: `canon generate` writes it again.
 */
/**
 * The runtime of Canon's generated clients: settings, the error classes and the fetch transport.
 * Every generated `client.ts` of an output directory imports this one module, so `instanceof
 * ResponseError` holds across clients; it contains nothing from a spec (operations hand their
 * escaped descriptors to the transport) and depends on nothing but the platform's `fetch`.
 */
/** Settings every client takes besides its base URL (see `ClientOptions`). */
export interface ClientSettings {
  /** The fetch implementation; defaults to the global `fetch`. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Headers sent with every request (authorization, tracing). */
  headers?: { [name: string]: string };
  /** Abort a request attempt after this many milliseconds (default 30000; 0 turns it off). */
  timeoutMs?: number;
  /** Retries for idempotent methods after network errors, timeouts and 408/429/502/503/504 (default 2). */
  retries?: number;
  /** First retry delay in milliseconds, doubled after each attempt (default 100). */
  retryDelayMs?: number;
}

/** Per-call settings. */
export interface RequestOptions {
  signal?: AbortSignal;
  headers?: { [name: string]: string };
  timeoutMs?: number;
}

/** A response the spec declares for the operation: `status` and the typed `body`. */
export class ResponseError<Status extends number = number, Body = unknown> extends globalThis.Error {
  override readonly name: string = 'ResponseError';
  constructor(
    readonly operation: string,
    readonly status: Status,
    readonly body: Body,
    readonly headers: Headers,
  ) {
    super(`${operation} answered with status ${String(status)}`);
  }
}

/** A status the spec does not declare for the operation; `body` is the parsed JSON or the text. */
export class UnexpectedStatusError extends globalThis.Error {
  override readonly name: string = 'UnexpectedStatusError';
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly body: unknown,
    readonly headers: Headers,
  ) {
    super(`${operation} answered with undeclared status ${String(status)}`);
  }
}

/** The request did not complete within `timeoutMs`. */
export class TimeoutError extends globalThis.Error {
  override readonly name: string = 'TimeoutError';
  constructor(
    readonly operation: string,
    readonly timeoutMs: number,
  ) {
    super(`${operation} timed out after ${String(timeoutMs)} ms`);
  }
}

/** What the transport needs to know about one operation (generated, escaped data). */
export interface OperationDescriptor {
  name: string;
  method: string;
  /** Literal path pieces at even indexes, path parameter names at odd ones. */
  path: readonly string[];
  /**
   * Query parameter names; `[name, style, explode]` for one declared in an OpenAPI style that
   * writes differently from the plain form (repeated keys for lists, JSON text for objects).
   */
  query: readonly QueryParameter[];
  header: readonly string[];
  /**
   * Form parameter names; `[name, style, explode]` for one whose OpenAPI `encoding` declares a
   * style other than `form` exploded (Stripe's `deepObject`).
   */
  form: readonly QueryParameter[];
  /**
   * How the form parameters travel: absent, as one JSON object; otherwise as
   * `application/x-www-form-urlencoded` or `multipart/form-data`, each in its style.
   */
  encoding?: 'urlencoded' | 'multipart';
  /**
   * The body's media type when it is not `application/json` (`application/merge-patch+json`,
   * `text/plain`); a JSON one is sent as JSON, any other as the string given.
   */
  contentType?: string;
  /** Success statuses; `unit` ones return undefined. */
  success: readonly number[];
  unit: readonly number[];
  errors: readonly number[];
  /** Whether a `default` response covers other success (`'success'`) or error (`'error'`) statuses. */
  otherwise?: 'success' | 'error';
}

/** A query parameter: its name, or its name with its OpenAPI style and explode. */
export type QueryParameter = string | readonly [name: string, style: string, explode: boolean];

const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'TRACE']);
const RETRY_STATUSES: ReadonlySet<number> = new Set([408, 429, 502, 503, 504]);

type Params = object | undefined;
/** One call of an operation: its descriptor, body, parameters and per-call options. */
export type Transport = (
  op: OperationDescriptor,
  body: unknown,
  params: Params,
  options: RequestOptions | undefined,
) => Promise<unknown>;

function own(params: Params, name: string): unknown {
  return params !== undefined && globalThis.Object.prototype.hasOwnProperty.call(params, name)
    ? (params as { readonly [name: string]: unknown })[name]
    : undefined;
}

/** A parameter or header value as text: objects as JSON, the rest through `String`. */
export function text(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

function buildUrl(baseUrl: string, op: OperationDescriptor, params: Params): string {
  let url = baseUrl.replace(/\/+$/, '');
  op.path.forEach((piece, index) => {
    if (index % 2 === 0) {
      url += piece;
      return;
    }
    const value = own(params, piece);
    if (value === undefined || value === null)
      throw new TypeError(`${op.name}: path parameter ${piece} is required`);
    url += encodeURIComponent(text(value));
  });
  const query = new URLSearchParams();
  for (const entry of op.query) {
    const name = typeof entry === 'string' ? entry : entry[0];
    const value = own(params, name);
    if (value === undefined || value === null) continue;
    if (typeof entry === 'string') {
      for (const item of Array.isArray(value) ? value : [value]) query.append(name, text(item));
    } else appendStyled(query, name, entry[1], entry[2], value);
  }
  const search = query.toString();
  return search === '' ? url : `${url}?${search}`;
}

function isRecord(value: unknown): value is { readonly [key: string]: unknown } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A query value in its OpenAPI style: `form` (exploded lists repeat the key, exploded objects
 * spread their keys; otherwise comma-separated), `spaceDelimited`, `pipeDelimited`, and
 * `deepObject` (`created[gte]=1`, lists as `expand[]=a`, lists of objects as `items[0][price]=p`).
 * A value that is not a list or object (one member of a union) is written as it is.
 */
function appendStyled(
  query: URLSearchParams,
  name: string,
  style: string,
  explode: boolean,
  value: unknown,
): void {
  if (style === 'deepObject') {
    appendDeep(query, name, value);
    return;
  }
  const pairs = Array.isArray(value)
    ? value.map((item) => [name, item] as const)
    : isRecord(value)
      ? globalThis.Object.entries(value)
      : undefined;
  if (pairs === undefined) {
    query.append(name, text(value));
    return;
  }
  if (style === 'form' && explode) {
    for (const [key, item] of pairs) if (item !== undefined) query.append(key, text(item));
    return;
  }
  const separator = style === 'spaceDelimited' ? ' ' : style === 'pipeDelimited' ? '|' : ',';
  const parts = Array.isArray(value)
    ? value.map(text)
    : pairs.flatMap(([key, item]) => (item === undefined ? [] : [key, text(item)]));
  query.append(name, parts.join(separator));
}

function appendDeep(query: URLSearchParams, prefix: string, value: unknown): void {
  if (value === undefined || value === null) return;
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      appendDeep(query, isRecord(item) ? `${prefix}[${i}]` : `${prefix}[]`, item);
    });
  } else if (isRecord(value)) {
    for (const [key, item] of globalThis.Object.entries(value)) appendDeep(query, `${prefix}[${key}]`, item);
  } else query.append(prefix, text(value));
}

/**
 * Form parameters as the document declares them: url-encoded, or multipart (Blobs as file parts).
 * Each field in its style: by default OpenAPI's `form`, exploded (lists as repeated keys, objects
 * spread); `deepObject` ones with bracket keys (`metadata[plan]=pro`).
 */
function formPayload(op: OperationDescriptor, params: Params, headers: Headers): string | FormData {
  const pairs = new URLSearchParams();
  const multipart = op.encoding === 'multipart' ? new FormData() : undefined;
  for (const entry of op.form) {
    const name = typeof entry === 'string' ? entry : entry[0];
    const value = own(params, name);
    if (value === undefined || value === null) continue;
    if (multipart && value instanceof Blob) multipart.append(name, value);
    else if (typeof entry === 'string') appendStyled(pairs, name, 'form', true, value);
    else appendStyled(pairs, name, entry[1], entry[2], value);
  }
  if (!multipart) {
    headers.set('content-type', 'application/x-www-form-urlencoded');
    return pairs.toString();
  }
  // No content-type: fetch writes multipart/form-data with its boundary.
  // forEach, not for…of: consumers' lib may lack DOM iterables.
  pairs.forEach((value, key) => {
    multipart.append(key, value);
  });
  return multipart;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function parseBody(raw: string, contentType: string | null): unknown {
  if (raw === '') return undefined;
  if (contentType !== null && !/json/i.test(contentType)) return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

/** The HTTP transport every generated method calls: URL, headers, body, timeouts, retries, errors. */
export function createTransport(config: ClientSettings, baseUrl: string): Transport {
  const doFetch = config.fetch ?? ((input: string, init: RequestInit) => globalThis.fetch(input, init));
  const retries = config.retries ?? 2;
  const retryDelayMs = config.retryDelayMs ?? 100;
  return async (op, body, params, options) => {
    const url = buildUrl(baseUrl, op, params);
    const headers = new Headers({ accept: 'application/json' });
    for (const [name, value] of globalThis.Object.entries(config.headers ?? {})) headers.set(name, value);
    for (const name of op.header) {
      const value = own(params, name);
      if (value !== undefined && value !== null)
        headers.set(name, Array.isArray(value) ? value.map(text).join(', ') : text(value));
    }
    for (const [name, value] of globalThis.Object.entries(options?.headers ?? {})) headers.set(name, value);
    let payload: string | FormData | undefined;
    if (body !== undefined) {
      const text = op.contentType !== undefined && !/json/i.test(op.contentType) && typeof body === 'string';
      payload = text ? body : JSON.stringify(body);
      if (op.contentType !== undefined) headers.set('content-type', op.contentType);
    } else if (op.form.length > 0 && op.encoding !== undefined) payload = formPayload(op, params, headers);
    else if (op.form.length > 0) {
      const form: { [name: string]: unknown } = {};
      for (const entry of op.form) {
        const name = typeof entry === 'string' ? entry : entry[0];
        const value = own(params, name);
        if (value !== undefined) globalThis.Object.defineProperty(form, name, { value, enumerable: true });
      }
      payload = JSON.stringify(form);
    }
    if (typeof payload === 'string' && !headers.has('content-type'))
      headers.set('content-type', 'application/json');
    const timeoutMs = options?.timeoutMs ?? config.timeoutMs ?? 30000;
    const attempts = IDEMPOTENT_METHODS.has(op.method) ? retries + 1 : 1;
    const signal = options?.signal;
    for (let attempt = 1; ; attempt++) {
      // Before the timer starts: a throw here must not leave a timer holding the process open.
      if (signal?.aborted) throw signal.reason;
      const controller = new AbortController();
      let timedOut = false;
      const timer =
        timeoutMs > 0
          ? setTimeout(() => {
              timedOut = true;
              controller.abort();
            }, timeoutMs)
          : undefined;
      const forward = () => controller.abort(signal?.reason);
      signal?.addEventListener('abort', forward, { once: true });
      try {
        const init: RequestInit = { method: op.method, headers, signal: controller.signal };
        if (payload !== undefined) init.body = payload;
        const response = await doFetch(url, init);
        const data = parseBody(await response.text(), response.headers.get('content-type'));
        const status = response.status;
        if (RETRY_STATUSES.has(status) && attempt < attempts) {
          await sleep(retryDelayMs * 2 ** (attempt - 1), signal);
          continue;
        }
        const isSuccess = status >= 200 && status < 300;
        if (op.success.includes(status) || (isSuccess && op.otherwise === 'success')) {
          return op.unit.includes(status) ? undefined : data;
        }
        if (op.errors.includes(status) || (!isSuccess && op.otherwise === 'error')) {
          throw new ResponseError(
            op.name,
            status,
            op.unit.includes(status) ? undefined : data,
            response.headers,
          );
        }
        throw new UnexpectedStatusError(op.name, status, data, response.headers);
      } catch (error) {
        if (error instanceof ResponseError || error instanceof UnexpectedStatusError) throw error;
        if (signal?.aborted) throw signal.reason;
        const failure = timedOut ? new TimeoutError(op.name, timeoutMs) : error;
        if (attempt >= attempts) throw failure;
        await sleep(retryDelayMs * 2 ** (attempt - 1), signal);
      } finally {
        clearTimeout(timer);
        signal?.removeEventListener('abort', forward);
      }
    }
  };
}
