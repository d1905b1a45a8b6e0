import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { canonBin, repoPath } from '../test/paths.js';
import { runCanonBinary as runCanon } from '../test/spawn.js';

/** Issue 17's everyday friction: each papercut a new user met, as it behaves now. */
describe('everyday use of canon', () => {
  const dir = mkdtempSync(join(tmpdir(), 'canon-everyday-'));
  copyFileSync(repoPath('specs', 'examples', 'user.json'), join(dir, 'user.json'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('stops writing quietly when its output pipe closes (canon … | head): no EPIPE trace, its own exit code', async () => {
    const child = spawn(process.execPath, [canonBin, 'show', 'user.json'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // The reader goes away before the first byte: every write hits a closed pipe.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const [code] = (await once(child, 'close')) as [number | null];
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });

  it('refuses a port that is taken, from --port or CANON_PORT, instead of picking another', async () => {
    const holder = createServer();
    holder.listen(0, '127.0.0.1');
    await once(holder, 'listening');
    const port = String((holder.address() as AddressInfo).port);
    try {
      const db = join(dir, 'r.db');
      for (const [args, env] of [
        [['up', '--port', port, '--db', db, '--specs', dir], {}],
        [['serve', '--db', db], { CANON_PORT: port }],
      ] as const) {
        const run = await runCanon([...args], { cwd: dir, env });
        assert.equal(run.code, 2, run.stdout + run.stderr);
        assert.match(run.stderr, new RegExp(`port ${port} is in use.*--port <n> or CANON_PORT`));
        assert.doesNotMatch(run.stdout, /free port/);
      }
      const bad = await runCanon(['serve'], { cwd: dir, env: { CANON_PORT: 'http' } });
      assert.equal(bad.code, 2);
      assert.match(bad.stderr, /CANON_PORT must be a number from 0 to 65535, not 'http'/);
    } finally {
      holder.close();
    }
  });

  it('reports a malformed canon.config.json with its line and column', async () => {
    const sub = mkdtempSync(join(dir, 'config-'));
    copyFileSync(join(dir, 'user.json'), join(sub, 'user.json'));
    writeFileSync(join(sub, 'canon.config.json'), '{\n  "imports": {\n    "a": "b",\n  }\n}\n');
    const run = await runCanon(['validate', 'user.json'], { cwd: sub });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /canon\.config\.json: Malformed JSON at line 4, column 3/);
  });

  it('validates every file named, also after one that is missing (exit 2)', async () => {
    const run = await runCanon(['validate', 'user.json', 'missing.json', 'user.json'], { cwd: dir });
    assert.equal(run.code, 2);
    assert.equal(run.stdout.match(/user\.json: valid api\.json/g)?.length, 2);
    assert.match(run.stderr, /cannot read missing\.json: no such file/);
  });

  it('calls `generate -o <a file>` a usage error, not a bug in Canon', async () => {
    const run = await runCanon(['generate', 'user.json', '-g', 'typescript-types', '-o', 'user.json'], {
      cwd: dir,
    });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--out user\.json is a file, not a directory/);
    assert.doesNotMatch(run.stderr, /bug in Canon/);
  });
});
