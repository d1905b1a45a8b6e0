import { pointer } from '../diagnostic.js';
import type { Header, Response, TypeRef } from '../ir.js';
import { display, type ValidationContext } from './context.js';
import { ShortListSet } from './short-list-set.js';
import { eachOperation, operationSite, responseHeaderLabel, responsePath } from './walk.js';

/**
 * `invalid-header-type` (a header is a string, an enum, or a list of either) and
 * `duplicate-header`, for the service's headers and every response's headers.
 */
export function checkHeaders(ctx: ValidationContext): void {
  const names = new ShortListSet();
  checkList(ctx, ctx.service.headers, names, () => ({ label: 'Header', base: '' }));
  eachOperation(ctx.service, (operation, r, o) => {
    const { responses } = operation;
    for (let k = 0; k < responses.length; k++) {
      if (responses[k]!.headers.length > 0) checkResponseHeaders(ctx, names, r, o, responses[k]!);
    }
  });
}

function checkResponseHeaders(
  ctx: ValidationContext,
  names: ShortListSet,
  r: number,
  o: number,
  response: Response,
): void {
  checkList(ctx, response.headers, names, () => {
    const site = operationSite(ctx, r, o);
    return { label: responseHeaderLabel(site, response), base: responsePath(ctx, site, response) };
  });
}

/**
 * One list of headers. `place` names them for messages and gives the pointer they are under; it is
 * asked for findings only.
 */
function checkList(
  ctx: ValidationContext,
  headers: readonly Header[],
  names: ShortListSet,
  place: () => { label: string; base: string },
): void {
  names.clear();
  for (let i = 0; i < headers.length; i++) {
    const header = headers[i]!;
    const invalidType = !validHeaderType(header.type);
    // Header names are case-insensitive on the wire.
    const key = header.name.toLowerCase();
    const duplicate = names.has(key);
    names.add(key);
    if (!invalidType && !duplicate) continue;
    const { label, base } = place();
    const path = ctx.at(header, pointer(base, 'headers', i));
    const name = display(header.name);
    if (invalidType) {
      ctx.report(
        'invalid-header-type',
        pointer(path, 'type'),
        `${label}[${name}] type[${ctx.show(header.type)}] is invalid: Must be a string or the name of an enum (or a list of either).`,
      );
    }
    if (duplicate) {
      ctx.report('duplicate-header', path, `${label}[${name}] appears more than once. Remove one.`);
    }
  }
}

function validHeaderType(type: TypeRef): boolean {
  return isStringOrEnum(type) || (type.kind === 'list' && isStringOrEnum(type.of));
}

function isStringOrEnum(type: TypeRef): boolean {
  return (
    (type.kind === 'primitive' && type.name === 'string') || type.kind === 'enum' || type.kind === 'unknown'
  );
}
