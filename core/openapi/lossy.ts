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
  const lossy = ctx.diagnostics.filter((d) => d.severity === 'warning' && !NOT_LOSSY.has(d.code));
  if (lossy.length === 0) return;
  const elements = elementsAt(ctx, lossy);
  for (const d of lossy) {
    const element = nearest(elements, d.path);
    if (element === undefined || element === service) continue;
    const target = element as { lossy?: Lossy[] };
    const note = { code: d.code, message: d.message };
    if (target.lossy?.some((l) => l.code === note.code && l.message === note.message)) continue;
    if (target.lossy) target.lossy.push(note);
    else target.lossy = [note];
  }
}

/** The first element placed at each pointer that is a warning's path or one of its prefixes. */
function elementsAt(ctx: ImportContext, warnings: readonly { path: string }[]): Map<string, object> {
  const wanted = new Set<string>();
  for (const { path } of warnings) {
    for (let p = path; !wanted.has(p); p = p.slice(0, p.lastIndexOf('/'))) {
      wanted.add(p);
      if (p === '') break;
    }
  }
  const found = new Map<string, object>();
  for (let i = 0; i < ctx.placedAt.length; i++) {
    const at = ctx.placedAt[i]!;
    if (wanted.has(at) && !found.has(at)) found.set(at, ctx.placed[i]!);
  }
  return found;
}

function nearest(elements: ReadonlyMap<string, object>, path: string): object | undefined {
  for (let p = path; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const element = elements.get(p);
    if (element !== undefined) return element;
    if (p === '') return undefined;
  }
}
