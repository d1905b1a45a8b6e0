import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { runCanon } from '../../test/run-canon.js';

/** Version 1 of a small spec that follows every lint convention. */
const V1 = {
  name: 'people',
  enums: { status: { values: [{ name: 'active' }, { name: 'inactive' }] } },
  models: {
    user: {
      fields: [
        { name: 'id', type: 'string' },
        { name: 'email', type: 'string' },
        { name: 'status', type: 'status' },
      ],
    },
    user_form: { fields: [{ name: 'email', type: 'string' }] },
  },
  resources: {
    user: {
      operations: [
        { method: 'GET', path: '/:id', responses: { 200: { type: 'user' }, 401: { type: 'unit' } } },
        {
          method: 'POST',
          body: { type: 'user_form' },
          responses: { 201: { type: 'user' }, 401: { type: 'unit' }, 422: { type: 'unit' } },
        },
      ],
    },
  },
};

const clone = () => JSON.parse(JSON.stringify(V1)) as typeof V1 & Record<string, unknown>;
/** `email` removed from an output model: breaking. */
function breaking() {
  const spec = clone();
  spec.models.user.fields = spec.models.user.fields.filter((f) => f.name !== 'email');
  return spec;
}
/** A value added to an output enum: a warning only. */
function warningOnly() {
  const spec = clone();
  spec.enums.status.values.push({ name: 'banned' });
  return spec;
}

