import { pointer } from '../diagnostic.js';
import type { TypeRef } from '../ir.js';
import { display, type ValidationContext } from './context.js';
import { repeatedRoutes } from './routes.js';
import { ShortListSet } from './short-list-set.js';
import { eachOperation, nthOperationSite, operationSite, parameterPath } from './walk.js';

/** Primitives that can be written in a URL (API Builder's `ValidInPath`). */
const URL_PRIMITIVES = [
  'boolean',
  'decimal',
  'integer',
  'double',
  'long',
  'string',
  'date-iso8601',
  'date-time-iso8601',
  'uuid',
];
const URL_PRIMITIVE_SET = new Set(URL_PRIMITIVES);
const VALID_IN_URL = `enum, ${URL_PRIMITIVES.join(', ')}`;

/**
 * Operation rules: `body-not-allowed` (GET), `duplicate-operation` (same method and path, with
 * path parameters compared by position), `duplicate-parameter`, and parameter types by location:
 * `path-parameter-not-in-path`, `optional-path-parameter`, `invalid-path-parameter-type`,
 * `invalid-query-parameter-type` (query and header: primitives valid in a URL, enums, or lists
 * of them).
 */
export function checkOperations(ctx: ValidationContext): void {
  const firstWithRoute = repeatedRoutes(ctx.service);
  const names = new ShortListSet();
  let index = 0;
  eachOperation(ctx.service, (operation, r, o) => {
    const first = firstWithRoute[index++]!;
    if (operation.body !== undefined && operation.method === 'GET') {
      const site = operationSite(ctx, r, o);
      ctx.report(
        'body-not-allowed',
        ctx.at(operation.body, pointer(site.path(), 'body')),
        `${site.label} Cannot specify body for HTTP method[GET]. Use POST, PUT or PATCH, or send the data as parameters.`,
      );
    }
    if (first !== -1) {
      const site = operationSite(ctx, r, o);
      ctx.report(
        'duplicate-operation',
        site.path(),
        `${site.label} duplicates ${nthOperationSite(ctx, first).label}: the same method and path are declared twice. Remove one or change its path.`,
      );
    }

    const { parameters } = operation;
    names.clear();
    for (let i = 0; i < parameters.length; i++) {
      const parameter = parameters[i]!;
      if (names.has(parameter.name)) {
        const text = 'appears more than once. Remove or rename one.';
        report(ctx, r, o, i, '', 'duplicate-parameter', 'Parameter', text);
      }
      names.add(parameter.name);
      if (parameter.location === 'path') {
        checkPathParameter(ctx, r, o, i);
      } else if (parameter.location === 'query' || parameter.location === 'header') {
        const problem = queryTypeProblem(parameter.type, parameter.location);
        if (problem !== undefined) {
          const text = `has an invalid type[${ctx.show(parameter.type)}]. ${problem}`;
          report(ctx, r, o, i, 'type', 'invalid-query-parameter-type', 'Parameter', text);
        }
      }
    }
  });
}

/** Path parameter `index` of operation `o` of resource `r`. */
function checkPathParameter(ctx: ValidationContext, r: number, o: number, index: number): void {
  const operation = ctx.service.resources[r]!.operations[o]!;
  const parameter = operation.parameters[index]!;
  if (!parameter.required) {
    const text = 'is specified as optional. All path parameters are required.';
    report(ctx, r, o, index, 'required', 'optional-path-parameter', 'path parameter', text);
  } else if (!pathHasParameter(operation.path, parameter.name)) {
    const text = `is missing from the path[${display(operation.path)}]. Add ':${display(parameter.name)}' to the path or change its location.`;
    report(ctx, r, o, index, '', 'path-parameter-not-in-path', 'path parameter', text);
  } else if (!validInUrl(parameter.type)) {
    const text = `has an invalid type[${ctx.show(parameter.type)}]. Valid types for path parameters are: ${VALID_IN_URL}.`;
    report(ctx, r, o, index, 'type', 'invalid-path-parameter-type', 'path parameter', text);
  }
}

/** Reports on parameter `index` of operation `o` of resource `r`; `key` is appended to its pointer. */
function report(
  ctx: ValidationContext,
  r: number,
  o: number,
  index: number,
  key: string,
  code: string,
  noun: string,
  text: string,
): void {
  const site = operationSite(ctx, r, o);
  const parameter = site.operation.parameters[index]!;
  const base = parameterPath(ctx, site, parameter, index);
  ctx.report(
    code,
    key === '' ? base : pointer(base, key),
    `${site.label} ${noun}[${display(parameter.name)}] ${text}`,
  );
}

/**
 * Whether `path` has a `:name` segment for `name` (`/users/:id/keys/:key` has `id` and `key`): a
 * segment starts with `:` and runs to the next `/` or `.`. Scanned in place, with no list of the
 * path's names built per operation.
 */
export function pathHasParameter(path: string, name: string): boolean {
  // A segment's name never contains `/` or `.`, and is never empty.
  if (name === '' || name.includes('/') || name.includes('.')) return false;
  for (let colon = path.indexOf(':'); colon !== -1; colon = path.indexOf(':', colon + 1)) {
    if (colon > 0 && path.charCodeAt(colon - 1) !== SLASH) continue;
    const end = colon + 1 + name.length;
    if (!path.startsWith(name, colon + 1)) continue;
    if (end === path.length || path.charCodeAt(end) === SLASH || path.charCodeAt(end) === DOT) return true;
  }
  return false;
}

const SLASH = 0x2f;
const DOT = 0x2e;

function validInUrl(type: TypeRef): boolean {
  if (type.kind === 'primitive') return URL_PRIMITIVE_SET.has(type.name);
  if (type.kind === 'enum') return true;
  // An unknown type is its own finding; an opaque import may well be an enum.
  if (type.kind === 'unknown') return true;
  return false;
}

function queryTypeProblem(type: TypeRef, location: string): string | undefined {
  if (validInUrl(type)) return undefined;
  switch (type.kind) {
    case 'primitive':
      return `Valid types for ${location} parameters are: ${VALID_IN_URL}.`;
    case 'list':
      return validInUrl(type.of)
        ? undefined
        : `Valid nested types for lists in ${location} parameters are: ${VALID_IN_URL}.`;
    case 'map':
      return `Maps are not supported as ${location} parameters. Use a list or several parameters.`;
    default:
      return `Interface, model and union types are not supported as ${location} parameters. Send them in a body.`;
  }
}
