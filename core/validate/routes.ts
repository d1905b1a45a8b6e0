import type { Operation, Service } from '../ir.js';
import { firstOccurrences, mix, mixText, SEED } from './first-occurrences.js';
import { eachOperation } from './walk.js';

/**
 * For every operation of the service, in declaration order, the index (in that order) of the first
 * operation with the same route, or -1: the same method and the same path once path parameter
 * names are left out (`GET /users/:id` repeats `GET /users/:guid`). No route string is built.
 */
export function repeatedRoutes(service: Service): Int32Array {
  const operations: Operation[] = [];
  eachOperation(service, (operation) => {
    operations.push(operation);
  });
  return firstOccurrences(
    operations.length,
    (i) => routeHash(operations[i]!),
    (i, j) => sameRoute(operations[i]!, operations[j]!),
  );
}

function routeHash(operation: Operation): number {
  let hash = mix(mixText(SEED, operation.method), SPACE);
  const { path } = operation;
  for (let i = 0; i < path.length; i++) {
    const c = path.charCodeAt(i);
    hash = mix(hash, c);
    if (c === COLON) i = endOfName(path, i + 1) - 1;
  }
  return hash;
}

/** Whether two operations have the same method and, parameter names left out, the same path. */
function sameRoute(a: Operation, b: Operation): boolean {
  if (a.method !== b.method) return false;
  const p = a.path;
  const q = b.path;
  let i = 0;
  let j = 0;
  while (i < p.length && j < q.length) {
    const c = p.charCodeAt(i++);
    if (c !== q.charCodeAt(j++)) return false;
    if (c === COLON) {
      i = endOfName(p, i);
      j = endOfName(q, j);
    }
  }
  return i === p.length && j === q.length;
}

/** Where the parameter name that starts at `start` ends: names are letters, digits, `_` and `-`. */
function endOfName(path: string, start: number): number {
  let i = start;
  while (i < path.length && isNameCharacter(path.charCodeAt(i))) i++;
  return i;
}

function isNameCharacter(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x5f ||
    c === 0x2d
  );
}

const SPACE = 0x20;
const COLON = 0x3a;
