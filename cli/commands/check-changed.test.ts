import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { runCanon } from '../../test/run-canon.js';

/** A small spec that follows every lint convention. */
function spec(options: { email?: boolean } = {}) {
  const fields = [{ name: 'id', type: 'string' }];
  if (options.email !== false) fields.push({ name: 'email', type: 'string' });
  return {
    name: 'people',
    models: { user: { fields } },
    resources: {
      user: {
        operations: [
          { method: 'GET', path: '/:id', responses: { 200: { type: 'user' }, 401: { type: 'unit' } } },
        ],
      },
    },
  };
}

describe('canon check --changed-since <ref> (temporary git repositories)', () => {
  let repo = '';
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
  const write = (path: string, value: unknown) =>
    writeFileSync(join(repo, path), `${JSON.stringify(value, null, 2)}\n`);
  const check = (...args: string[]) => runCanon(['check', '--changed-since', 'main', ...args], repo);

  beforeEach(() => {
    repo = mkdtempSync(join(tmpdir(), 'canon-changed-'));
    git('init', '-q', '-b', 'main');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'Canon test');
    mkdirSync(join(repo, 'specs'));
    write('specs/user.json', spec());
    write('specs/other.json', { ...spec(), name: 'other' });
    git('add', '.');
    git('commit', '-q', '-m', 'first version');
    git('checkout', '-q', '-b', 'change');
  });
  afterEach(() => rmSync(repo, { recursive: true, force: true }));

  it('compares a renamed spec with its old path: rename plus a removed field fails (exit 1)', async () => {
    git('mv', 'specs/user.json', 'specs/users.json');
    write('specs/users.json', spec({ email: false }));
    git('commit', '-qam', 'rename and break');
    const run = await check('--format', 'json');
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const out = JSON.parse(run.stdout) as { specs: unknown; changes: { rule: string; file: string }[] };
    assert.deepEqual(out.specs, [
      { file: 'specs/users.json', status: 'compared', previousFile: 'specs/user.json' },
    ]);
    assert.deepEqual(
      out.changes.map((c) => [c.file, c.rule]),
      [['specs/users.json', 'response-field-removed']],
    );
  });

  it('passes a rename alone (exit 0), and says so in text', async () => {
    git('mv', 'specs/user.json', 'specs/users.json');
    git('commit', '-qm', 'rename');
    const run = await check();
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /specs\/users\.json \(renamed from specs\/user\.json\): 0 breaking changes/);
    assert.doesNotMatch(run.stdout, /other\.json/);
  });

  it('gates a deleted spec as the removal of what it defined (exit 1)', async () => {
    git('rm', '-q', 'specs/user.json');
    git('commit', '-qm', 'delete');
    const run = await check('--format', 'json', '--no-lint');
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const out = JSON.parse(run.stdout) as { specs: { file: string }[]; summary: { breaking: number } };
    assert.deepEqual(
      out.specs.map((s) => s.file),
      ['specs/user.json'],
    );
    assert.ok(out.summary.breaking > 0);
  });

  it('checks uncommitted and untracked specs, and nothing when nothing changed', async () => {
    assert.equal((await check()).stdout, 'no spec to check: none changed\n');
    write('specs/new.json', { ...spec(), name: 'new' });
    write('specs/user.json', spec({ email: false }));
    const run = await check('--format', 'json', '--no-lint');
    assert.equal(run.status, 1, run.stdout + run.stderr);
    const out = JSON.parse(run.stdout) as { specs: { file: string; status: string }[] };
    assert.deepEqual(out.specs, [
      { file: 'specs/new.json', status: 'new' },
      { file: 'specs/user.json', status: 'compared' },
    ]);
  });

  it('compares with the merge base, so what main gained meanwhile is not this branch’s change', async () => {
    git('checkout', '-q', 'main');
    write('specs/other.json', { ...spec({ email: false }), name: 'other' });
    git('commit', '-qam', 'main moves on');
    git('checkout', '-q', 'change');
    const run = await check();
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.equal(run.stdout, 'no spec to check: none changed\n');
  });

  it('re-checks every spec when canon.config.json changed', async () => {
    write('canon.config.json', { diff: { rules: { 'response-field-removed': 'warning' } } });
    const run = await check('--format', 'json', '--no-lint');
    assert.equal(run.status, 0, run.stdout + run.stderr);
    const out = JSON.parse(run.stdout) as { specs: { file: string }[] };
    assert.deepEqual(
      out.specs.map((s) => s.file),
      ['specs/other.json', 'specs/user.json'],
    );
  });

  it('is a usage error (exit 2) with --against, or without specs/ or named paths', async () => {
    assert.equal((await check('--against', 'main')).status, 2);
    rmSync(join(repo, 'specs'), { recursive: true });
    const run = await check();
    assert.equal(run.status, 2);
    assert.match(run.stderr, /name the directories that hold your specs/);
  });
});
