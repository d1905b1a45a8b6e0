import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { crashDrill } from '../test/crash-drill.js';

test('SIGKILL during publishes, restart, repeat: the database is intact and nothing acknowledged is lost', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'canon-crash-'));
  try {
    const report = await crashDrill({ dir, rounds: 3, seed: 7 });
    assert.equal(report.integrity, 'ok');
    assert.equal(report.foreignKeyProblems, 0);
    assert.ok(report.acknowledged > 0, 'some publishes were acknowledged');
    assert.deepEqual(report.lost, []);
    assert.ok(report.stored >= report.acknowledged);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
