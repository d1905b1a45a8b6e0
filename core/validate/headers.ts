import { pointer } from '../diagnostic.js';
import type { Header, TypeRef } from '../ir.js';
import { display, type ValidationContext } from './context.js';
import { operationSites, responsePath } from './walk.js';

/**
 * `invalid-header-type` (a header is a string, an enum, or a list of either) and
 * `duplicate-header`, for the service's headers and every response's headers.
 */
export function checkHeaders(ctx: ValidationContext): void {
  checkList(ctx, ctx.service.headers, 'Header', () => '');
  for (const site of operationSites(ctx)) {
    for (const response of site.operation.responses) {
      if (response.headers.length === 0) continue;
      checkList(ctx, response.headers, `${site.label} response code[${response.code}] header`, () =>
        responsePath(ctx, site, response),
      );
    }
  }
}

function checkList(
  ctx: ValidationContext,
  headers: readonly Header[],
  label: string,
  base: () => string,
): void {
  const names = new Set<string>();
  headers.forEach((header, i) => {
    const path = () => ctx.at(header, pointer(base(), 'headers', i));
    const name = display(header.name);
    if (!validHeaderType(header.type)) {
      ctx.report(
        'invalid-header-type',
        pointer(path(), 'type'),
        `${label}[${name}] type[${ctx.show(header.type)}] is invalid: Must be a string or the name of an enum (or a list of either).`,
      );
    }
    // Header names are case-insensitive on the wire.
    const key = header.name.toLowerCase();
    if (names.has(key)) {
      ctx.report('duplicate-header', path(), `${label}[${name}] appears more than once. Remove one.`);
    }
    names.add(key);
  });
}

function validHeaderType(type: TypeRef): boolean {
  const single = (t: TypeRef) =>
    (t.kind === 'primitive' && t.name === 'string') || t.kind === 'enum' || t.kind === 'unknown';
  return single(type) || (type.kind === 'list' && single(type.of));
}
