import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { corpusPath } from '../../test/paths.js';
import { loadSpec } from '../load.js';
import { lint } from './index.js';

describe("lint on Flow's merged API (fixtures/corpus/flow/flow-api-service.json)", () => {
  it('finds what docs/lint-flow.md records and explains', async () => {
    const result = await loadSpec(readFileSync(corpusPath('flow', 'flow-api-service.json'), 'utf8'));
    assert.ok(result.service);
    const counts: Record<string, number> = {};
    for (const f of lint(result.service)) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
    assert.deepEqual(counts, {
      'event-upserted-has-deleted': 11,
      'event-field-order': 1,
      'event-deleted-has-id': 6,
      'event-upserted-payload-has-id': 26,
      'union-discriminator': 1,
      'snake-case-names': 1,
      'form-naming': 6,
      'list-paging-parameters': 2,
    });
  });
});
