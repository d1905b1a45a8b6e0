import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { corpusPath, repoRoot } from '../../test/paths.js';
import { runCanon } from '../../test/run-canon.js';

const scratch = mkdtempSync(join(tmpdir(), 'canon-convert-'));

describe('canon convert', () => {
  it('writes OpenAPI 3.1 from api.json, as YAML for a .yaml name, and diff against the source finds no change', async () => {
    const run = await runCanon(
      ['convert', 'specs/examples/user.json', '--to', 'openapi', '--out', join(scratch, 'user.yaml')],
      repoRoot,
    );
    assert.equal(run.status, 0, run.stderr);
    const doc = parse(readFileSync(join(scratch, 'user.yaml'), 'utf8')) as { openapi: string; paths: object };
    assert.equal(doc.openapi, '3.1.0');
    assert.ok(Object.keys(doc.paths).length > 0);
    const diff = await runCanon(['diff', 'specs/examples/user.json', join(scratch, 'user.yaml')], repoRoot);
    assert.equal(diff.status, 0, diff.stdout + diff.stderr);
    assert.match(diff.stdout, /0 breaking changes, 0 warnings, 0 info changes/);
  });

  it('writes api.json from an OpenAPI document, summarizes warnings by code on stderr, and the result loads', async () => {
    const out = join(scratch, 'twilio.api.json');
    const run = await runCanon(
      ['convert', corpusPath('openapi', 'twilio_api_v2010.json'), '--to', 'api.json', '--out', out],
      scratch,
    );
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stderr, /warnings \(.*header-type ×166/);
    const apiJson = JSON.parse(readFileSync(out, 'utf8')) as {
      name: string;
      models: object;
      resources: object;
    };
    assert.equal(apiJson.name, 'Twilio - Api');
    assert.equal(Object.keys(apiJson.models).length, 150);
    const show = await runCanon(['show', out], scratch);
    assert.match(show.stdout, /150 models, 180 enums/);
  });

  it('prints to stdout without --out; refuses a missing or unknown --to with exit 2', async () => {
    writeFileSync(
      join(scratch, 'tiny.json'),
      JSON.stringify({ openapi: '3.0.3', info: { title: 'tiny', version: '1.0.0' }, paths: {} }),
    );
    const run = await runCanon(['convert', 'tiny.json', '--to', 'openapi'], scratch);
    assert.equal(run.status, 0, run.stderr);
    assert.equal((JSON.parse(run.stdout) as { info: { title: string } }).info.title, 'tiny');
    assert.equal((await runCanon(['convert', 'tiny.json'], scratch)).status, 2);
    const wrong = await runCanon(['convert', 'tiny.json', '--to', 'avro'], scratch);
    assert.equal(wrong.status, 2);
    assert.match(wrong.stderr, /--to must be one of: openapi, api\.json/);
  });

  it('exits 1 with the errors when the OpenAPI document has broken references, and still converts', async () => {
    writeFileSync(
      join(scratch, 'broken.json'),
      JSON.stringify({
        openapi: '3.0.3',
        info: { title: 'broken', version: '1.0.0' },
        paths: {},
        components: {
          schemas: { A: { type: 'object', properties: { b: { $ref: '#/components/schemas/Missing' } } } },
        },
      }),
    );
    const run = await runCanon(
      ['convert', 'broken.json', '--to', 'openapi', '--out', 'broken.out.json'],
      scratch,
    );
    assert.equal(run.status, 1);
    assert.match(run.stderr, /missing-ref: \$ref '#\/components\/schemas\/Missing' points to nothing/);
    assert.ok(readFileSync(join(scratch, 'broken.out.json'), 'utf8').includes('"A"'));
  });
});
