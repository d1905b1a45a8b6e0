import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { packTarball } from './tarball.js';

const FILES = [
  { path: 'package.json', contents: '{ "name": "x", "version": "1.0.0" }\n' },
  { path: `dist/esm/${'deep/'.repeat(25)}types.d.ts`, contents: 'export type Ünïcode = "é";\n' },
  { path: 'dist/cjs/index.js', contents: '' },
];

test('packTarball: the same files give the same bytes and integrity, in any order', () => {
  const one = packTarball(FILES);
  const two = packTarball([...FILES].reverse());
  assert.ok(one.bytes.equals(two.bytes));
  assert.equal(one.integrity, `sha512-${createHash('sha512').update(one.bytes).digest('base64')}`);
  assert.equal(one.shasum, createHash('sha1').update(one.bytes).digest('hex'));
});

test('packTarball: tar reads it back, long paths and UTF-8 included, as npm pack lays it out', () => {
  const dir = mkdtempSync(join(tmpdir(), 'canon-tar-'));
  try {
    const file = join(dir, 'p.tgz');
    writeFileSync(file, packTarball(FILES).bytes);
    const listing = execFileSync('tar', ['-tvzf', file], { encoding: 'utf8' }).trim().split('\n');
    assert.equal(listing.length, 3);
    assert.ok(listing.every((line) => line.startsWith('-rw-r--r--')));
    execFileSync('tar', ['-xzf', file, '-C', dir]);
    for (const { path, contents } of FILES)
      assert.equal(readFileSync(join(dir, 'package', path), 'utf8'), contents);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
