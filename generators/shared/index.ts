/**
 * The helpers every generator uses to turn spec data into code. Nothing from a spec reaches
 * generated code except through these: identifiers are checked, strings escaped, comments
 * escaped, types printed from the IR.
 */
export { type Code, code, fixed, indentCode, joinCode, numberLiteral } from './code.js';
export { blockComment, commentLines, type DocParts, docComment } from './comment.js';
export { fileHeader } from './header.js';
export {
  type Identifier,
  identifier,
  isIdentifierName,
  isSafeIdentifier,
  safeIdentifier,
  safeMemberName,
} from './identifier.js';
export {
  CLIENT_MODULE,
  importedTypesModule,
  importSpecifier,
  MOCK_CLIENT_MODULE,
  namespaceFileName,
  TYPES_MODULE,
} from './module-names.js';
export { camelCase, pascalCase, UniqueNames, words } from './naming.js';
export { propertyKey } from './property-key.js';
export * from './source-file.js';
export {
  dataLiteral,
  formattedStringLiteral,
  type LiteralObject,
  type LiteralValue,
  stringLiteral,
} from './string-literal.js';
export { type NamedTypeResolver, printType } from './type-printer.js';
