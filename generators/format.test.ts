import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { loadSpec } from '../core/load.js';
import { corpusPath, repoPath } from '../test/paths.js';
import type { GeneratedFile, Generator } from './contract.js';
import { generator as routes } from './express-routes/index.js';
import { unformatted } from './testing/biome.js';
import { generator as client } from './typescript-client/index.js';
import { generator as mock } from './typescript-mock-client/index.js';
import { generator as types } from './typescript-types/index.js';

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
    if (!generator.isDirectory()) continue;
    // json-schema-types prints what json-schema-to-typescript prints (its prettier step is
    // asynchronous, so it is skipped; docs/generators.md): not Canon's printer, not Biome's style.
    if (generator.name === 'json-schema-types') continue;
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
  const { paths, report, status } = unformatted(
    files.map((path) => ({ path, contents: readFileSync(repoPath(path), 'utf8') })),
  );
  assert.deepEqual(paths, [], report);
  assert.equal(status, 0, report);
});

test('what the generators print for real specs is what Biome prints (API Builder and OpenAPI)', async () => {
  const generators = [types, client, mock, routes] as Generator<never>[];
  const sets: { name: string; files: GeneratedFile[] }[] = [];
  for (const spec of [
    ['apibuilder-generator', 'apidoc-api.json'],
    ['openapi', 'twilio_api_v2010.json'],
  ]) {
    const path = corpusPath(...spec);
    const loaded = await loadSpec(readFileSync(path, 'utf8'), { file: path });
    assert.ok(loaded.service, path);
    const input = { service: loaded.service, imports: loaded.imports };
    const files = generators.flatMap((g) => g.generate({ ...input, options: g.options.defaults }));
    sets.push({ name: spec[1]!.replace(/\.json$/, ''), files });
  }
  const { paths, report, status } = unformatted(
    sets.flatMap(({ name, files }) =>
      files.map((file) => ({ path: `generators/${name}/${file.path}`, contents: file.contents })),
    ),
  );
  assert.deepEqual(paths, [], report.slice(0, 20_000));
  assert.equal(status, 0, report.slice(0, 20_000));
});
