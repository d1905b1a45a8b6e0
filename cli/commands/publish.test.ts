import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { ADMIN, userSpec, withRegistry } from '../../test/registry-harness.js';
import { runCanon } from '../../test/spawn.js';

test('canon publish over a real socket: stored, identical again, refused, invalid, unauthorized, unreachable', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canon-publish-'));
  try {
    await withRegistry(async ({ url }) => {
      writeFileSync(join(dir, 'v1.json'), userSpec({ id: 'string', email: 'string' }));
      writeFileSync(join(dir, 'v2.json'), userSpec({ id: 'string' }));
      writeFileSync(
        join(dir, 'bad.json'),
        '{"name": "user", "models": {"user": {"fields": [{"name": "x", "type": "nope"}]}}}',
      );
      writeFileSync(
        join(dir, 'canon.config.json'),
        JSON.stringify({ registry: { url, organization: 'acme' } }),
      );
      const env = { CANON_TOKEN: ADMIN };
      const publish = (...args: string[]) => runCanon(['publish', ...args], { cwd: dir, env });

      const first = await publish('v1.json', '--version', '1.0.0');
      assert.equal(first.code, 0, first.stderr);
      assert.match(first.stdout, /acme\/user 1\.0\.0: published/);

      const again = await publish('v1.json', '--version', '1.0.0');
      assert.equal(again.code, 0);
      assert.match(again.stdout, /already published with identical content/);

      const breaking = await publish('v2.json', '--version', '1.1.0');
      assert.equal(breaking.code, 1);
      assert.match(breaking.stdout, /refused \(409\)/);
      assert.match(breaking.stdout, /breaking-change at models\/user\/fields\/email/);

      const conflict = await publish('v2.json', '--version', '1.0.0', '--format', 'json');
      assert.equal(conflict.code, 1);
      assert.equal(JSON.parse(conflict.stdout).errors[0].code, 'version-exists');

      const invalid = await publish('bad.json', '--version', '1.2.0');
      assert.equal(invalid.code, 1);
      assert.match(invalid.stdout, /refused \(422\)/);

      const dry = await publish('v2.json', '--version', '2.0.0', '--dry-run', '--force', 'dropping email');
      assert.equal(dry.code, 0, dry.stdout + dry.stderr);
      assert.match(dry.stdout, /dry run/);

      const other = await publish('v1.json', '--version', '1.0.0', '--org', 'zeta', '--app', 'people');
      assert.equal(other.code, 0);
      assert.match(other.stdout, /zeta\/people 1\.0\.0/);

      const anonymous = await runCanon(['publish', 'v1.json', '--version', '3.0.0'], { cwd: dir });
      assert.equal(anonymous.code, 2);
      assert.match(anonymous.stderr, /CANON_TOKEN/);
    });
    const unreachable = await runCanon(
      ['publish', 'v1.json', '--version', '1.0.0', '--registry', 'http://127.0.0.1:9'],
      {
        cwd: dir,
        env: { CANON_TOKEN: ADMIN },
      },
    );
    assert.equal(unreachable.code, 2);
    assert.match(unreachable.stderr, /cannot reach the registry/);
    const usage = await runCanon(['publish', 'v1.json'], { cwd: dir });
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--version/);
    const missing = await runCanon(['publish', 'nope.json', '--version', '1.0.0'], { cwd: dir });
    assert.equal(missing.code, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
