import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { test } from 'node:test';
import { repoPath } from '../test/paths.js';

/**
 * Golden folders whose generators do not print Biome's layout yet. TODO(dao): the DAO generators
 * are being moved onto the shared printer; remove each folder here once its goldens pass.
 */
const NOT_YET_FORMATTED = new Set(['generators/postgres-dao/golden', 'generators/sqlite-dao/golden']);

/** The files Biome formats: TypeScript, JavaScript and JSON. */
const FORMATTED = /\.(ts|js|json)$/;

function goldenFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(repoPath(dir), { withFileTypes: true })) {
      const path = `${dir}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (FORMATTED.test(entry.name)) out.push(path);
    }
  };
  for (const generator of readdirSync(repoPath('generators'), { withFileTypes: true })) {
    const golden = `generators/${generator.name}/golden`;
    if (!generator.isDirectory() || NOT_YET_FORMATTED.has(golden)) continue;
    try {
      walk(golden);
    } catch {
      // A folder without goldens (shared parts, runtimes).
    }
  }
  return out;
}

test("every golden file is already formatted as the project's Biome configuration prints it", () => {
  const files = goldenFiles();
  assert.ok(files.some((f) => f.startsWith('generators/typescript-client/golden/')));
  // The goldens are excluded from the project's own Biome run; check copies with its formatter settings.
  const config = JSON.parse(readFileSync(repoPath('biome.json'), 'utf8')) as Record<string, unknown>;
  const root = mkdtempSync(join(tmpdir(), 'canon-golden-format-'));
  try {
    writeFileSync(
      join(root, 'biome.json'),
      JSON.stringify({ formatter: config.formatter, javascript: config.javascript }),
    );
    for (const file of files) {
      mkdirSync(dirname(join(root, file)), { recursive: true });
      cpSync(repoPath(file), join(root, file));
    }
    const biome = repoPath('node_modules', '@biomejs', 'biome', 'bin', 'biome');
    const result = spawnSync(process.execPath, [biome, 'format', '--max-diagnostics=none', 'generators'], {
      cwd: root,
      encoding: 'utf8',
    });
    const unformatted = [...(result.stdout + result.stderr).matchAll(/^(generators\/\S+) format/gm)].map(
      (match) => relative('.', match[1]!),
    );
    assert.deepEqual(unformatted, [], `${result.stdout}${result.stderr}`);
    assert.equal(result.status, 0, `${result.stdout}${result.stderr}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
