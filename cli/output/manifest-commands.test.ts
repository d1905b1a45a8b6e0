import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { userSpec, withRegistry } from '../../test/registry-harness.js';
import { type CliResult, runCanon } from '../../test/spawn.js';

/**
 * One suite for the one way Canon writes generated files (`cli/output/`), run against both
 * commands that use it: `canon generate` (manifest in the --out directory) and `canon update`
 * (manifest next to canon.config.json).
 */
interface Project {
  /** The project directory, inside `base`; `base` also holds files that lie outside it. */
  base: string;
  dir: string;
  /** The directory whose .canon-generated.json governs the run. */
  root: string;
  run(): Promise<CliResult>;
}

interface Driver {
  name: string;
  /** Where, relative to the root, the command writes its files (a directory it creates). */
  filesDir: string;
  /** An entry the command owns, without its hash. */
  entry: Record<string, string>;
  withProject(fn: (project: Project) => Promise<void>): Promise<void>;
}

function newProject(): { base: string; dir: string } {
  const base = mkdtempSync(join(tmpdir(), 'canon-output-'));
  const dir = join(base, 'project');
  mkdirSync(join(base, 'elsewhere'), { recursive: true });
  mkdirSync(dir);
  return { base, dir };
}

const FIXTURE_GENERATOR = `export const generator = {
  name: 'fixture',
  description: 'writes sub/one.ts',
  options: { defaults: {}, schema: {} },
  generate: () => [{ path: 'sub/one.ts', contents: 'export const one = 1;\\n' }],
};
`;

