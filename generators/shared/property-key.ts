import { type Code, fixed } from './code.js';
import { isIdentifierName } from './identifier.js';
import { stringLiteral } from './string-literal.js';

/**
 * A wire name as a property key of an interface or type literal: bare when it is an identifier
 * name, quoted and escaped otherwise (`'first-name'`, `'__proto__'`). The wire name itself is
 * never changed.
 *
 * @example propertyKey('first_name') === 'first_name'; propertyKey('a-b') === "'a-b'"
 */
export function propertyKey(wireName: string): Code {
  return isIdentifierName(wireName) && wireName !== '__proto__' ? fixed(wireName) : stringLiteral(wireName);
}

/**
 * A wire name as the key of an interface or type literal member, where `__proto__` is an
 * ordinary property name and so stays bare like any identifier name (as Biome prints it).
 * Object literals keep `propertyKey`, where a bare `__proto__` would set the prototype.
 *
 * @example memberKey('__proto__') === '__proto__'; memberKey('a-b') === "'a-b'"
 */
export function memberKey(wireName: string): Code {
  return isIdentifierName(wireName) ? fixed(wireName) : stringLiteral(wireName);
}
