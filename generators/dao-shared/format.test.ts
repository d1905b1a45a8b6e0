import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoPath } from '../../test/paths.js';
import type { GeneratedFile } from '../contract.js';
import { generator as postgresDao } from '../postgres-dao/index.js';
import { generator as sqliteDao } from '../sqlite-dao/index.js';
import { unformatted } from '../testing/biome.js';
import { relayService, typesService, usersService } from './fixture.js';

/**
 * Checks the TypeScript files of `files` with Biome's formatter (the project's formatter settings,
 * one Biome run for all of them): each must be exactly what Biome prints.
 */
function assertFormatted(label: string, files: readonly GeneratedFile[]): void {
  const checked = files
    .filter((f) => f.path.endsWith('.ts'))
    .map((f) => ({ path: `generators/${label}/${f.path}`, contents: f.contents }));
  assert.ok(checked.length > 0, `${label}: no TypeScript files`);
  const { paths, report, status } = unformatted(checked);
  assert.deepEqual(paths, [], `not formatted as Biome would:\n${report.slice(0, 20_000)}`);
  assert.equal(status, 0, report.slice(0, 20_000));
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
  const files: GeneratedFile[] = [];
  for (const generator of [sqliteDao, postgresDao]) {
    for (const [n, service] of [
      typesService(),
      audited,
      relayService(undefined, { audit: false }),
    ].entries()) {
      const generated = generator.generate({ service, imports: [], options: {} });
      files.push(...generated.map((f) => ({ ...f, path: `${generator.name}/${n}/${f.path}` })));
    }
  }
  assertFormatted('dao-output', files);
});
