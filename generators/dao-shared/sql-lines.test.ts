import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sqlLines } from './sql-lines.js';

const length = (line: string): number => line.length;

test('sqlLines starts a line at each top-level clause and packs comma lists to the width', () => {
  assert.deepEqual(sqlLines('SELECT "a", "b", "c" FROM "t" WHERE "a" = ?', 12, length), [
    'SELECT "a",',
    '"b", "c"',
    'FROM "t"',
    'WHERE "a" = ?',
  ]);
  assert.deepEqual(sqlLines('UPDATE "t" SET "a" = ? WHERE "h" IS DISTINCT FROM ?', 80, length), [
    'UPDATE "t"',
    'SET "a" = ?',
    'WHERE "h" IS DISTINCT FROM ?',
  ]);
});

test('sqlLines cuts nothing inside quotes or parentheses: the lines join back to the statement', () => {
  const statements = [
    'SELECT "x FROM y", \'a, WHERE b\' FROM "t, u" WHERE "k" IN (SELECT value FROM json_each(?))',
    'INSERT INTO "a""b" ("c") VALUES (?) ON CONFLICT ("c") DO UPDATE SET "c" = excluded."c" WHERE "a""b"."h" IS NOT excluded."h"',
    `SELECT "e""mail'); process.exit(1); --", 'it''s' FROM "users""; DROP TABLE x; --"`,
  ];
  for (const sql of statements) {
    for (const width of [1, 20, 200]) assert.equal(sqlLines(sql, width, length).join(' '), sql);
  }
  assert.deepEqual(sqlLines('SELECT "x FROM y" FROM "t"', 1, length), ['SELECT "x FROM y"', 'FROM "t"']);
});
