import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { corpusPath } from '../../test/paths.js';
import { safeIdentifier, safeMemberName } from './identifier.js';
import { camelCase, pascalCase, words } from './naming.js';

/** The definitions `pascalCase` and `camelCase` implement in one pass, written out with `words`. */
const capitalize = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
const pascalByWords = (name: string) => safeIdentifier(words(name).map(capitalize).join(''));
function camelByWords(name: string): string {
  const [first = '', ...rest] = words(name);
  return safeMemberName(first.charAt(0).toLowerCase() + first.slice(1) + rest.map(capitalize).join(''));
}

/** Every string key and value of the corpus' documents that looks like a name. */
function corpusNames(): string[] {
  const names = new Set<string>();
  const visit = (value: unknown) => {
    if (typeof value === 'string') {
      if (value.length <= 80) names.add(value);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        names.add(key);
        visit(child);
      }
    }
  };
  for (const dir of ['openapi', 'flow']) {
    for (const file of readdirSync(corpusPath(dir)).filter((f) => f.endsWith('.json')))
      visit(JSON.parse(readFileSync(corpusPath(dir, file), 'utf8')));
  }
  return [...names];
}

describe('pascalCase and camelCase', () => {
  it('name as the examples say', () => {
    assert.equal(pascalCase('user_form'), 'UserForm');
    assert.equal(pascalCase('io.flow.v0'), 'IoFlowV0');
    assert.equal(pascalCase('userId'), 'UserId');
    assert.equal(pascalCase('HTTPServer'), 'HTTPServer');
    assert.equal(pascalCase('2fa-code'), '_2faCode');
    assert.equal(pascalCase('delete'), 'Delete');
    assert.equal(pascalCase(''), '_');
    assert.equal(camelCase('get_by_id'), 'getById');
    assert.equal(camelCase('GetCustomers'), 'getCustomers');
    assert.equal(camelCase('constructor'), 'constructor_');
    assert.equal(camelCase('__proto__'), 'proto');
  });

  it('join the words `words` finds, for every name in the corpus and for awkward input', () => {
    const awkward = [
      'a1B',
      'aBcD',
      'ABC_def',
      '__x__',
      'é_ü',
      'x-1.2',
      'v2Api',
      'a\u0000b',
      '$ref',
      '  ',
      '9',
      'A-',
    ];
    const names = [...corpusNames(), ...awkward];
    assert.ok(names.length > 10_000, 'the corpus gives many names');
    for (const name of names) {
      assert.equal(pascalCase(name), pascalByWords(name), `pascalCase(${JSON.stringify(name)})`);
      assert.equal(camelCase(name), camelByWords(name), `camelCase(${JSON.stringify(name)})`);
    }
  });
});