describe('canon check --against <git-ref> (end to end, temporary git repository)', () => {
  let repo = '';
  let base = '';
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
  const write = (spec: unknown, path = 'specs/api.json') =>
    writeFileSync(join(repo, path), `${JSON.stringify(spec, null, 2)}\n`);
  const check = (...args: string[]) =>
    runCanon(['check', 'specs/api.json', '--against', base, ...args], repo);

  before(() => {
    repo = mkdtempSync(join(tmpdir(), 'canon-check-'));
    git('init', '-q');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'Canon test');
    mkdirSync(join(repo, 'specs'));
    write(V1);
    git('add', '.');
    git('commit', '-q', '-m', 'first version');
    base = git('rev-parse', 'HEAD');
  });

  it('passes an unchanged spec (exit 0)', async () => {
    write(V1);
    const run = await check();
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /specs\/api\.json: 0 breaking changes, 0 warnings, 0 info changes/);
    assert.match(run.stdout, /lint 0 errors, 0 warnings/);
  });

  it('fails a breaking change in text (exit 1)', async () => {
    write(breaking());
    const run = await check();
    assert.equal(run.status, 1);
    assert.match(
      run.stdout,
      /BREAKING\n {4}response-field-removed: field 'email' of model 'user' was removed\n {6}at models\/user\/fields\/email \(specs\/api\.json:\d+\)/,
    );
  });

  it('prints {specs, changes, summary, findings} with --format json', async () => {
    write(breaking());
    const run = await check('--format', 'json');
    assert.equal(run.status, 1);
    const out = JSON.parse(run.stdout) as {
      specs: unknown;
      changes: { rule: string; level: string; path: string; file: string; line: number }[];
      summary: unknown;
      findings: unknown[];
    };
    assert.deepEqual(out.specs, [{ file: 'specs/api.json', status: 'compared' }]);
    assert.deepEqual(out.summary, { breaking: 1, warning: 0, info: 0 });
    assert.deepEqual(
      out.changes.map((c) => [c.file, c.rule, c.level, c.path]),
      [['specs/api.json', 'response-field-removed', 'breaking', 'models/user/fields/email']],
    );
    assert.ok(out.changes[0]!.line > 1);
    assert.deepEqual(out.findings, []);
  });

  it('writes a pull-request comment with --format markdown', async () => {
    write(breaking());
    const run = await check('--format', 'markdown');
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^## Canon check: ❌/);
    assert.match(run.stdout, /\| `specs\/api\.json` \| 1 \| 0 \| 0 \| 0 \| 0 \|/);
    assert.match(
      run.stdout,
      /\*\*Breaking changes \(1\)\*\*\n\n- `response-field-removed` field 'email' of model 'user' was removed/,
    );
  });

  it('annotates the spec line with --format github', async () => {
    write(breaking());
    const run = await check('--format', 'github');
    assert.equal(run.status, 1);
    // The removed field is reported at its model in the new version: line 14 of the file above.
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.length, 1);
    assert.match(
      lines[0]!,
      /^::error file=specs\/api\.json,line=\d+,title=response-field-removed::field 'email' of model 'user' was removed/,
    );
    const line = Number(/line=(\d+)/.exec(lines[0]!)![1]);
    const text = JSON.stringify(breaking(), null, 2).split('\n');
    assert.match(text[line - 1]!, /"user": \{/);
  });

  it('writes JUnit XML with --format junit', async () => {
    write(breaking());
    const run = await check('--format', 'junit');
    assert.equal(run.status, 1);
    assert.match(
      run.stdout,
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="canon check" tests="1" failures="1">/,
    );
    assert.match(
      run.stdout,
      /<testcase classname="specs\/api\.json" name="response-field-removed models\/user\/fields\/email">\n\s+<failure type="breaking"/,
    );
  });

  it('passes warnings by default, fails them with --fail-on warning, never fails with --fail-on never', async () => {
    write(warningOnly());
    assert.equal((await check()).status, 0);
    const strict = await check('--fail-on', 'warning', '--format', 'github');
    assert.equal(strict.status, 1);
    assert.match(strict.stdout, /^::error file=specs\/api\.json,line=\d+,title=enum-value-added-to-output::/);
    write(breaking());
    const lenient = await check('--fail-on', 'never', '--format', 'github');
    assert.equal(lenient.status, 0);
    assert.match(lenient.stdout, /^::warning file=specs\/api\.json/);
  });

  it('fails lint errors in the changed spec even without breaking changes', async () => {
    const spec = clone();
    spec.resources.user.operations.push({
      method: 'GET',
      path: '/:id/details/',
      responses: { 200: { type: 'user' }, 401: { type: 'unit' } },
    });
    write(spec);
    const run = await check('--format', 'json');
    assert.equal(run.status, 1);
    const out = JSON.parse(run.stdout) as { summary: unknown; findings: { rule: string; level: string }[] };
    assert.deepEqual(out.summary, { breaking: 0, warning: 0, info: 1 });
    assert.deepEqual(
      out.findings.map((f) => [f.rule, f.level]),
      [['no-trailing-slash', 'error']],
    );
    assert.equal((await check('--no-lint')).status, 0);
  });

  it('treats a spec absent at the ref as new (exit 0) and lints it', async () => {
    write(V1);
    write(breaking(), 'specs/new.json');
    const run = await runCanon(
      ['check', 'specs/api.json', 'specs/new.json', '--against', base, '--format', 'json'],
      repo,
    );
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.deepEqual((JSON.parse(run.stdout) as { specs: unknown }).specs, [
      { file: 'specs/api.json', status: 'compared' },
      { file: 'specs/new.json', status: 'new' },
    ]);
  });

  it('names files relative to the repository top when run from a subdirectory', async () => {
    write(breaking());
    const run = await runCanon(
      ['check', 'api.json', '--against', base, '--format', 'github'],
      join(repo, 'specs'),
    );
    assert.equal(run.status, 1);
    assert.match(run.stdout, /^::error file=specs\/api\.json,/);
  });

  it('fails an invalid spec (exit 1) and names the problem', async () => {
    writeFileSync(join(repo, 'specs/api.json'), '{ "name": "people", ');
    const run = await check();
    assert.equal(run.status, 1);
    assert.match(
      run.stdout,
      /specs\/api\.json: cannot be compared or linted; fix these first:\n {2}line 1: malformed-json/,
    );
  });

  it('fails a spec deleted since the ref: every operation is reported removed (exit 1)', async () => {
    rmSync(join(repo, 'specs/api.json'));
    try {
      const run = await check('--format', 'json');
      assert.equal(run.status, 1, run.stdout + run.stderr);
      const report = JSON.parse(run.stdout) as { changes: { rule: string; level: string; path: string }[] };
      const breaking = report.changes.filter((c) => c.level === 'breaking');
      assert.ok(breaking.length >= 2, run.stdout);
      assert.ok(
        breaking.some((c) => c.path.startsWith('resources/user')),
        run.stdout,
      );
    } finally {
      write(V1);
    }
  });

  it('exits 2 for an unknown ref, a missing file, a missing --against and outside a repository', async () => {
    write(V1);
    const unknown = await runCanon(['check', 'specs/api.json', '--against', 'no-such-branch'], repo);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /git ref 'no-such-branch' does not name a commit/);
    assert.equal((await runCanon(['check', 'specs/missing.json', '--against', base], repo)).status, 2);
    assert.equal((await runCanon(['check', 'specs/api.json'], repo)).status, 2);
    assert.equal((await check('--format', 'xml')).status, 2);
    assert.equal((await check('--fail-on', 'sometimes')).status, 2);
    const outside = mkdtempSync(join(tmpdir(), 'canon-no-git-'));
    writeFileSync(join(outside, 'api.json'), JSON.stringify(V1));
    const run = await runCanon(['check', 'api.json', '--against', 'HEAD'], outside);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /needs a git repository/);
  });
});

