import { pointer } from '../diagnostic.js';
import type { Response, TypeRef } from '../ir.js';
import { sameType } from '../type-ref.js';
import type { ValidationContext } from './context.js';
import { eachOperation, type OperationSite, operationSite, responsePath } from './walk.js';

/**
 * Response rules: `response-code-out-of-range` (below 100), `duplicate-response-code`,
 * `response-must-be-unit` (204 and 304 carry no body) and `conflicting-success-types` (all 2xx
 * responses of an operation return one type, so a client has one result type).
 */
export function checkResponses(ctx: ValidationContext): void {
  eachOperation(ctx.service, (operation, r, o) => {
    const { responses } = operation;
    let success: TypeRef | undefined;
    let successReported = false;
    for (let i = 0; i < responses.length; i++) {
      const response = responses[i]!;
      const { code } = response;
      // Operations have a handful of responses: comparing with the earlier ones beats a set.
      for (let earlier = 0; earlier < i; earlier++) {
        if (responses[earlier]!.code === code) {
          const text = 'appears more than once. Keep one response per code.';
          report(ctx, operationSite(ctx, r, o), response, 'duplicate-response-code', '', text);
          break;
        }
      }
      if (code === 'default') continue;
      if (code < 100) {
        ctx.report(
          'response-code-out-of-range',
          responsePath(ctx, operationSite(ctx, r, o), response),
          `Response code[${code}] must be >= 100. Use an HTTP status code (100-599).`,
        );
      }
      const isUnit = response.type.kind === 'primitive' && response.type.name === 'unit';
      if ((code === 204 || code === 304) && !isUnit) {
        const text = `must return unit and not[${ctx.show(response.type)}]. A ${code} response has no body; use 200 to return data.`;
        report(ctx, operationSite(ctx, r, o), response, 'response-must-be-unit', 'type', text);
      }
      if (code < 200 || code >= 300) continue;
      if (success === undefined) {
        success = response.type;
      } else if (!successReported && !sameType(success, response.type)) {
        successReported = true;
        const site = operationSite(ctx, r, o);
        const types = [ctx.show(success), ctx.show(response.type)].sort().join(', ');
        ctx.report(
          'conflicting-success-types',
          pointer(responsePath(ctx, site, response), 'type'),
          `Resource[${ctx.show(site.resource.type)}] ${operation.method} ${operation.path} cannot have varying response types for 2xx response codes: ${types}. Return one type (use a union to return alternatives).`,
        );
      }
    }
  });
}

function report(
  ctx: ValidationContext,
  site: OperationSite,
  response: Response,
  code: string,
  key: string,
  text: string,
): void {
  const base = responsePath(ctx, site, response);
  ctx.report(
    code,
    key === '' ? base : pointer(base, key),
    `${site.label} response code[${response.code}] ${text}`,
  );
}
