import assert from 'node:assert/strict';
import { test } from 'node:test';
import { pathPieces } from './operation-model.js';

test('pathPieces splits literals and parameter references', () => {
  const table: [string, string[], string[]][] = [
    ['/users', [], ['/users']],
    ['/', [], ['/']],
    ['/users/:id', ['id'], ['/users/', 'id', '']],
    ['/users/:id/pets/:pet_name', ['id', 'pet_name'], ['/users/', 'id', '/pets/', 'pet_name', '']],
    ['/accounts/:Sid.json', ['Sid'], ['/accounts/', 'Sid', '.json']],
    ['/compare/:base...:head', ['base', 'head'], ['/compare/', 'base', '...', 'head', '']],
    ['/pets/:pet-id', ['pet-id'], ['/pets/', 'pet-id', '']],
    ['/users/:identity', ['id'], ['/users/', 'identity', '']],
    ['/things/{thing}/x', ['thing'], ['/things/', 'thing', '/x']],
    ['/time:now', [], ['/time', 'now', '']],
  ];
  for (const [path, declared, expected] of table)
    assert.deepEqual(pathPieces(path, declared), expected, path);
});
