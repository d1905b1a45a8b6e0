import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoPath, repoRoot } from '../../test/paths.js';
import type { GeneratedFile } from '../contract.js';
import { generator as postgresDao } from '../postgres-dao/index.js';
import { generator as sqliteDao } from '../sqlite-dao/index.js';
import { relayService, typesService, usersService } from './fixture.js';

const BIOME = repoPath('node_modules', '.bin', 'biome');

/**
 * What Biome's formatter (the project's biome.json) makes of a TypeScript text. The text goes
 * through stdin under a path biome.json includes, so ignored golden folders are still checked.
 */
function biomeFormat(text: string): string {
  const result = spawnSync(BIOME, ['format', '--stdin-file-path=generators/format-check.ts'], {
    cwd: repoRoot,
    input: text,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

function assertFormatted(label: string, files: readonly GeneratedFile[]): void {
  for (const file of files.filter((f) => f.path.endsWith('.ts'))) {
    assert.equal(
      file.contents,
      biomeFormat(file.contents),
      `${label}/${file.path} is not formatted as Biome would`,
    );
  }
}

for (const dir of [
  'generators/sqlite-dao/golden',
  'generators/postgres-dao/golden',
  'generators/sqlite-dao/golden-relay',
  'generators/postgres-dao/golden-relay',
]) {
  test(`every file in ${dir} passes Biome's formatter in check mode`, () => {
    const files = readdirSync(repoPath(dir)).map((path) => ({
      path,
      contents: readFileSync(join(repoPath(dir), path), 'utf8'),
    }));
    assert.ok(files.length > 0);
    assertFormatted(dir, files);
  });
}

test('DAO output for every column type, key kind and audit column is formatted as Biome would', () => {
  const audited = usersService({
    audit: { created_at: true, updated_at: true, created_by: true, updated_by: 'changed_by' },
  });
  for (const generator of [sqliteDao, postgresDao]) {
    for (const service of [typesService(), audited, relayService(undefined, { audit: false })]) {
      assertFormatted(generator.name, generator.generate({ service, imports: [], options: {} }));
    }
  }
});
