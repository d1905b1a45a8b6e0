import { pointer } from '../diagnostic.js';
import type { TypeRef } from '../ir.js';
import { display, type ValidationContext } from './context.js';
import { type OperationSite, operationSites, parameterPath } from './walk.js';

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
  const routes = new Map<string, OperationSite>();
  for (const site of operationSites(ctx)) {
    const { operation } = site;
    if (operation.body !== undefined && operation.method === 'GET') {
      ctx.report(
        'body-not-allowed',
        ctx.at(operation.body, pointer(site.path(), 'body')),
        `${site.label} Cannot specify body for HTTP method[GET]. Use POST, PUT or PATCH, or send the data as parameters.`,
      );
    }
    const route = `${operation.method} ${operation.path.replace(/:[A-Za-z0-9_-]+/g, ':')}`;
    const previous = routes.get(route);
    if (previous !== undefined) {
      ctx.report(
        'duplicate-operation',
        site.path(),
        `${site.label} duplicates ${previous.label}: the same method and path are declared twice. Remove one or change its path.`,
      );
    } else {
      routes.set(route, site);
    }

    const { parameters } = operation;
    let inPath: Set<string> | undefined;
    for (let i = 0; i < parameters.length; i++) {
      const parameter = parameters[i]!;
      let duplicate = false;
      // Operations have a handful of parameters: comparing with the earlier ones beats a set.
      for (let earlier = 0; earlier < i && !duplicate; earlier++)
        duplicate = parameters[earlier]!.name === parameter.name;
      if (duplicate)
        report(
          ctx,
          site,
          i,
          '',
          'duplicate-parameter',
          'Parameter',
          'appears more than once. Remove or rename one.',
        );
      if (parameter.location === 'path') {
        inPath ??= pathParameterNames(operation.path);
        checkPathParameter(ctx, site, i, inPath);
      } else if (parameter.location === 'query' || parameter.location === 'header') {
        const problem = queryTypeProblem(parameter.type, parameter.location);
        if (problem !== undefined) {
          const text = `has an invalid type[${ctx.show(parameter.type)}]. ${problem}`;
          report(ctx, site, i, 'type', 'invalid-query-parameter-type', 'Parameter', text);
        }
      }
    }
  }
}

function checkPathParameter(
  ctx: ValidationContext,
  site: OperationSite,
  index: number,
  inPath: Set<string>,
): void {
  const parameter = site.operation.parameters[index]!;
  if (!parameter.required) {
    const text = 'is specified as optional. All path parameters are required.';
    report(ctx, site, index, 'required', 'optional-path-parameter', 'path parameter', text);
  } else if (!inPath.has(parameter.name)) {
    const { path } = site.operation;
    const text = `is missing from the path[${display(path)}]. Add ':${display(parameter.name)}' to the path or change its location.`;
    report(ctx, site, index, '', 'path-parameter-not-in-path', 'path parameter', text);
  } else if (!validInUrl(parameter.type)) {
    const text = `has an invalid type[${ctx.show(parameter.type)}]. Valid types for path parameters are: ${VALID_IN_URL}.`;
    report(ctx, site, index, 'type', 'invalid-path-parameter-type', 'path parameter', text);
  }
}

/** Reports on parameter `index` of the site's operation; `key` is appended to its pointer. */
function report(
  ctx: ValidationContext,
  site: OperationSite,
  index: number,
  key: string,
  code: string,
  noun: string,
  text: string,
): void {
  const parameter = site.operation.parameters[index]!;
  const base = parameterPath(ctx, site, parameter, index);
  ctx.report(
    code,
    key === '' ? base : pointer(base, key),
    `${site.label} ${noun}[${display(parameter.name)}] ${text}`,
  );
}

/** Names of `:name` segments in a path (`/users/:id/keys/:key` → id, key). */
export function pathParameterNames(path: string): Set<string> {
  const names = new Set<string>();
  for (const match of path.matchAll(/(?:^|\/):([^/.]+)/g)) names.add(match[1]!);
  return names;
}

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
