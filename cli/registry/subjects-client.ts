/** A refusal from the registry's Confluent API: its status and Confluent's error code. */
export class SubjectApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: number,
    message: string,
    readonly body: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'SubjectApiError';
  }
}

/** The registry could not be reached at all. */
export class SubjectConnectionError extends Error {
  override name = 'SubjectConnectionError';
}

/**
 * The CLI's side of `/confluent` (docs/subjects.md): plain fetch with Canon's token as a bearer
 * token, answers as Confluent sends them.
 */
export class SubjectsClient {
  constructor(
    readonly url: string,
    readonly token: string | undefined,
  ) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/vnd.schemaregistry.v1+json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/vnd.schemaregistry.v1+json';
    let response: Response;
    try {
      response = await fetch(`${this.url.replace(/\/+$/, '')}/confluent${path}`, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new SubjectConnectionError(
        `cannot reach the registry at ${this.url} (${(error as Error & { cause?: Error }).cause?.message ?? (error as Error).message}); start it with 'canon up' or pass --registry.`,
      );
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const answer = (parsed ?? {}) as { error_code?: number; message?: string };
      throw new SubjectApiError(
        response.status,
        answer.error_code ?? response.status,
        answer.message ?? `the registry answered ${response.status}`,
        (parsed ?? {}) as Record<string, unknown>,
      );
    }
    return parsed as T;
  }
}

export const subjectPath = (subject: string) => `/subjects/${encodeURIComponent(subject)}`;
