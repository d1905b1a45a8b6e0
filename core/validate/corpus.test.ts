import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { corpusPath } from '../../test/paths.js';
import { isError } from '../diagnostic.js';
import type { ImportResolver } from '../import-resolver.js';
import { loadSpec } from '../load.js';
import { parseServiceJson } from '../parse/service-json.js';
import { validateService } from './index.js';

const FOLDERS = ['apibuilder/spec', 'apibuilder-generator', 'flow'];

describe('real specs validate clean', () => {
  for (const folder of FOLDERS) {
    for (const file of readdirSync(corpusPath(folder)).filter((f) => f.endsWith('.json'))) {
      it(`${folder}/${file}: no errors but unresolved imports`, async () => {
        const result = await loadSpec(readFileSync(corpusPath(folder, file), 'utf8'), { file });
        const errors = result.diagnostics.filter((d) => isError(d) && d.code !== 'unresolved-import');
        assert.deepEqual(
          errors.map((d) => `${d.code} ${d.path}: ${d.message}`),
          [],
        );
      });
    }
  }

  it('apibuilder-api.json with its imports mapped to the sibling files: no findings at all', async () => {
    const dir = corpusPath('apibuilder', 'spec');
    // API Builder names these namespaces io.apibuilder.<short name>.v0.
    const namespaceOf = (file: string) => `io.apibuilder.${file.replace(/^apibuilder-/, '')}.v0`;
    const resolver: ImportResolver = {
      async resolve(uri) {
        const file = /apicollective\/(apibuilder-[a-z]+)\//.exec(uri)?.[1];
        if (file === undefined) return undefined;
        const text = readFileSync(join(dir, `${file}.json`), 'utf8');
        return (await loadSpec(text, { apiJson: { namespace: namespaceOf(file) }, resolver })).service;
      },
    };
    const result = await loadSpec(readFileSync(join(dir, 'apibuilder-api.json'), 'utf8'), {
      apiJson: { namespace: namespaceOf('apibuilder-api') },
      resolver,
    });
    assert.equal(result.imports.length, 3);
    assert.deepEqual(result.diagnostics, []);
  });

  it('a clean spec costs no source-pointer lookups (they are for reporting only)', () => {
    const doc: unknown = JSON.parse(readFileSync(corpusPath('flow', 'flow-api-service.json'), 'utf8'));
    const { service, pointers } = parseServiceJson(doc as Record<string, unknown>, new Map());
    let lookups = 0;
    const counting = {
      get(element: object) {
        lookups++;
        return pointers.get(element);
      },
      set: () => undefined,
    };
    assert.deepEqual(validateService(service, { pointers: counting, imports: [] }), []);
    assert.equal(lookups, 0);
  });
});
