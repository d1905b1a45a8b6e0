import { pathShape } from '../../diff/rules/resource-rules.js';
import { operationPath } from '../paths.js';
import type { LintRule } from '../rule.js';

/** Paths: lower case, no trailing slash, one operation per method and URL pattern. */
export const pathRules: LintRule[] = [
  {
    id: 'lower-case-paths',
    level: 'error',
    description:
      'Operation paths are lower case (parameter names included): URLs are case-sensitive and mixed case invites mistakes.',
    check(service, report) {
      for (const r of service.resources) {
        for (const o of r.operations) {
          if (o.path !== o.path.toLowerCase()) {
            report(
              operationPath(service, r, o),
              `${o.method} ${o.path}: path must be lower case; write ${o.path.toLowerCase()}`,
              o,
            );
          }
        }
      }
    },
  },
  {
    id: 'no-trailing-slash',
    level: 'error',
    description: 'Operation paths do not end with `/` (except the root path `/`).',
    check(service, report) {
      for (const r of service.resources) {
        for (const o of r.operations) {
          if (o.path.length > 1 && o.path.endsWith('/')) {
            report(operationPath(service, r, o), `${o.method} ${o.path}: remove the trailing slash`, o);
          }
        }
      }
    },
  },
  {
    id: 'duplicate-method-path',
    level: 'error',
    description:
      'No two operations share a method and URL pattern (`/users/:id` and `/users/:guid` are the same pattern): a router can only pick one.',
    check(service, report) {
      const seen = new Map<string, string>();
      for (const r of service.resources) {
        for (const o of r.operations) {
          const key = `${o.method} ${pathShape(o.path)}`;
          const first = seen.get(key);
          if (first === undefined) seen.set(key, `${o.method} ${o.path}`);
          else
            report(
              operationPath(service, r, o),
              `${o.method} ${o.path} matches the same URLs as ${first}; merge them or change one path`,
              o,
            );
        }
      }
    },
  },
];