describe('canon check --against <git-ref> with imports', () => {
  const common = (fields: string[]) => ({
    name: 'common',
    namespace: 'io.acme.common.v0',
    models: { money: { fields: fields.map((name) => ({ name, type: 'string' })) } },
  });
  const shop = {
    name: 'shop',
    imports: [{ uri: 'https://specs.invalid/common.json' }],
    models: { order: { fields: [{ name: 'total', type: 'io.acme.common.v0.models.money' }] } },
    resources: {
      order: { operations: [{ method: 'GET', path: '/:id', responses: { 200: { type: 'order' } } }] },
    },
  };

  function repository(): { dir: string; git: (...args: string[]) => string } {
    const dir = mkdtempSync(join(tmpdir(), 'canon-check-imports-'));
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
    git('init', '-q');
    git('config', 'user.email', 'test@example.com');
    git('config', 'user.name', 'Canon test');
    mkdirSync(join(dir, 'specs'));
    writeFileSync(join(dir, 'specs', 'shop.json'), JSON.stringify(shop, null, 2));
    writeFileSync(join(dir, 'specs', 'common.json'), JSON.stringify(common(['amount', 'currency'])));
    const imports = { 'https://specs.invalid/common.json': 'specs/common.json' };
    writeFileSync(join(dir, 'canon.config.json'), JSON.stringify({ imports }));
    git('add', '.');
    git('commit', '-q', '-m', 'first version');
    return { dir, git };
  }

  it('reads the imported spec as it was at the ref, so a change in it is reported', async () => {
    const { dir } = repository();
    writeFileSync(join(dir, 'specs', 'common.json'), JSON.stringify(common(['amount'])));
    const run = await runCanon(['check', 'specs/shop.json', '--against', 'HEAD', '--no-lint'], dir);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /1 breaking change/);
    assert.doesNotMatch(run.stdout, /lint/, '--no-lint shows no lint result');
    // The change lies in another file; it is shown at the import that brings the type in.
    assert.match(
      run.stdout,
      /at imports\/default\/common\/models\/money\/fields\/currency \(specs\/shop\.json:4\)/,
    );
    assert.match(
      run.stdout,
      /response-field-removed: field 'currency' of model 'money' of import default\/common/,
    );
  });

  it('follows a committed symbolic link to the imported file, at the ref too', async () => {
    const { dir, git } = repository();
    mkdirSync(join(dir, 'vendor'));
    git('mv', 'specs/common.json', 'vendor/common.json');
    symlinkSync('../vendor/common.json', join(dir, 'specs', 'common.json'));
    git('add', '.');
    git('commit', '-q', '-m', 'vendored');
    const unchanged = await runCanon(['check', 'specs/shop.json', '--against', 'HEAD', '--no-lint'], dir);
    assert.equal(unchanged.status, 0, unchanged.stdout + unchanged.stderr);
    writeFileSync(join(dir, 'vendor', 'common.json'), JSON.stringify(common(['amount'])));
    const changed = await runCanon(['check', 'specs/shop.json', '--against', 'HEAD', '--no-lint'], dir);
    assert.equal(changed.status, 1, changed.stdout + changed.stderr);
    assert.match(changed.stdout, /field 'currency' of model 'money' of import default\/common was removed/);
  });

  it('follows the import mapping of canon.config.json as it was at the ref', async () => {
    const { dir } = repository();
    // The mapping now points at a new file without `currency`; the old file stays as it was.
    writeFileSync(join(dir, 'specs', 'common-v2.json'), JSON.stringify(common(['amount'])));
    const imports = { 'https://specs.invalid/common.json': 'specs/common-v2.json' };
    writeFileSync(join(dir, 'canon.config.json'), JSON.stringify({ imports }));
    const run = await runCanon(['check', 'specs/shop.json', '--against', 'HEAD', '--no-lint'], dir);
    assert.equal(run.status, 1, run.stdout + run.stderr);
    assert.match(run.stdout, /field 'currency' of model 'money' of import default\/common was removed/);
  });
});
