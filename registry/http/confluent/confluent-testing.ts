import type { Http, HttpAnswer } from '../../../test/registry-harness.js';
import { ADMIN } from '../../../test/registry-harness.js';

export const CONFLUENT_JSON = 'application/vnd.schemaregistry.v1+json';

/** A Confluent-style request: its content type, basic auth with the token as password. */
export function sr(
  http: Http,
  method: string,
  path: string,
  body?: unknown,
  token: string | null = ADMIN,
): Promise<HttpAnswer> {
  const headers: Record<string, string> = {};
  if (token !== null) headers.authorization = `Basic ${Buffer.from(`user:${token}`).toString('base64')}`;
  if (body !== undefined) headers['content-type'] = CONFLUENT_JSON;
  return http.request(method, `/confluent${path}`, {
    headers,
    ...(body === undefined ? {} : { raw: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
}

export const jsonSchema = (schema: unknown, extra: Record<string, unknown> = {}) => ({
  schemaType: 'JSON',
  schema: JSON.stringify(schema),
  ...extra,
});

export const stringOf = (maxLength: number) => ({ type: 'string', maxLength });
