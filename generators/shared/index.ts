/**
 * The helpers every generator uses to turn spec data into code. Nothing from a spec reaches
 * generated code except through these: identifiers are checked, strings escaped, comments
 * escaped, types printed from the IR.
 */

export { type CallEntryParts, callEntry } from './call-entry.js';
export {
  CLIENT_NAMING,
  CLIENT_RUNTIME_NAMES,
  type ClientOperation,
  type ClientResource,
  clientModel,
} from './client-names.js';
export { type Code, code, fixed, indentCode, joinCode, numberLiteral } from './code.js';
export { blockComment, commentLines, type DocParts, docComment } from './comment.js';
export { type DataLayout, dataArgument, dataLayout } from './data-layout.js';
export { fileHeader } from './header.js';
export {
  type Identifier,
  identifier,
  isIdentifierName,
  isSafeIdentifier,
  safeIdentifier,
  safeMemberName,
} from './identifier.js';
export * from './layout.js';
export {
  CLIENT_MODULE,
  CLIENT_RUNTIME_MODULE,
  EVENT_SCHEMAS_RUNTIME_MODULE,
  EVENTS_MODULE,
  EVENTS_NATS_RUNTIME_MODULE,
  EVENTS_RUNTIME_MODULE,
  EVENTS_STORES_RUNTIME_MODULE,
  EXPRESS_ROUTES_RUNTIME_MODULE,
  importedTypesModule,
  importSpecifier,
  MOCK_CLIENT_MODULE,
  MOCK_CLIENT_RUNTIME_MODULE,
  namespaceFileName,
  RUNTIME_FOLDER,
  TYPES_MODULE,
} from './module-names.js';
export { camelCase, pascalCase, UniqueNames, words } from './naming.js';
export {
  MOCK_CLIENT_MEMBERS,
  type ModelOperation,
  type ModelResource,
  methodNameFor,
  type NamedOperation,
  type NamedResource,
  nameTypes,
  operationModel,
  pathPieces,
  type TypeNaming,
} from './operation-model.js';
export { memberKey, propertyKey } from './property-key.js';
export { responsesType } from './responses-type.js';
export {
  clientRuntimeFile,
  eventsRuntimeFile,
  eventsRuntimeFiles,
  expressRoutesRuntimeFile,
  mockClientRuntimeFile,
} from './runtime-files.js';
export * from './source-file.js';
export { dataLiteral, type LiteralObject, type LiteralValue, stringLiteral } from './string-literal.js';
export * from './syntax.js';
export {
  createTypeResolver,
  enumValuesName,
  type TypeResolver,
  type TypeResolverOptions,
  typeNameOf,
  typeNames,
} from './type-names.js';
export { type NamedTypeResolver, printType } from './type-printer.js';
