import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type CallEntryParts, callEntry, entryLayout } from './call-entry.js';
import { type Code, fixed } from './code.js';
import { dataArgument } from './data-layout.js';
import { type Layout, printLayout } from './layout.js';
import { objectLayout, propertyLayout } from './syntax.js';

const word = (n: number, c = 'x') => fixed(c.repeat(n));

/** Entries of every shape the client and the mock write, small to wide. */
function variants(): CallEntryParts[] {
  const out: CallEntryParts[] = [];
  const descriptors = [
    dataArgument({ name: 'a.get' }),
    dataArgument({ name: 'users.getById', method: 'GET', path: ['/users/', 'id', ''], success: [200] }),
    dataArgument({
      name: 'orders.post',
      query: ['limit', 'offset', 'sort', 'expand'],
      errors: [401, 404, 422],
    }),
    // A table: it must break, and so does the entry.
    dataArgument({
      name: 't.get',
      success: [
        [200, 'a_long_model_name'],
        [201, 'another_model'],
      ],
    }),
    { layout: fixed('{}') },
  ];
  for (const descriptor of descriptors) {
    for (const keyLength of [1, 12, 40]) {
      for (const tailLength of [0, 20, 70]) {
        const key = fixed(`${'k'.repeat(keyLength)}: `);
        const tail = fixed(` as Promise<${'T'.repeat(tailLength)}>`);
        out.push({
          key,
          parameters: [fixed('params'), fixed('options')],
          callee: fixed('call'),
          descriptor,
          rest: [fixed('undefined'), fixed('params'), fixed('options')],
          tail,
        });
        for (const names of [[fixed('options')], [fixed('body'), fixed('params'), word(30, 'o')]]) {
          out.push({
            key,
            parameters: names,
            callee: fixed('engine.invoke'),
            descriptor,
            rest: [fixed(`'${'m'.repeat(keyLength)}'`)],
            names,
            tail,
          });
        }
      }
    }
  }
  return out;
}

/** The entry inside an object one level in, as the client's resources hold them. */
function inObject(entry: Layout, level: number): Layout {
  let layout = objectLayout([entry, fixed('after: 1') as Code]);
  for (let i = 0; i < level; i++) layout = objectLayout([propertyLayout(fixed('resource'), layout)]);
  return layout;
}

test('a call entry prints what its layout prints, at every width and depth', () => {
  let compared = 0;
  for (const parts of variants()) {
    for (const level of [0, 2]) {
      for (let width = 30; width <= 150; width += 3) {
        const expected = printLayout(inObject(entryLayout(parts), level), width);
        const actual = printLayout(inObject(callEntry(parts), level), width);
        assert.equal(actual, expected, `width ${width}, level ${level}, ${parts.key}${parts.callee}`);
        compared++;
      }
    }
  }
  assert.ok(compared > 5000, `${compared} comparisons`);
});

test('the usual shape is printed without its layout; text that spans lines falls back to it', () => {
  const parts = variants()[0]!;
  assert.equal((callEntry(parts) as { kind?: string }).kind, 'deferred');
  const multiline = { ...parts, tail: fixed(' as Promise<{\n  a: string;\n}>') };
  assert.notEqual((callEntry(multiline) as { kind?: string }).kind, 'deferred');
});
