import { type Code, fixed } from './code.js';
import type { Identifier } from './identifier.js';
import { LINE_WIDTH, type Statement } from './source-file.js';
import { arrayLayout, callLayout } from './syntax.js';

const FREEZE = 'globalThis.Object.freeze';

/**
 * `export const name: type = globalThis.Object.freeze([a, b]);` for items that are one-line
 * literals (an enum's values), printed as text: the printer would break it exactly so (the call
 * hugs the array; the value moves under the `=` when even `freeze(` does not fit after it), and
 * a types module holds one per enum. The one width where the printer breaks the call itself is
 * left to the printer.
 */
export function frozenArrayConstant(parts: {
  name: Identifier;
  type: Code;
  items: readonly Code[];
  docs?: Code | undefined;
}): Statement {
  const head = `export const ${parts.name}: ${parts.type} =`;
  const text = frozenArrayText(head, parts.items);
  if (text !== undefined) return { kind: 'code', docs: parts.docs, code: fixed(text) };
  return {
    kind: 'const',
    name: parts.name,
    exported: true,
    docs: parts.docs,
    type: parts.type,
    value: callLayout(fixed(FREEZE), [
      {
        layout: arrayLayout(parts.items.map((layout) => ({ layout, kind: 'other', size: 0 }))),
        ...(parts.items.length > 0 ? { huggable: 'array' as const } : {}),
      },
    ]),
  };
}

function frozenArrayText(head: string, items: readonly Code[]): string | undefined {
  if (items.length === 0) return undefined;
  // After the `=` on its line, or on the next line two columns in.
  const sameLine = head.length + 1 + FREEZE.length + 1 <= LINE_WIDTH;
  const start = sameLine ? `${head} ` : `${head}\n  `;
  const column = sameLine ? head.length + 1 : 2;
  const flat = `${FREEZE}([${items.join(', ')}]);`;
  if (column + flat.length <= LINE_WIDTH) return start + flat;
  // Hugged: `freeze([` ends the line, one item per line, `]);` under the call.
  if (column + FREEZE.length + 2 > LINE_WIDTH) return undefined;
  const indent = sameLine ? '  ' : '    ';
  const close = sameLine ? ']);' : '  ]);';
  return `${start}${FREEZE}([\n${indent}${items.join(`,\n${indent}`)},\n${close}`;
}
