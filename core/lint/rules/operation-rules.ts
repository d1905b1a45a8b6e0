import type { Method, Operation, Parameter, Resource } from '../../ir.js';
import { operationPath } from '../paths.js';
import type { LintRule } from '../rule.js';

/** Flow's StandardResponse table: the codes every operation of a method declares. */
const REQUIRED_CODES: Readonly<Partial<Record<Method, readonly number[]>>> = {
  GET: [200, 401],
  POST: [401, 422],
  PUT: [401, 422],
  PATCH: [401, 404, 422],
  DELETE: [401, 404],
};

/** Healthchecks answer load balancers, not clients; Flow's linter skips them too. */
const isHealthcheck = (r: Resource) => r.plural.endsWith('healthchecks');

const returnsList = (o: Operation) =>
  o.responses.some(
    (x) => typeof x.code === 'number' && x.code >= 200 && x.code < 300 && x.type.kind === 'list',
  );

interface PagingRule {
  name: string;
  default: string;
  minimum: number;
  maximum?: number;
}
const PAGING: readonly PagingRule[] = [
  { name: 'limit', default: '25', minimum: 1, maximum: 100 },
  { name: 'offset', default: '0', minimum: 0 },
];

function pagingProblem(rule: PagingRule, p: Parameter | undefined): string | undefined {
  const wanted = `${rule.name}: long, default ${rule.default}, minimum ${rule.minimum}${rule.maximum === undefined ? '' : `, maximum ${rule.maximum}`}`;
  if (!p) return `has no ${rule.name} parameter; add ${wanted}`;
  const ok =
    p.type.kind === 'primitive' &&
    p.type.name === 'long' &&
    p.default === rule.default &&
    p.minimum === rule.minimum &&
    p.maximum === rule.maximum;
  if (ok) return undefined;
  const type = p.type.kind === 'primitive' ? p.type.name : p.type.kind;
  const got = `${type}, default ${p.default ?? 'none'}, minimum ${p.minimum ?? 'none'}, maximum ${p.maximum ?? 'none'}`;
  return `declares ${rule.name} as ${got}; use ${wanted}`;
}

/** Operations: standard response codes per method, paging parameters on list operations. */
export const operationRules: LintRule[] = [
  {
    id: 'standard-response-codes',
    level: 'warning',
    description:
      'Each operation declares the responses of its method: GET 200 and 401; POST and PUT 401 and 422; PATCH 401, 404 and 422; DELETE 401 and 404. Healthcheck resources are exempt.',
    check(service, report) {
      for (const r of service.resources) {
        if (isHealthcheck(r)) continue;
        for (const o of r.operations) {
          const codes = new Set(o.responses.map((x) => x.code));
          const missing = (REQUIRED_CODES[o.method] ?? []).filter((c) => !codes.has(c));
          if (missing.length > 0) {
            report(
              operationPath(service, r, o),
              `${o.method} ${o.path} does not declare response ${missing.join(', ')}; add ${missing.length > 1 ? 'them' : 'it'}`,
              o,
            );
          }
        }
      }
    },
  },
  {
    id: 'list-paging-parameters',
    level: 'warning',
    description:
      'A GET that returns a list pages with `limit` (long, default 25, minimum 1, maximum 100) and `offset` (long, default 0, minimum 0).',
    check(service, report) {
      for (const r of service.resources) {
        if (isHealthcheck(r)) continue;
        for (const o of r.operations) {
          if (o.method !== 'GET' || !returnsList(o)) continue;
          for (const rule of PAGING) {
            const parameter = o.parameters.find((p) => p.name === rule.name);
            const problem = pagingProblem(rule, parameter);
            if (!problem) continue;
            const path = operationPath(service, r, o);
            report(
              parameter ? `${path}/parameters/${rule.name}` : path,
              `${o.method} ${o.path} ${problem}`,
              parameter ?? o,
            );
          }
        }
      }
    },
  },
];
