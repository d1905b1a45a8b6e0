import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  camelCase,
  dataLiteral,
  docComment,
  fileHeader,
  identifier,
  importSpecifier,
  namespaceFileName,
  pascalCase,
  printType,
  propertyKey,
  safeIdentifier,
  stringLiteral,
  UniqueNames,
} from './index.js';

const HOSTILE = [
  "it's",
  'a "quote"',
  'back`tick`',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: hostile input on purpose
  '${process.exit(1)}',
  'end */ start /*',
  'line\nbreak\r\n',
  'sep\u2028par\u2029',
  'nul\u0000after1',
  'lone \ud800 high',
  'lone \udc00 low',
  'pair \ud83d\ude00',
  'bom\ufeff',
  '\\',
  "'; process.exit(1); '",
];

test('stringLiteral round-trips hostile text through the JavaScript parser', () => {
  for (const text of HOSTILE) {
    const literal = stringLiteral(text);
    assert.equal(new Function(`return ${literal};`)(), text, literal);
    assert.doesNotMatch(literal, /[\n\r\u2028\u2029\u0000]/);
  }
});

test('dataLiteral prints data that evaluates back to itself, __proto__ as an own key', () => {
  const value = { a: [1, -2.5, true, null, 'x'], 'b-c': { __proto__x: 'y' }, ['__proto__']: 'own' };
  const printed = dataLiteral(JSON.parse(JSON.stringify(value)));
  const back = new Function(`return ${printed};`)();
  assert.equal(Object.getPrototypeOf(back), Object.prototype);
  assert.deepEqual(JSON.parse(JSON.stringify(back)), JSON.parse(JSON.stringify(value)));
  assert.ok(Object.hasOwn(back, '__proto__'));
});

test('docComment cannot be closed or forged by the text it carries', () => {
  for (const text of HOSTILE) {
    const comment = docComment({ description: `x ${text} y`, deprecation: { description: text } })!;
    assert.equal(new Function(`${comment}\nreturn 1;`)(), 1, comment);
    assert.equal(comment.indexOf('*/'), comment.length - 2);
  }
  assert.equal(docComment({}), undefined);
  assert.match(docComment({ description: '@internal trick' })!, /\\@internal/);
});

test('identifiers are checked and reserved words are avoided', () => {
  const table: [string, string][] = [
    ['delete', 'delete_'],
    ['constructor', 'constructor_'],
    ['__proto__', '__proto___'],
    ['2fa-code', '_2fa_code'],
    ['', '_'],
    ['ok_name', 'ok_name'],
  ];
  for (const [input, expected] of table) assert.equal(safeIdentifier(input), expected);
  assert.throws(() => identifier('class'));
  assert.throws(() => identifier('a b'));
  assert.equal(identifier('user'), 'user');
});

test('naming: PascalCase types, camelCase members, wire names kept as quoted keys', () => {
  const table: [string, string, string][] = [
    ['user_form', 'UserForm', 'userForm'],
    ['io.flow.v0', 'IoFlowV0', 'ioFlowV0'],
    ['first-name', 'FirstName', 'firstName'],
    ['getByID', 'GetByID', 'getByID'],
    ['delete', 'Delete', 'delete'],
    ['constructor', 'Constructor', 'constructor_'],
    ['404', '_404', '_404'],
  ];
  for (const [wire, pascal, camel] of table) {
    assert.equal(pascalCase(wire), pascal);
    assert.equal(camelCase(wire), camel);
  }
  assert.equal(propertyKey('first_name'), 'first_name');
  assert.equal(propertyKey('first-name'), "'first-name'");
  assert.equal(propertyKey('__proto__'), "'__proto__'");
  assert.equal(propertyKey('delete'), 'delete');
});

test('UniqueNames disambiguates in request order', () => {
  const names = new UniqueNames(['Client']);
  assert.equal(names.claim('client', pascalCase('client')), 'Client2');
  assert.equal(names.claim('foo_bar', pascalCase('foo_bar')), 'FooBar');
  assert.equal(names.claim('foo-bar', pascalCase('foo-bar')), 'FooBar2');
  assert.equal(names.claim('foo_bar', pascalCase('foo_bar')), 'FooBar');
});

test('printType maps every IR type', () => {
  const resolve = () => identifier('User');
  const user = { kind: 'model', name: 'user', namespace: 'x' } as const;
  assert.equal(printType({ kind: 'list', of: user }, resolve), 'User[]');
  assert.equal(
    printType({ kind: 'map', of: { kind: 'list', of: user } }, resolve),
    '{ [key: string]: User[] }',
  );
  assert.equal(
    printType({ kind: 'list', of: { kind: 'map', of: user } }, resolve),
    '{ [key: string]: User }[]',
  );
  assert.equal(printType({ kind: 'primitive', name: 'uuid' }, resolve), 'string');
  assert.equal(printType({ kind: 'primitive', name: 'long' }, resolve), 'number');
  assert.equal(printType({ kind: 'unknown', name: 'x' }, resolve), 'unknown');
  assert.equal(
    printType(user, () => undefined),
    'unknown',
  );
});

test('module names are safe and import specifiers relative', () => {
  assert.equal(namespaceFileName('../../etc/x y'), '__.._etc_x_y');
  assert.equal(importSpecifier('client.ts', 'types.ts'), './types.js');
  assert.equal(importSpecifier('types.ts', 'imports/a.b.ts'), './imports/a.b.js');
  assert.equal(importSpecifier('imports/a.ts', 'imports/b.ts'), './b.js');
  assert.equal(importSpecifier('imports/a.ts', 'types.ts'), '../types.js');
});

test('fileHeader names generator, spec and version, escaped, without a timestamp', () => {
  const header = fileHeader('typescript-types', {
    name: 'evil */ name',
    namespace: 'x.v0',
    version: '1.2.3',
  });
  assert.match(header, /typescript-types/);
  assert.match(header, /1\.2\.3/);
  assert.equal(new Function(`${header}\nreturn 1;`)(), 1);
});
