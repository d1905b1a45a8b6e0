import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { repoRoot } from '../../test/paths.js';
import { runCanon } from '../../test/run-canon.js';

const scratch = mkdtempSync(join(tmpdir(), 'canon-validate-'));
const file = (name: string, text: string) => {
  writeFileSync(join(scratch, name), text);
  return name;
};

describe('canon validate', () => {
  it('passes the specs in specs/ and exits 0', async () => {
    const run = await runCanon(['validate', 'specs/common.json', 'specs/examples/user.json'], repoRoot);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /specs\/examples\/user\.json: valid api\.json — user \(5 models/);
  });

  it('reports malformed JSON with line and column, exit 1', async () => {
    const run = await runCanon(['validate', file('broken.json', '{\n  "name": "x",\n')], scratch);
    assert.equal(run.status, 1);
    assert.match(run.stdout, /broken\.json:3:1: error malformed-json: Malformed JSON at line 3, column 1/);
    assert.doesNotMatch(run.stdout + run.stderr, /\n\s+at /, 'no stack trace');
  });

  it('prints {valid, errors} per file with --format json, an array for several files', async () => {
    const good = file('good.json', '{"name": "good"}');
    const bad = file(
      'bad.json',
      '{"name": "bad", "models": {"a": {"fields": [{"name": "f", "type": "[x"}]}}}',
    );
    const one = await runCanon(['validate', '--format', 'json', good], scratch);
    assert.equal(one.status, 0);
    assert.deepEqual(JSON.parse(one.stdout), { file: good, valid: true, errors: [], warnings: [] });
    const many = await runCanon(['validate', '--format', 'json', good, bad], scratch);
    assert.equal(many.status, 1);
    const reports = JSON.parse(many.stdout) as { valid: boolean; errors: { code: string; path: string }[] }[];
    assert.deepEqual(
      reports.map((r) => r.valid),
      [true, false],
    );
    assert.deepEqual(
      reports[1]?.errors.map((e) => [e.code, e.path]),
      [['invalid-type', '/models/a/fields/0/type']],
    );
  });

  it('exits 2 for a missing file, an unknown flag, or no file', async () => {
    const cases: [string[], RegExp][] = [
      [['validate', 'nope.json'], /cannot read nope\.json: no such file/],
      [['validate', '--colour', 'x.json'], /Unknown option '--colour'/],
      [['validate'], /name at least one spec file/],
      [['validate', '--format', 'xml', 'x.json'], /--format xml is not supported/],
    ];
    for (const [args, message] of cases) {
      const run = await runCanon(args, scratch);
      assert.equal(run.status, 2, args.join(' '));
      assert.match(run.stderr, message);
    }
  });

  it('finishes on an import cycle between two mapped specs', async () => {
    const cycle = mkdtempSync(join(tmpdir(), 'canon-cycle-'));
    const spec = (name: string, other: string) =>
      JSON.stringify({
        name,
        imports: [{ uri: `urn:spec:${other}` }],
        models: { [`${name}_thing`]: { fields: [] } },
      });
    writeFileSync(join(cycle, 'a.json'), spec('a', 'b'));
    writeFileSync(join(cycle, 'b.json'), spec('b', 'a'));
    writeFileSync(
      join(cycle, 'canon.config.json'),
      JSON.stringify({ imports: { 'urn:spec:a': 'a.json', 'urn:spec:b': 'b.json' } }),
    );
    const run = await runCanon(['validate', 'a.json'], cycle);
    assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
    assert.match(run.stdout, /a\.json/);
  });

  it('prints help', async () => {
    const run = await runCanon(['validate', '--help'], scratch);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /Usage: canon validate <spec…>/);
  });
});

describe('canon show', () => {
  it("lists each resource's operations as METHOD /path → type", async () => {
    const run = await runCanon(['show', 'specs/examples/user.json'], repoRoot);
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /5 models, 1 enums, 1 unions, 0 interfaces, 1 resources, 5 operations/);
    assert.match(run.stdout, /GET {4}\/users → \[user\]/);
    assert.match(run.stdout, /POST {3}\/users → user \(201\)/);
    assert.match(run.stdout, /DELETE \/users\/:id → unit \(204\)/);
  });
});
