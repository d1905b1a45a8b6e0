import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { sha256 } from './atomic-write.js';
import { leftoverState, type ManifestEntry, manifestText, planManifest, readManifest } from './manifest.js';

const entry = (generator: string, contents: string): ManifestEntry => ({
  generator,
  sha256: sha256(contents),
});

describe('planManifest', () => {
  const previous = new Map([
    ['types.ts', entry('typescript-types', 'old types')],
    ['Users-dao.ts', entry('sqlite-dao', 'dao')],
    ['client.ts', entry('typescript-client', 'client')],
  ]);

  it('lists what this run wrote, keeps other generators entries, and finds its leftovers', () => {
    const plan = planManifest(
      previous,
      [
        { path: 'types.ts', contents: 'new types', entry: { generator: 'typescript-types' } },
        { path: 'users-dao.ts', contents: 'dao', entry: { generator: 'sqlite-dao' } },
        { path: 'users.ts', contents: 'mine now', entry: { generator: 'express-routes' }, scaffolding: true },
      ],
      (e) => e.generator === 'typescript-types' || e.generator === 'sqlite-dao',
    );
    assert.deepEqual([...plan.next.keys()].sort(), ['client.ts', 'types.ts', 'users-dao.ts']);
    assert.deepEqual(plan.next.get('types.ts'), entry('typescript-types', 'new types'));
    // Renamed in case only: the old name is a leftover (deleted before the new one is written).
    assert.deepEqual(
      plan.leftovers.map((l) => l.path),
      ['Users-dao.ts'],
    );
  });

  it('writes a sorted, stable text', () => {
    const text = manifestText(previous, 'note');
    assert.equal(text, manifestText(new Map([...previous].reverse()), 'note'));
    assert.ok(text.indexOf('"Users-dao.ts"') < text.indexOf('"client.ts"'));
  });
});

describe('readManifest', () => {
  it('is empty without a problem when there is no manifest', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'canon-manifest-'));
    assert.deepEqual(await readManifest(dir), { manifest: new Map() });
  });

  it('names the problem of a manifest it cannot read, such as a merge conflict', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'canon-manifest-'));
    writeFileSync(join(dir, '.canon-generated.json'), `<<<<<<< HEAD\n${manifestText(new Map(), 'note')}`);
    const read = await readManifest(dir);
    assert.equal(read.manifest.size, 0);
    assert.equal(read.problem, 'it is not valid JSON');
  });

  it('drops entries whose path could reach outside the directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'canon-manifest-'));
    const ok = entry('g', 'x');
    const files = Object.fromEntries(
      [
        '../up.ts',
        '/abs.ts',
        'C:/win.ts',
        'a//b.ts',
        'a\\b.ts',
        './here.ts',
        '.canon-generated.json',
        'in/ok.ts',
      ].map((path) => [path, ok]),
    );
    writeFileSync(join(dir, '.canon-generated.json'), JSON.stringify({ files: { ...files, 'bad.ts': 'x' } }));
    assert.deepEqual([...(await readManifest(dir)).manifest.keys()], ['in/ok.ts']);
  });
});

describe('leftoverState', () => {
  function setup() {
    const root = mkdtempSync(join(tmpdir(), 'canon-leftover-'));
    const out = join(root, 'out');
    mkdirSync(join(out, 'in'), { recursive: true });
    mkdirSync(join(root, 'elsewhere'));
    return { root, out };
  }

  it('deletes only the unedited regular file inside the directory', async () => {
    const { root, out } = setup();
    writeFileSync(join(out, 'in', 'same.ts'), 'generated');
    writeFileSync(join(out, 'in', 'edited.ts'), 'generated, then edited');
    writeFileSync(join(root, 'elsewhere', 'target.ts'), 'generated');
    symlinkSync(join(root, 'elsewhere', 'target.ts'), join(out, 'in', 'link.ts'));
    symlinkSync(join(root, 'elsewhere'), join(out, 'away'));
    const generated = entry('g', 'generated');
    assert.equal(await leftoverState(out, 'in/same.ts', generated), 'delete');
    assert.deepEqual(await leftoverState(out, 'in/edited.ts', generated), {
      keep: 'it was edited since it was generated',
    });
    assert.deepEqual(await leftoverState(out, 'in/link.ts', generated), {
      keep: 'it is no longer a regular file',
    });
    assert.deepEqual(await leftoverState(out, 'away/target.ts', generated), {
      keep: 'it lies outside the output directory',
    });
    assert.equal(await leftoverState(out, 'in/missing.ts', generated), 'gone');
  });
});
