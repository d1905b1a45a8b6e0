import type { Code } from './code.js';

/** A name checked to be a valid, non-reserved JavaScript/TypeScript identifier. */
export type Identifier = Code & { readonly identifier: true };

/**
 * Words that cannot name a binding in strict-mode ES modules or TypeScript declarations
 * (reserved, strict reserved, and TypeScript's own type keywords that cannot name a type).
 */
const RESERVED: ReadonlySet<string> = new Set([
  'break',
  'case',
  'catch',
  'class',
  'const',
  'continue',
  'debugger',
  'default',
  'delete',
  'do',
  'else',
  'enum',
  'export',
  'extends',
  'false',
  'finally',
  'for',
  'function',
  'if',
  'import',
  'in',
  'instanceof',
  'new',
  'null',
  'return',
  'super',
  'switch',
  'this',
  'throw',
  'true',
  'try',
  'typeof',
  'var',
  'void',
  'while',
  'with',
  'yield',
  'let',
  'static',
  'implements',
  'interface',
  'package',
  'private',
  'protected',
  'public',
  'await',
  'arguments',
  'eval',
  'undefined',
  'NaN',
  'Infinity',
  'any',
  'boolean',
  'never',
  'number',
  'object',
  'string',
  'symbol',
  'unknown',
  'bigint',
  'type',
  'as',
  'async',
  'constructor',
  'declare',
  'get',
  'set',
  'is',
  'keyof',
  'module',
  'namespace',
  'readonly',
  'require',
  'infer',
  'from',
  'of',
  'satisfies',
  'accessor',
  'abstract',
  'asserts',
  'global',
  'out',
  'override',
  'unique',
  'using',
  '__proto__',
]);

const IDENTIFIER_NAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Whether `name` is an ASCII identifier name (reserved words included: fine as property keys). */
export function isIdentifierName(name: string): boolean {
  return IDENTIFIER_NAME.test(name);
}

/** Whether `name` may name a binding, type or member in generated code. */
export function isSafeIdentifier(name: string): boolean {
  return IDENTIFIER_NAME.test(name) && !RESERVED.has(name);
}

/** Checks a name and brands it; throws for anything that is not a safe identifier (a generator bug). */
export function identifier(name: string): Identifier {
  if (!isSafeIdentifier(name)) {
    throw new Error(
      `'${name.slice(0, 80)}' is not a safe identifier; pass it through safeIdentifier() first`,
    );
  }
  return name as Identifier;
}

/**
 * Turns any text into a safe identifier: characters outside `[A-Za-z0-9_$]` become `_`, a
 * leading digit or an empty result gets a `_` prefix, reserved words get a `_` suffix.
 *
 * @example safeIdentifier('delete') === 'delete_'; safeIdentifier('2fa-code') === '_2fa_code'
 */
export function safeIdentifier(text: string): Identifier {
  let name = text.replace(/[^A-Za-z0-9_$]/g, '_');
  if (name === '' || /^[0-9]/.test(name)) name = `_${name}`;
  if (RESERVED.has(name)) name = `${name}_`;
  return name as Identifier;
}

/** Member names that mean something else in classes or object literals. */
const SPECIAL_MEMBERS: ReadonlySet<string> = new Set(['constructor', '__proto__', 'prototype']);

/**
 * Turns any text into a safe member name (method or property of generated objects, interfaces
 * and classes): keywords such as `delete` or `get` are fine there, `constructor`, `__proto__` and
 * `prototype` are not and get a `_` suffix.
 *
 * @example safeMemberName('delete') === 'delete'; safeMemberName('constructor') === 'constructor_'
 */
export function safeMemberName(text: string): Identifier {
  let name = text.replace(/[^A-Za-z0-9_$]/g, '_');
  if (name === '' || /^[0-9]/.test(name)) name = `_${name}`;
  if (SPECIAL_MEMBERS.has(name)) name = `${name}_`;
  return name as Identifier;
}
