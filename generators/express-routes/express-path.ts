import type { Operation } from '../../core/ir.js';
import { pathPieces } from '../shared/index.js';

const PARAM = /^:(.+)$|^\{(.+)\}$/;

/** A path parameter's name, when the segment is one (`:id` or `{id}`). */
function paramName(segment: string): string | undefined {
  const match = PARAM.exec(segment);
  return match ? (match[1] ?? match[2]) : undefined;
}

/**
 * A spec path as an Express 5 (path-to-regexp 8) route: `{id}` becomes `:id`, parameter names
 * that are not identifiers are quoted (`:"user-id"`), and characters the route syntax reserves
 * are escaped in static text, so a spec path can only ever match itself.
 *
 * @example expressPath('/orders/{number}/lines(all)') === '/orders/:number/lines\\(all\\)'
 */
export function expressPath(path: string, declared?: readonly string[]): string {
  if (declared !== undefined) return piecewise(path, declared);
  return path
    .split('/')
    .map((segment) => {
      const name = paramName(segment);
      if (name === undefined) return segment.replace(/[()[\]?+!*{}:\\]/g, '\\$&');
      return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? `:${name}` : `:"${name.replace(/["\\]/g, '\\$&')}"`;
    })
    .join('/');
}

const escapeStatic = (text: string) => text.replace(/[()[\]?+!*{}:\\]/g, '\\$&');

/**
 * With the operation's declared path parameters, a parameter may share its segment with static
 * text (Twilio's `/Accounts/{Sid}.json`): the name is the declared one (`Sid`, not `Sid.json`),
 * quoted when text that could continue a name follows it.
 */
function piecewise(path: string, declared: readonly string[]): string {
  const pieces = pathPieces(path, declared);
  return pieces
    .map((piece, i) => {
      if (i % 2 === 0) return escapeStatic(piece);
      const next = pieces[i + 1] ?? '';
      const bare = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(piece) && !/^[A-Za-z0-9_$]/.test(next);
      return bare ? `:${piece}` : `:"${piece.replace(/["\\]/g, '\\$&')}"`;
    })
    .join('');
}

/**
 * The order to mount operations in: Express tries routes in order, so at the first segment where
 * two paths differ, a static segment goes before a parameter (`/users/me` before `/users/:id`);
 * on a common prefix the shorter path goes first; otherwise spec order is kept.
 */
export function routeOrder(operations: readonly Operation[]): Operation[] {
  const rank = (path: string): number[] =>
    path
      .split('/')
      .filter((s) => s !== '')
      .map((s) => (paramName(s) === undefined ? 0 : 1));
  return operations
    .map((operation, index) => ({ operation, index, rank: rank(operation.path) }))
    .sort((a, b) => {
      for (let i = 0; i < Math.min(a.rank.length, b.rank.length); i++) {
        if (a.rank[i] !== b.rank[i]) return a.rank[i]! - b.rank[i]!;
      }
      // A total order (shorter first on a common prefix), so the sort is well defined.
      return a.rank.length - b.rank.length || a.index - b.index;
    })
    .map((entry) => entry.operation);
}
