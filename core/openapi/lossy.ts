import type { Lossy, Service } from '../ir.js';
import type { ImportContext } from './context.js';

/** Warnings that lose nothing generated code could show: names and inlining only. */
const NOT_LOSSY: ReadonlySet<string> = new Set(['alias-inlined', 'renamed', 'security']);

/**
 * Pins each lossy warning to the IR element it concerns (the nearest one at or above its JSON
 * pointer), so that generators can say at that place what the document said and the code cannot.
 * Warnings about the document as a whole (servers, security) stay only in the diagnostics.
 */
export function pinLossy(ctx: ImportContext, service: Service): void {
  const pin = (path: string, note: Lossy) => {
    const element = nearest(ctx, path);
    if (element === undefined || element === service) return;
    const target = element as { lossy?: Lossy[] };
    if (target.lossy?.some((l) => l.code === note.code && l.message === note.message)) return;
    if (target.lossy) target.lossy.push(note);
    else target.lossy = [note];
  };
  for (const d of ctx.diagnostics) {
    if (d.severity !== 'warning' || NOT_LOSSY.has(d.code)) continue;
    pin(d.path, { code: d.code, message: d.message });
  }
}

function nearest(ctx: ImportContext, path: string): object | undefined {
  for (let p = path; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const element = ctx.elements.get(p);
    if (element !== undefined) return element;
    if (p === '') return undefined;
  }
}
