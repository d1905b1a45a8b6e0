import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCanon } from '../../test/run-canon.js';

const scratch = mkdtempSync(join(tmpdir(), 'canon-diff-'));
const file = (name: string, spec: unknown) => {
  writeFileSync(join(scratch, name), typeof spec === 'string' ? spec : JSON.stringify(spec, null, 2));
  return name;
};
const spec = (fields: { name: string; type: string }[]) => ({
  name: 'people',
  models: { user: { fields } },
  resources: {
    user: { operations: [{ method: 'GET', path: '/:id', responses: { 200: { type: 'user' } } }] },
  },
});
const v1 = file(
  'v1.json',
  spec([
    { name: 'id', type: 'string' },
    { name: 'age', type: 'integer' },
  ]),
);
const widened = file(
  'v2.json',
  spec([
    { name: 'id', type: 'string' },
    { name: 'age', type: 'long' },
  ]),
);

describe('canon diff', () => {
  it('classifies a widened output field as breaking (exit 1) and prints {changes, summary}', async () => {
    const run = await runCanon(['diff', v1, widened, '--format', 'json'], scratch);
    assert.equal(run.status, 1, run.stderr);
    const out = JSON.parse(run.stdout) as {
      changes: { rule: string; before: string; after: string }[];
      summary: unknown;
    };
    assert.deepEqual(out.summary, { breaking: 1, warning: 0, info: 0 });
    assert.deepEqual(
      out.changes.map((c) => [c.rule, c.before, c.after]),
      [['response-field-type-widened', 'integer', 'long']],
    );
  });

  it('exits 0 for identical specs', async () => {
    const run = await runCanon(['diff', v1, v1], scratch);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /v1\.json: 0 breaking changes, 0 warnings, 0 info changes/);
  });

  it('re-levels rules from canon.config.json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'canon-diff-config-'));
    writeFileSync(
      join(dir, 'canon.config.json'),
      JSON.stringify({ diff: { rules: { 'response-field-type-widened': 'info' } } }),
    );
    const run = await runCanon(['diff', join(scratch, v1), join(scratch, widened)], dir);
    assert.equal(run.status, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /INFO\n {4}response-field-type-widened/);
  });

  it('rejects an unknown rule id in the config (exit 2)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'canon-diff-config-'));
    writeFileSync(
      join(dir, 'canon.config.json'),
      JSON.stringify({ diff: { rules: { 'no-such-rule': 'off' } } }),
    );
    const run = await runCanon(['diff', join(scratch, v1), join(scratch, widened)], dir);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /"diff\.rules\.no-such-rule": no diff rule has that id/);
  });

  it('exits 1 for an invalid spec and 2 for a missing file or a wrong number of arguments', async () => {
    const broken = file('broken.json', '{"name": ');
    const invalid = await runCanon(['diff', v1, broken], scratch);
    assert.equal(invalid.status, 1);
    assert.match(invalid.stdout, /malformed-json/);
    const oldInvalid = await runCanon(['diff', broken, v1, '--format', 'github'], scratch);
    assert.equal(oldInvalid.status, 1);
    assert.match(
      oldInvalid.stdout,
      /^::error file=v1\.json,title=malformed-json::old version: Malformed JSON/,
    );
    assert.equal((await runCanon(['diff', v1, 'missing.json'], scratch)).status, 2);
    assert.equal((await runCanon(['diff', v1], scratch)).status, 2);
  });
});
