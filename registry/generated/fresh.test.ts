import assert from 'node:assert/strict';
import { test } from 'node:test';
import { repoRoot } from '../../test/paths.js';
import { runCanon } from '../../test/spawn.js';

test('registry/generated is what the generators make of specs/registry.json today', async () => {
  const args = [
    'generate',
    'specs/registry.json',
    '--generator',
    'typescript-client',
    '--out',
    'registry/generated',
    '--check',
  ];
  const result = await runCanon(args, { cwd: repoRoot });
  assert.equal(
    result.code,
    0,
    `stale generated code; run 'canon ${args.slice(0, -1).join(' ')}'\n${result.stdout}${result.stderr}`,
  );
});
