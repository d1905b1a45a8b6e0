import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { repoPath } from '../../../test/paths.js';
import { EMBEDDED_MODULE, embeddedModuleText } from './embed.js';

test('the embedded DAO runtimes are the runtime sources of today', () => {
  const expected = embeddedModuleText((source) => readFileSync(repoPath(source), 'utf8'));
  assert.equal(
    readFileSync(repoPath(EMBEDDED_MODULE), 'utf8'),
    expected,
    `${EMBEDDED_MODULE} is stale; run 'node dist/scripts/embed-dao-runtimes.js' after building`,
  );
});
