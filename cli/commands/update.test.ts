import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { userSpec, withRegistry } from '../../test/registry-harness.js';
import { runCanon } from '../../test/spawn.js';

test('canon update writes generated code, then only what changed, keeps scaffolding, removes what is gone', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canon-update-'));
  try {
    await withRegistry(async ({ url, http }) => {
      await http.publish('acme', 'user', '1.0.0', userSpec({ id: 'string' }));
      const configure = (generators: Record<string, unknown>) =>
        writeFileSync(
          join(dir, 'canon.config.json'),
          JSON.stringify({
            registry: { url, organization: 'acme' },
            services: { user: { version: 'latest', generators } },
          }),
        );
      configure({
        'express-routes': { target: 'gen/routes', options: { scaffolding: true } },
        'typescript-client': 'gen/client',
      });
      const update = (...args: string[]) => runCanon(['update', ...args], { cwd: dir });

      const first = await update();
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /wrote gen\/client\/client\.ts/);
      const listed = JSON.parse(readFileSync(join(dir, '.canon-generated.json'), 'utf8')).files as Record<
        string,
        { generator: string; service: string; version: string }
      >;
      // Scaffolding is written but never listed: it is the user's from then on.
      const scaffolding = [...first.stdout.matchAll(/^wrote (\S+)$/gm)]
        .map((m) => m[1]!)
        .filter((p) => !(p in listed));
      assert.ok(scaffolding.length > 0, 'express-routes wrote scaffolding');
      assert.ok(Object.values(listed).every((t) => t.version === '1.0.0' && t.service === 'acme/user'));

      writeFileSync(join(dir, scaffolding[0]!), '// my own code\n');
      const second = await update();
      assert.equal(second.code, 0);
      assert.match(second.stdout, /^0 written, \d+ unchanged, \d+ scaffolding kept, 0 removed\.$/m);
      assert.equal(readFileSync(join(dir, scaffolding[0]!), 'utf8'), '// my own code\n');
      assert.equal((await update('--check')).code, 0);

      await http.publish(
        'acme',
        'user',
        '1.1.0',
        userSpec({ id: 'string', nick: { type: 'string', required: false } }),
      );
      const stale = await update('--check');
      assert.equal(stale.code, 1);
      assert.match(stale.stdout, /would write gen\/client\/types\.ts/);
      const third = await update();
      assert.match(third.stdout, /wrote gen\/client\/types\.ts/);
      assert.match(readFileSync(join(dir, 'gen/client/types.ts'), 'utf8'), /nick/);

      configure({ 'express-routes': { target: 'gen/routes', options: { scaffolding: true } } });
      const fourth = await update();
      assert.equal(fourth.code, 0);
      assert.match(fourth.stdout, /removed gen\/client\/client\.ts/);
      assert.ok(!existsSync(join(dir, 'gen/client')), 'the directory the removal emptied goes too');
      assert.ok(existsSync(join(dir, scaffolding[0]!)), 'scaffolding is never removed');

      configure({ 'no-such-generator': 'gen/x' });
      const unknown = await update();
      assert.equal(unknown.code, 1);
      assert.match(unknown.stdout, /refused \(404\)/);
    });
    const unreachable = await runCanon(['update', '--registry', 'http://127.0.0.1:9'], { cwd: dir });
    assert.equal(unreachable.code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
