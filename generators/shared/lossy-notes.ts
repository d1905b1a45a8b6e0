import type { Lossy } from '../../core/ir.js';

/**
 * Documentation lines for what the source said and the generated code cannot (the importer's
 * lossy notes on the element), so the gap is stated where a reader meets it, not only in a log.
 *
 * @example lossyNotes({ lossy: [{ code: 'tuple-items', message: '…' }] }) → ['Not represented (tuple-items): …']
 */
export function lossyNotes(element: { lossy?: readonly Lossy[] }): string[] {
  return (element.lossy ?? []).map((l) => `Not represented (${l.code}): ${l.message}`);
}
