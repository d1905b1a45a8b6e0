import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { loadSpec } from '../../core/load.js';
import { trace } from './trace.js';

const load = async (path: string) => {
  const text = await readFile(new URL(`../../../${path}`, import.meta.url), 'utf8');
  return (await loadSpec(text)).service!;
};

describe('the personal_data trace over Flow Commerce specs', () => {
  it('finds the annotated fields, the types and operations that reach them, and skips the rest', async () => {
    const api = await load('fixtures/corpus/flow/flow-api-service.json');
    const splashpage = await load('fixtures/corpus/flow/splashpage.json');
    const traced = trace([splashpage, api]);
    assert.equal(traced.services, 2);
    assert.equal(traced.fields.length, 270);
    assert.ok(traced.fields.some((f) => f.type === 'ach_authorization_form' && f.field === 'account_number'));
    // address_verification has no annotated field: it reaches one through its `address` field.
    const verification = traced.types.find((t) => t.name === 'address_verification');
    assert.equal(verification?.via, 'address → io.flow.v0.address');
    const post = traced.operations.find((o) => o.method === 'POST' && o.path === '/addresses/verifications');
    assert.deepEqual([post?.request, post?.response], [true, true]);
    assert.ok(
      !traced.types.some((t) => t.service === `${splashpage.organization.key}/${splashpage.application.key}`),
    );
    // The same services in another order give the same trace.
    assert.deepEqual(trace([api, splashpage]), traced);
    assert.deepEqual(trace([api], 'no_such_annotation').types, []);
  });
});
