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

    const inPath = pathParameterNames(operation.path);
    const names = new Set<string>();
    operation.parameters.forEach((parameter, i) => {
      const path = () => parameterPath(ctx, site, parameter, i);
      const name = () => display(parameter.name);
      if (names.has(parameter.name)) {
        ctx.report(
          'duplicate-parameter',
          path(),
          `${site.label} Parameter[${name()}] appears more than once. Remove or rename one.`,
        );
      }
      names.add(parameter.name);
      const shown = () => ctx.show(parameter.type);
      switch (parameter.location) {
        case 'path':
          if (!parameter.required) {
            ctx.report(
              'optional-path-parameter',
              pointer(path(), 'required'),
              `${site.label} path parameter[${name()}] is specified as optional. All path parameters are required.`,
            );
          } else if (!inPath.has(parameter.name)) {
            ctx.report(
              'path-parameter-not-in-path',
              path(),
              `${site.label} path parameter[${name()}] is missing from the path[${display(operation.path)}]. Add ':${name()}' to the path or change its location.`,
            );
          } else if (!validInUrl(parameter.type)) {
            ctx.report(
              'invalid-path-parameter-type',
              pointer(path(), 'type'),
              `${site.label} path parameter[${name()}] has an invalid type[${shown()}]. Valid types for path parameters are: ${VALID_IN_URL}.`,
            );
          }
          break;
        case 'query':
        case 'header': {
          const problem = queryTypeProblem(parameter.type, parameter.location);
          if (problem !== undefined) {
            ctx.report(
              'invalid-query-parameter-type',
              pointer(path(), 'type'),
              `${site.label} Parameter[${name()}] has an invalid type[${shown()}]. ${problem}`,
            );
          }
          break;
        }
        case 'form':
          break;
      }
    });
  }
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
