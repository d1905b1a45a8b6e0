import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { EMBEDDED_MODULE, embeddedModule } from '../../scripts/embed-runtimes.js';
import { repoPath } from '../../test/paths.js';

test('generators/shared/runtime-sources.ts embeds the runtime sources as they are today', () => {
  const read = (path: string) => readFileSync(repoPath(path), 'utf8');
  assert.equal(
    read(EMBEDDED_MODULE),
    embeddedModule(read),
    `stale embedded runtimes; run 'npx tsc -p tsconfig.json && node dist/scripts/embed-runtimes.js'`,
  );
});
