import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { typeCheck } from '../../generators/testing/compile.js';
import { ADMIN, withRegistry } from '../../test/registry-harness.js';
import { runCanon } from '../../test/spawn.js';

const schema = (amount: object) =>
  JSON.stringify({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: { id: { type: 'string' }, amount },
    additionalProperties: false,
  });

test('canon subjects: register, check, get, compatibility over a real socket, with every exit code', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canon-subjects-'));
  try {
    writeFileSync(join(dir, 'v1.json'), schema({ type: 'number' }));
    writeFileSync(join(dir, 'narrow.json'), schema({ type: 'integer' }));
    writeFileSync(join(dir, 'wide.json'), schema({ type: ['number', 'string'] }));
    await withRegistry(async ({ url }) => {
      const run = (...args: string[]) =>
        runCanon(['subjects', ...args, '--registry', url], { env: { CANON_TOKEN: ADMIN }, cwd: dir });
      const registered = await run('register', 'orders-value', 'v1.json');
      assert.equal(registered.code, 0, registered.stderr);
      assert.equal(registered.stdout, 'orders-value: version 1, schema id 1\n');

      const narrow = await run('check', 'orders-value', 'narrow.json');
      assert.equal(narrow.code, 1);
      assert.match(narrow.stdout, /orders-value: incompatible\n {2}type narrowed at #\/properties\/amount/);
      assert.equal((await run('check', 'orders-value', 'wide.json')).code, 0);
      const refused = await run('register', 'orders-value', 'narrow.json', '--format', 'json');
      assert.equal(refused.code, 1);
      assert.equal(JSON.parse(refused.stdout).error_code, 409);

      assert.equal((await run('compatibility', 'orders-value')).stdout, 'BACKWARD\n');
      const set = await run('compatibility', 'orders-value', 'none');
      assert.equal(set.stdout, 'compatibility: NONE\n', set.stderr);
      assert.equal((await run('register', 'orders-value', 'narrow.json')).code, 0);
      assert.equal(
        (await run('get', 'orders-value', '--version', '1')).stdout,
        `${schema({ type: 'number' })}\n`,
      );
      assert.equal((await run('list')).stdout, 'orders-value\n');

      // Types of a subject's schema, and of a schema file, with json-schema-to-typescript; strict.
      const types = await run('types', 'orders-value', '--version', '1');
      assert.equal(types.code, 0, types.stderr);
      assert.match(types.stdout, /from subject orders-value version 1\./);
      assert.match(types.stdout, /export interface Orders \{\n {2}id\?: string\n {2}amount\?: number\n\}/);
      assert.equal((await run('types', '--file', 'wide.json', '--out', 'wide.ts')).code, 0);
      const written = readFileSync(join(dir, 'wide.ts'), 'utf8');
      assert.match(
        written,
        /export interface Wide \{\n {2}id\?: string\n {2}amount\?: \(number \| string\)\n\}/,
      );
      const compiled = typeCheck(
        new Map([
          [
            'subjects',
            [
              { path: 'orders.ts', contents: types.stdout },
              { path: 'wide.ts', contents: written },
            ],
          ],
        ]),
      );
      assert.deepEqual(compiled.errors, []);

      assert.equal((await run('get', 'nope')).code, 1, 'an unknown subject is a finding');
      assert.equal((await run('register', 'orders-value', 'missing.json')).code, 2);
      assert.equal((await run('frobnicate')).code, 2);
      const noToken = await runCanon(['subjects', 'register', 's', 'v1.json', '--registry', url], {
        cwd: dir,
        env: {},
      });
      assert.equal(noToken.code, 2);
      assert.match(noToken.stderr, /40101/);
    });
    assert.equal(
      (await runCanon(['subjects', 'list', '--registry', 'http://127.0.0.1:9'], { cwd: dir })).code,
      2,
    );

    // canon diff on two JSON Schema files: the same rules and formats as the registry's.
    const diff = await runCanon(['diff', 'v1.json', 'narrow.json'], { cwd: dir });
    assert.equal(diff.code, 1);
    assert.match(diff.stdout, /narrow\.json: 1 breaking change/);
    assert.match(diff.stdout, /type-narrowed: type narrowed at #\/properties\/amount/);
    const json = JSON.parse(
      (await runCanon(['diff', 'v1.json', 'wide.json', '--format', 'json'], { cwd: dir })).stdout,
    );
    assert.deepEqual(
      json.changes.map((c: { rule: string; level: string }) => [c.rule, c.level]),
      [['type-extended', 'info']],
    );
    const markdown = await runCanon(['diff', 'v1.json', 'narrow.json', '--format', 'markdown'], { cwd: dir });
    assert.match(markdown.stdout, /type-narrowed/);
    assert.equal(
      (await runCanon(['diff', 'v1.json', 'narrow.json', '--policy', 'sideways'], { cwd: dir })).code,
      2,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
