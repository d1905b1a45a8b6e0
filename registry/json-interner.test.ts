import assert from 'node:assert/strict';
import { test } from 'node:test';
import { JsonInterner } from './json-interner.js';

test('equal subtrees become one instance; values never change', () => {
  const interner = new JsonInterner();
  const a = interner.intern({ name: 'user', fields: [{ name: 'id', type: 'string' }], attributes: [] });
  const b = interner.intern({ name: 'account', fields: [{ name: 'id', type: 'string' }], attributes: [] });
  assert.equal(a.fields, b.fields);
  assert.equal(a.attributes, b.attributes);
  assert.deepEqual(a, { name: 'user', fields: [{ name: 'id', type: 'string' }], attributes: [] });
  assert.notEqual(
    interner.intern({ b: 1, a: 2 }),
    interner.intern({ a: 2, b: 1 }),
    'key order is part of the value',
  );
  assert.notEqual(interner.intern(['1']), interner.intern([1]));
  assert.equal(interner.intern(a), a, 'an interned value interns to itself');
});

test('a full table starts over without changing results', () => {
  const interner = new JsonInterner(3);
  const first = interner.intern({ x: [1, 2, { y: 'z' }] });
  for (let i = 0; i < 10; i++) interner.intern({ i });
  assert.deepEqual(interner.intern({ x: [1, 2, { y: 'z' }] }), first);
});

test('the diff engine answers the same for interned IRs', async () => {
  const { readFileSync } = await import('node:fs');
  const { loadSpec } = await import('../core/load.js');
  const { diff } = await import('../core/diff/index.js');
  const { corpusPath } = await import('../test/paths.js');
  const text = readFileSync(corpusPath('apibuilder', 'spec', 'apibuilder-spec.json'), 'utf8');
  const doc = JSON.parse(text) as {
    models: Record<string, { fields: { name: string; type: string; required?: boolean }[] }>;
  };
  const [first, second] = Object.keys(doc.models) as [string, string];
  const changed = structuredClone(doc);
  changed.models[first]!.fields.pop();
  changed.models[second]!.fields.push({ name: 'extra', type: 'string', required: true });
  const load = async (d: unknown) =>
    (await loadSpec(JSON.stringify(d), { apiJson: { version: '1.0.0' } })).service!;
  const [before, after] = [await load(doc), await load(changed)];
  const interner = new JsonInterner();
  const expected = diff(before, after);
  assert.ok(expected.length >= 2);
  const round = (s: unknown) => JSON.parse(JSON.stringify(s));
  assert.deepEqual(diff(interner.intern(round(before)), interner.intern(round(after))), expected);
});
