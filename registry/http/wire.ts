import type * as Api from '../api-types.js';
import { type ApiProblem, problem, RegistryError } from '../errors.js';
import type { OrganizationRecord, ServiceRecord, TokenRecord, VersionRecord } from '../store/store.js';

export function organizationToWire(o: OrganizationRecord): Api.Organization {
  return {
    key: o.key,
    ...(o.namespace === undefined ? {} : { namespace: o.namespace }),
    created_at: o.createdAt,
    created_by: o.createdBy,
  };
}

export function serviceToWire(s: ServiceRecord): Api.Service {
  return {
    organization: s.organization,
    application: s.application,
    name: s.name,
    policy: s.policy,
    ...(s.latestVersion === undefined ? {} : { latest_version: s.latestVersion }),
    created_at: s.createdAt,
    created_by: s.createdBy,
  };
}

export function versionToWire(v: VersionRecord): Api.Version {
  return {
    organization: v.organization,
    application: v.application,
    version: v.version,
    content_hash: v.contentHash,
    format: v.format,
    published_at: v.publishedAt,
    published_by: v.publishedBy,
    ...(v.previousVersion === undefined ? {} : { previous_version: v.previousVersion }),
    ...(v.forcedReason === undefined ? {} : { forced_reason: v.forcedReason }),
    changes: v.changes.map(changeToWire),
  };
}

export function changeToWire(c: {
  rule: string;
  level: Api.ChangeLevel;
  path: string;
  message: string;
}): Api.Change {
  return { rule: c.rule, level: c.level, path: c.path, message: c.message };
}

export function tokenToWire(t: TokenRecord): Api.Token {
  return {
    id: t.id,
    organization: t.organization,
    role: t.role,
    description: t.description,
    created_at: t.createdAt,
    created_by: t.createdBy,
    ...(t.expiresAt === undefined ? {} : { expires_at: t.expiresAt }),
  };
}

type FieldSpec = 'string' | 'string?' | 'boolean?' | 'object?' | readonly string[];

/**
 * Checks a JSON request body against a flat form description and returns it typed. Reports
 * every wrong, missing or unknown field at once (422), each with its JSON pointer.
 */
export function readForm<T>(body: unknown, spec: Record<string, FieldSpec>, form: string): T {
  if (body === undefined) {
    throw problem(
      415,
      'unsupported-media-type',
      `Send the ${form} as a JSON object with Content-Type: application/json.`,
    );
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw problem(422, 'invalid-body', `The body must be a JSON object (a ${form}).`, '');
  }
  const record = body as Record<string, unknown>;
  const errors: ApiProblem[] = [];
  for (const [name, expected] of Object.entries(spec)) {
    const value = record[name];
    const optional = typeof expected === 'string' && expected.endsWith('?');
    if (value === undefined || value === null) {
      if (!optional)
        errors.push({ code: 'missing-field', path: `/${name}`, message: `${form}.${name} is required.` });
      continue;
    }
    if (Array.isArray(expected)) {
      if (typeof value !== 'string' || !expected.includes(value)) {
        errors.push({
          code: 'invalid-field',
          path: `/${name}`,
          message: `${form}.${name} must be one of: ${expected.join(', ')}.`,
        });
      }
      continue;
    }
    const type = (expected as string).replace('?', '');
    const actual = Array.isArray(value) ? 'array' : typeof value;
    if (actual !== type) {
      errors.push({
        code: 'invalid-field',
        path: `/${name}`,
        message: `${form}.${name} must be a${type === 'object' ? 'n' : ''} ${type}, not ${actual}.`,
      });
    }
  }
  for (const name of Object.keys(record)) {
    // Own keys only: `constructor` or `__proto__` in a body is an unknown field like any other.
    if (!Object.hasOwn(spec, name)) {
      errors.push({
        code: 'unknown-field',
        path: `/${name.slice(0, 100)}`,
        message: `${form} has no field '${name.slice(0, 100)}'; its fields are ${Object.keys(spec).join(', ')}.`,
      });
    }
  }
  if (errors.length > 0) throw new RegistryError(422, errors);
  return record as T;
}

/** One optional query parameter as a single string (repeated parameters are refused). */
export function queryString(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw problem(400, 'invalid-query', `Give the query parameter '${name}' once, as text.`);
  return value;
}

/** An optional non-negative integer query parameter with bounds. */
export function queryInteger(
  query: Record<string, unknown>,
  name: string,
  fallback: number,
  max: number,
): number {
  const text = queryString(query, name);
  if (text === undefined) return fallback;
  if (!/^\d{1,9}$/.test(text) || Number(text) > max) {
    throw problem(400, 'invalid-query', `The query parameter '${name}' must be an integer from 0 to ${max}.`);
  }
  return Number(text);
}