const generate: Driver = {
  name: 'canon generate',
  filesDir: 'sub',
  entry: { generator: 'fixture' },
  async withProject(fn) {
    const { base, dir } = newProject();
    try {
      writeFileSync(join(dir, 'api.json'), userSpec({ id: 'string' }));
      mkdirSync(join(dir, 'tools'));
      writeFileSync(join(dir, 'tools', 'fixture.mjs'), FIXTURE_GENERATOR);
      writeFileSync(join(dir, 'canon.config.json'), JSON.stringify({ generators: ['./tools/fixture.mjs'] }));
      mkdirSync(join(dir, 'gen'));
      const run = () => runCanon(['generate', 'api.json', '-g', 'fixture', '-o', 'gen'], { cwd: dir });
      await fn({ base, dir, root: join(dir, 'gen'), run });
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  },
};

const update: Driver = {
  name: 'canon update',
  filesDir: 'gen',
  entry: { generator: 'typescript-types', service: 'acme/user', version: '1.0.0' },
  async withProject(fn) {
    const { base, dir } = newProject();
    try {
      await withRegistry(async ({ url, http }) => {
        await http.publish('acme', 'user', '1.0.0', userSpec({ id: 'string' }));
        writeFileSync(
          join(dir, 'canon.config.json'),
          JSON.stringify({
            registry: { url, organization: 'acme' },
            services: { user: { version: 'latest', generators: { 'typescript-types': 'gen' } } },
          }),
        );
        await fn({ base, dir, root: dir, run: () => runCanon(['update'], { cwd: dir }) });
      });
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  },
};

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const manifestPath = (root: string) => join(root, '.canon-generated.json');
const listed = (root: string): Record<string, Record<string, string>> =>
  JSON.parse(readFileSync(manifestPath(root), 'utf8')).files;
const plantManifest = (root: string, files: Record<string, Record<string, string>>) =>
  writeFileSync(manifestPath(root), JSON.stringify({ files }));

for (const driver of [generate, update]) {
  describe(`${driver.name} writes generated files the one way (cli/output)`, () => {
    it('lists every file it wrote in .canon-generated.json, with its hash', async () => {
      await driver.withProject(async ({ root, run }) => {
        const result = await run();
        assert.equal(result.code, 0, result.stderr);
        const files = listed(root);
        const paths = Object.keys(files);
        assert.ok(paths.length > 0 && paths.every((p) => p.startsWith(`${driver.filesDir}/`)), paths.join());
        for (const [path, entry] of Object.entries(files)) {
          assert.equal(entry.sha256, sha256(readFileSync(join(root, path), 'utf8')), path);
          assert.equal(entry.generator, driver.entry.generator);
        }
      });
    });

    it('deletes an unedited leftover, keeps an edited one and says so', async () => {
      await driver.withProject(async ({ root, run }) => {
        const generated = 'export const old = 1;\n';
        mkdirSync(join(root, driver.filesDir), { recursive: true });
        writeFileSync(join(root, driver.filesDir, 'gone.ts'), generated);
        writeFileSync(join(root, driver.filesDir, 'edited.ts'), `${generated}// mine now\n`);
        const entry = { ...driver.entry, sha256: sha256(generated) };
        plantManifest(root, {
          [`${driver.filesDir}/gone.ts`]: entry,
          [`${driver.filesDir}/edited.ts`]: entry,
        });
        const result = await run();
        assert.equal(result.code, 0, result.stderr);
        assert.ok(!existsSync(join(root, driver.filesDir, 'gone.ts')), 'the unedited leftover is deleted');
        assert.ok(existsSync(join(root, driver.filesDir, 'edited.ts')), 'the edited leftover stays');
        assert.match(
          result.stderr,
          /kept \S*edited\.ts, which is no longer generated: it was edited since it was generated/,
        );
        const now = Object.keys(listed(root));
        assert.ok(!now.some((p) => p.endsWith('gone.ts') || p.endsWith('edited.ts')), now.join());
      });
    });

    it('deletes nothing outside its directory that a tampered manifest names', async () => {
      await driver.withProject(async ({ base, root, run }) => {
        const precious = 'precious\n';
        const up = resolve(root, '../outside.txt');
        const absolute = join(base, 'elsewhere', 'absolute.txt');
        const behindLink = join(base, 'elsewhere', 'victim.txt');
        for (const file of [up, absolute, behindLink]) writeFileSync(file, precious);
        symlinkSync(join(base, 'elsewhere'), join(root, 'link'));
        const entry = { ...driver.entry, sha256: sha256(precious) };
        plantManifest(root, { '../outside.txt': entry, [absolute]: entry, 'link/victim.txt': entry });
        const result = await run();
        assert.equal(result.code, 0, result.stderr);
        for (const file of [up, absolute, behindLink])
          assert.equal(readFileSync(file, 'utf8'), precious, file);
        assert.match(result.stderr, /kept \S*victim\.txt, which is no longer generated: it lies outside/);
      });
    });

    it('writes nothing through a symbolic link to a directory outside', async () => {
      await driver.withProject(async ({ base, root, run }) => {
        symlinkSync(join(base, 'elsewhere'), join(root, driver.filesDir));
        const result = await run();
        assert.equal(result.code, 2, result.stdout);
        assert.match(
          result.stderr,
          /refusing to write \S+: its directory is a symbolic link that leads outside/,
        );
        assert.deepEqual(readdirSync(join(base, 'elsewhere')), []);
        assert.ok(!existsSync(manifestPath(root)), 'nothing was written, the manifest neither');
      });
    });
  });
}

describe('canon update and an older .canon-tracked.json', () => {
  it('reads it once, deletes what it listed as before, then keeps .canon-generated.json', async () => {
    await update.withProject(async ({ root, run }) => {
      const old = { service: 'acme/user', version: '0.9.0', generator: 'typescript-types' };
      writeFileSync(join(root, 'old.ts'), 'generated once\n');
      writeFileSync(join(root, 'mine.ts'), 'scaffolding once\n');
      writeFileSync(
        join(root, '.canon-tracked.json'),
        JSON.stringify({
          files: {
            'old.ts': { ...old, sha256: sha256('generated once\n') },
            'mine.ts': { ...old, sha256: sha256('scaffolding once\n'), scaffolding: true },
          },
        }),
      );
      const result = await run();
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^removed old\.ts$/m);
      assert.match(result.stdout, /moved the list of generated files from \.canon-tracked\.json/);
      assert.ok(!existsSync(join(root, 'old.ts')), 'an unedited file the old list named is deleted');
      assert.ok(existsSync(join(root, 'mine.ts')), 'scaffolding the old list named stays');
      assert.ok(!existsSync(join(root, '.canon-tracked.json')));
      assert.deepEqual(Object.keys(listed(root)), ['gen/types.ts']);
    });
  });
});
