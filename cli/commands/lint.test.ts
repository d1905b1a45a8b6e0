import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCanon } from '../../test/run-canon.js';

const scratch = mkdtempSync(join(tmpdir(), 'canon-lint-'));
const file = (name: string, spec: unknown) => {
  writeFileSync(join(scratch, name), JSON.stringify(spec, null, 2));
  return name;
};
const spec = file('api.json', {
  name: 'people',
  models: {
    user: {
      fields: [
        { name: 'id', type: 'string' },
        { name: 'firstName', type: 'string' },
      ],
    },
  },
  resources: {
    user: {
      operations: [
        { method: 'GET', path: '/:id/', responses: { 200: { type: 'user' }, 401: { type: 'unit' } } },
      ],
    },
  },
});

describe('canon lint', () => {
  it('reports errors and warnings with lines and exits 1 on errors', async () => {
    const run = await runCanon(['lint', spec, '--format', 'json'], scratch);
    assert.equal(run.status, 1, run.stderr);
    const out = JSON.parse(run.stdout) as {
      findings: { file: string; rule: string; level: string; path: string; line: number }[];
    };
    assert.deepEqual(
      out.findings.map((f) => [f.file, f.rule, f.level, f.path]),
      [
        ['api.json', 'snake-case-names', 'warning', 'models/user/fields/firstName'],
        ['api.json', 'no-trailing-slash', 'error', 'resources/user/operations/GET /users/:id/'],
      ],
    );
    assert.ok(out.findings.every((f) => f.line > 1));
  });

  it('--fail-on never exits 0; github annotations carry the level', async () => {
    const run = await runCanon(['lint', spec, '--fail-on', 'never', '--format', 'github'], scratch);
    assert.equal(run.status, 0);
    assert.match(run.stdout, /^::warning file=api\.json,line=\d+,title=snake-case-names::/m);
    assert.match(run.stdout, /^::warning file=api\.json,line=\d+,title=no-trailing-slash::/m);
  });

  it('follows canon.config.json: rules off, levels, ignored paths', async () => {
    writeFileSync(
      join(scratch, 'canon.config.json'),
      JSON.stringify({ lint: { rules: { 'no-trailing-slash': 'warning' }, ignore: ['models/user'] } }),
    );
    const run = await runCanon(['lint', spec, '--format', 'json'], scratch);
    writeFileSync(join(scratch, 'canon.config.json'), '{}');
    assert.equal(run.status, 0, run.stdout);
    const out = JSON.parse(run.stdout) as { findings: { rule: string; level: string }[] };
    assert.deepEqual(
      out.findings.map((f) => [f.rule, f.level]),
      [['no-trailing-slash', 'warning']],
    );
  });

  it('rejects an unknown --fail-on (exit 2)', async () => {
    assert.equal((await runCanon(['lint', spec, '--fail-on', 'breaking!'], scratch)).status, 2);
  });
});
