import type { Response } from '../../core/ir.js';
import { type Code, fixed, joinCode } from './code.js';
import { type NamedTypeResolver, printType } from './type-printer.js';

/**
 * The TypeScript type a set of responses produces (`undefined` for unit), deduplicated: what a
 * client method resolves to, and so what the mock client's does too.
 */
export function responsesType(responses: readonly Response[], resolve: NamedTypeResolver): Code {
  const printed = [...new Set(responses.map((r) => printType(r.type, resolve)))];
  return printed.length === 0 ? fixed('undefined') : joinCode(printed, ' | ');
}
