import { pointer } from '../diagnostic.js';
import { sameType } from '../type-ref.js';
import type { ValidationContext } from './context.js';
import { operationSites, responsePath } from './walk.js';

const MUST_BE_UNIT = new Set([204, 304]);

/**
 * Response rules: `response-code-out-of-range` (below 100), `duplicate-response-code`,
 * `response-must-be-unit` (204 and 304 carry no body) and `conflicting-success-types` (all 2xx
 * responses of an operation return one type, so a client has one result type).
 */
export function checkResponses(ctx: ValidationContext): void {
  for (const site of operationSites(ctx)) {
    const codes = new Set<string>();
    const successes: { shown: string; type: import('../ir.js').TypeRef }[] = [];
    for (const response of site.operation.responses) {
      const path = () => responsePath(ctx, site, response);
      const { code } = response;
      const label = () => `${site.label} response code[${code}]`;
      if (codes.has(String(code))) {
        ctx.report(
          'duplicate-response-code',
          path(),
          `${label()} appears more than once. Keep one response per code.`,
        );
      }
      codes.add(String(code));
      if (code === 'default') continue;
      if (code < 100) {
        ctx.report(
          'response-code-out-of-range',
          path(),
          `Response code[${code}] must be >= 100. Use an HTTP status code (100-599).`,
        );
      }
      const isUnit = response.type.kind === 'primitive' && response.type.name === 'unit';
      if (MUST_BE_UNIT.has(code) && !isUnit) {
        ctx.report(
          'response-must-be-unit',
          pointer(path(), 'type'),
          `${label()} must return unit and not[${ctx.show(response.type)}]. A ${code} response has no body; use 200 to return data.`,
        );
      }
      if (code >= 200 && code < 300 && !successes.some((s) => sameType(s.type, response.type))) {
        successes.push({ shown: ctx.show(response.type), type: response.type });
        if (successes.length === 2) {
          ctx.report(
            'conflicting-success-types',
            pointer(path(), 'type'),
            `Resource[${ctx.show(site.resource.type)}] ${site.operation.method} ${site.operation.path} cannot have varying response types for 2xx response codes: ${successes
              .map((s) => s.shown)
              .sort()
              .join(', ')}. Return one type (use a union to return alternatives).`,
          );
        }
      }
    }
  }
}
