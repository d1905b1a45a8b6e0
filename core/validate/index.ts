import type { Diagnostic } from '../diagnostic.js';
import type { Service } from '../ir.js';
import type { SourcePointers } from '../source-pointers.js';
import { checkAnnotations } from './annotations.js';
import { ValidationContext } from './context.js';
import { checkDefaults } from './defaults.js';
import { checkDuplicates } from './duplicates.js';
import { checkEnums } from './enums.js';
import { checkHeaders } from './headers.js';
import { checkInterfaces } from './interfaces.js';
import { checkNames } from './names.js';
import { checkOperations } from './operations.js';
import { checkResources } from './resources.js';
import { checkResponses } from './responses.js';
import { checkServiceLevel } from './service-level.js';
import { checkTypeReferences } from './type-refs.js';
import { checkUnionRelations } from './union-relations.js';
import { checkUnions } from './unions.js';

/** The semantic passes, in the order their findings are listed. Each is one file. */
const PASSES: readonly ((ctx: ValidationContext) => void)[] = [
  checkServiceLevel,
  checkNames,
  checkDuplicates,
  checkTypeReferences,
  checkInterfaces,
  checkEnums,
  checkUnions,
  checkUnionRelations,
  checkDefaults,
  checkHeaders,
  checkResources,
  checkOperations,
  checkResponses,
  checkAnnotations,
];

export interface ValidateServiceContext {
  /** Where each IR element came from in the source document. */
  pointers: SourcePointers;
  /** The resolved imported services. */
  imports: Service[];
}

/**
 * Semantic validation of a service: every problem at once, each `{ code, path, message }` with a
 * stable kebab-case code (table in docs/validation.md) and the JSON pointer of the element.
 *
 * @example
 * const problems = validateService(result.service, { pointers: result.pointers, imports: result.imports });
 * // → [{ code: 'unknown-type', path: '/models/user/fields/0/type', message: 'Model[user] Field[id] type[uid] not found. …' }]
 */
export function validateService(service: Service, context: ValidateServiceContext): Diagnostic[] {
  const ctx = new ValidationContext(service, context.pointers, context.imports);
  for (const pass of PASSES) pass(ctx);
  return ctx.diagnostics;
}
