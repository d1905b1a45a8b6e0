import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LazySourcePointers } from './source-pointers.js';

test('elements, children and list items all map to their pointers, recorded before or after the first lookup', () => {
  const pointers = new LazySourcePointers();
  const model = {};
  const named = {};
  const fields = [{}, {}, {}];
  const values = [{}, {}];
  pointers.set(model, '/models/3');
  pointers.setItems(fields, '/models/3/fields');
  pointers.setChild(named, '/models', 'a/b~c');
  pointers.setItems([], '/empty');
  pointers.setItems(values, '/enums/0/values');

  assert.equal(pointers.get(model), '/models/3');
  assert.equal(pointers.get(fields[0]!), '/models/3/fields/0');
  assert.equal(pointers.get(fields[2]!), '/models/3/fields/2');
  assert.equal(pointers.get(values[1]!), '/enums/0/values/1');
  assert.equal(pointers.get(named), '/models/a~1b~0c', 'segments are escaped as RFC 6901 says');
  assert.equal(pointers.get({}), undefined);

  const late = [{}, {}];
  const single = {};
  pointers.setItems(late, '/resources/1/operations');
  pointers.set(single, '/headers/0');
  assert.equal(pointers.get(late[1]!), '/resources/1/operations/1');
  assert.equal(pointers.get(single), '/headers/0');
  assert.equal(pointers.get(fields[1]!), '/models/3/fields/1');
});

test('an element recorded on its own wins over the list that also holds it', () => {
  const pointers = new LazySourcePointers();
  const items = [{}, {}];
  pointers.setItems(items, '/parameters');
  pointers.setChild(items[0]!, '/operations/0/parameters', 4);
  assert.equal(pointers.get(items[0]!), '/operations/0/parameters/4');
  assert.equal(pointers.get(items[1]!), '/parameters/1');
});
