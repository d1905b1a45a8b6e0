import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoPath } from '../../test/paths.js';
import type { GeneratedFile } from '../contract.js';
import { RUNTIME_FOLDER } from '../shared/index.js';

/**
 * Compares generated files with the golden copies under `dir` (relative to the repository).
 * Run with `UPDATE_GOLDEN=1` to rewrite them after an intended change, then review the diff.
 * Runtime modules (`canon-runtime/…`) are skipped: they are their sources under generators/runtime/
 * verbatim (generators/runtime/runtime-files.test.ts), and a golden copy would only repeat them.
 */
export function checkGolden(dir: string, files: readonly GeneratedFile[]): void {
  for (const file of files) {
    if (file.path.startsWith(`${RUNTIME_FOLDER}/`)) continue;
    const path = join(repoPath(dir), file.path);
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, file.contents);
      continue;
    }
    let expected: string;
    try {
      expected = readFileSync(path, 'utf8');
    } catch {
      assert.fail(
        `golden file ${dir}/${file.path} is missing; run the tests with UPDATE_GOLDEN=1 and review it`,
      );
    }
    assert.equal(
      file.contents,
      expected,
      `${dir}/${file.path} differs from its golden copy (UPDATE_GOLDEN=1 rewrites it)`,
    );
  }
}
