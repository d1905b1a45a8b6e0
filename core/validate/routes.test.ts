import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Operation } from '../ir.js';
import { firstOccurrences, mixText, SEED } from './first-occurrences.js';
import { pathHasParameter } from './operations.js';
import { repeatedRoutes } from './routes.js';
import { operation, resource, service, str } from './test-service.js';

// The checks below replaced string keys and regular expressions with scans and hashes: each is
// compared with the string form it stands for, on paths chosen for their edge cases.
const PATHS = [
  '/',
  '/users',
  '/users/:id',
  '/users/:guid',
  '/users/:id/keys/:key',
  '/users/:a/keys/:b',
  '/users/:id.json',
  '/users/:guid.json',
  '/users/:id:key',
  '/users/:x:y',
  '/users/::id',
  '/users/::',
  '/users/:',
  '/users/:-_9/x',
  '/users/:é',
  '/users/:',
  ':id',
  ':guid/x',
  ':other/x',
  '/a b/:id',
];

/** The route key checkOperations used to build: method and path with parameter names dropped. */
const routeKey = (o: Operation) => `${o.method} ${o.path.replace(/:[A-Za-z0-9_-]+/g, ':')}`;

describe('repeated routes', () => {
  it('an operation repeats the first with the same method and path, parameter names aside', () => {
    const operations = ['GET', 'POST'].flatMap((method) =>
      PATHS.map((path) => operation(method as Operation['method'], path)),
    );
    const firstOf = repeatedRoutes(service({ resources: [resource(str, operations)] }));
    const expected = operations.map((o, i) => {
      const first = operations.findIndex((other) => routeKey(other) === routeKey(o));
      return first === i ? -1 : first;
    });
    assert.deepEqual([...firstOf], expected);
  });
});

describe('pathHasParameter', () => {
  it('finds the names the `:name` segments give, as the expression did', () => {
    const names = ['id', 'guid', 'key', 'id.json', 'id:key', ':id', '', 'a/b', '-_9', 'é', 'x', 'users'];
    for (const path of PATHS) {
      const inPath = new Set([...path.matchAll(/(?:^|\/):([^/.]+)/g)].map((m) => m[1]));
      for (const name of names)
        assert.equal(pathHasParameter(path, name), inPath.has(name), `${path} ${JSON.stringify(name)}`);
    }
  });
});

describe('firstOccurrences', () => {
  const names = ['a', 'b', 'a', 'c', 'b', 'a'];
  const expected = [-1, -1, 0, -1, 1, 0];

  it('finds the first equal item', () => {
    const hash = (i: number) => mixText(SEED, names[i]!);
    assert.deepEqual([...firstOccurrences(names.length, hash, (i, j) => names[i] === names[j])], expected);
  });

  it('decides by the exact comparison when every hash collides', () => {
    assert.deepEqual(
      [
        ...firstOccurrences(
          names.length,
          () => 7,
          (i, j) => names[i] === names[j],
        ),
      ],
      expected,
    );
  });
});
